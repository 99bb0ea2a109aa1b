// The server decides who writes in the wiki, seen from outside the app's own editor: a
// reader's socket (a stock `ws` client in this test's Node process, with the reader's session
// cookie) that forges a Yjs update is closed and the page keeps its text; a contributor
// demoted to reader while editing sees the editor stop within seconds, then writes again once
// an animator gives the role back.
import { test, expect } from "@playwright/test";
import * as Y from "yjs";
import WebSocket from "ws";
import { hydrated, signIn } from "./helpers";

// A length as lib0 writes it (7 bits a byte, the high bit saying more follows).
function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

test("a reader's forged update is refused and a demoted editor stops", async ({ page, browser, baseURL }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, "agent@parvis.localhost", "/espaces");
  await hydrated(page);
  await page.getByRole("link", { name: "Plan écologie urbaine" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan écologie urbaine" })).toBeVisible();
  await page.getByRole("navigation", { name: /./ }).getByRole("link", { name: "Wiki" }).first().click();
  await expect(page).toHaveURL(/\/wiki$/);
  await hydrated(page);
  await page.getByLabel("Titre de la page").fill(`Accès ${test.info().project.name} ${Date.now()}`);
  await page.getByRole("button", { name: "Créer la page" }).click();
  await expect(page).toHaveURL(/\/wiki\/\d+$/);
  const pageUrl = page.url();
  const [, space, id] = pageUrl.match(/\/espaces\/(\d+)\/wiki\/(\d+)$/)!;

  // The reader's own socket sends an update: the server closes it (1008) and keeps nothing.
  const readerContext = await browser.newContext({ ...test.info().project.use });
  const reader = await readerContext.newPage();
  await signIn(reader, "contact@association-abeilles.example", "/espaces");
  await expect(reader.getByRole("link", { name: "Plan écologie urbaine" }).first()).toBeVisible();
  const cookie = (await readerContext.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const doc = new Y.Doc();
  doc.getText("body").insert(0, "Texte forgé");
  const update = Y.encodeStateAsUpdate(doc);
  const code = await new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`${baseURL!.replace(/^http/, "ws")}/espaces/${space}/wiki/ws/${id}`, {
      headers: { Cookie: cookie },
    });
    // A sync message (0), an update (2), its length, the update.
    ws.on("open", () => ws.send(Buffer.from([0, 2, ...varUint(update.length), ...update])));
    ws.on("close", (closed) => resolve(closed));
    ws.on("error", reject);
    setTimeout(() => reject(new Error("the reader's socket was not closed")), 15_000);
  });
  expect(code).toBe(1008);
  await readerContext.close();
  await page.reload();
  await expect(page.getByText("Cette page est encore vide.")).toBeVisible();
  await expect(page.getByText("Texte forgé")).toHaveCount(0);

  // A contributor editing the page is demoted: the editor stops; given the role back, she
  // writes again.
  const other = await browser.newContext({ ...test.info().project.use });
  const second = await other.newPage();
  second.on("pageerror", (e) => errors.push(e.message));
  await signIn(second, "correspondante.dpe@parvis.localhost", "/espaces");
  await expect(second.getByRole("link", { name: "Plan écologie urbaine" }).first()).toBeVisible();
  await second.goto(`${pageUrl}/modifier`);
  await hydrated(second);
  await expect(second.locator(".wiki-status")).toHaveAttribute("data-state", "live");
  const members = await (await page.request.post("/api/espaces/members", { form: { id: space } })).json();
  const coralie = members.members.find((m: { name: string }) => m.name.startsWith("Coralie"));
  expect(coralie?.role).toBe("contributor");
  const setRole = (role: string) =>
    page.request.post("/api/espaces/set_role", { form: { id: space, user_id: String(coralie.user_id), role } });
  try {
    expect((await setRole("reader")).status()).toBe(200);
    await expect(second.locator(".wiki-status")).toHaveAttribute("data-state", "ended", { timeout: 15_000 });
    await expect(second.locator("#wiki-source")).toHaveAttribute("readonly", /.*/);
  } finally {
    expect((await setRole("contributor")).status()).toBe(200);
  }
  await second.reload();
  await hydrated(second);
  await expect(second.locator(".wiki-status")).toHaveAttribute("data-state", "live");
  await other.close();
  expect(errors).toEqual([]);
});
