// The live wiki: the demo host agent opens the urban-ecology plan's wiki, creates a page and
// lands on it; a stock Yjs client (npm `yjs` with `y-websocket`, in this test's Node process,
// with the agent's session cookie) joins the page's room over the standard protocol, writes
// Markdown and receives what another stock client writes; the page, reloaded, shows the text
// rendered by the server. axe-core checks both pages, never wider than the screen.
import { test, expect, BrowserContext } from "@playwright/test";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import { checkAccessibility, hydrated, signIn } from "./helpers";

// A WebSocket class for y-websocket that sends the browser context's cookies.
async function socketWithCookies(context: BrowserContext) {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie } });
    }
  };
}

// A stock Yjs client on page `page` of space `space`, synced with the server.
async function stockClient(baseURL: string, space: string, page: string, polyfill: unknown) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseURL.replace(/^http/, "ws")}/espaces/${space}/wiki/ws`, page, doc, {
    WebSocketPolyfill: polyfill as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once("sync", () => resolve());
  });
  return { doc, provider, text: doc.getText("body") };
}

test("a page is created, written by stock Yjs clients and read rendered", async ({ page, context, baseURL }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const title = `Itinéraires ${test.info().project.name} ${Date.now()}`;

  await signIn(page, "agent@parvis.localhost", "/espaces");
  await hydrated(page);
  await page.getByRole("link", { name: "Plan écologie urbaine" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan écologie urbaine" })).toBeVisible();
  await page.getByRole("navigation", { name: /./ }).getByRole("link", { name: "Wiki" }).first().click();
  await expect(page).toHaveURL(/\/wiki$/);
  await hydrated(page);
  await checkAccessibility(page);
  await page.getByLabel("Titre de la page").fill(title);
  await page.getByRole("button", { name: "Créer la page" }).click();
  await expect(page).toHaveURL(/\/wiki\/\d+$/);
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(page.getByText("Cette page est encore vide.")).toBeVisible();
  const [, space, id] = page.url().match(/\/espaces\/(\d+)\/wiki\/(\d+)$/)!;

  const polyfill = await socketWithCookies(context);
  const first = await stockClient(baseURL!, space, id, polyfill);
  const second = await stockClient(baseURL!, space, id, polyfill);
  try {
    first.text.insert(0, "## La piste du canal\n\nOuverte **le dimanche**.");
    await expect.poll(() => second.text.toString(), { timeout: 10_000 }).toContain("le dimanche");
    second.text.insert(second.text.length, "\n\nÉlargie en 2027.");
    await expect.poll(() => first.text.toString(), { timeout: 10_000 }).toContain("2027");
    expect(first.text.toString()).toEqual(second.text.toString());
    // The other client's presence arrives with the name the server knows.
    first.provider.awareness.setLocalStateField("user", { name: "Quelqu'un d'autre" });
    await expect
      .poll(() => [...second.provider.awareness.getStates().values()].map((s) => s.user?.name), { timeout: 10_000 })
      .toContain("Agathe Agent");
    const names = [...second.provider.awareness.getStates().values()].map((s) => s.user?.name);
    expect(names).not.toContain("Quelqu'un d'autre");
  } finally {
    first.provider.destroy();
    second.provider.destroy();
  }

  // Readers get the text as stored, then its revision once editing is quiet: either holds
  // both clients' text once the last revision is cut.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Élargie en 2027.")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 2, name: "La piste du canal" })).toBeVisible();
  await expect(page.locator(".wiki-page strong")).toHaveText("le dimanche");
  await expect(page.getByText("Élargie en 2027.")).toBeVisible();
  await checkAccessibility(page);
  expect(errors).toEqual([]);
});
