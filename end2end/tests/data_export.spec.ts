// "My data": a person asks for their archive on /compte, the job prepares it and mails a link
// (read here from the server's outbox), the link downloads a ZIP of JSON files (and the CV of
// a candidate who uploaded one) — with JavaScript and without.
import { test, expect, APIRequestContext } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { checkAccessibility, hydrated, noScript, signInPlainly, signUp } from "./helpers";

// The link of the "my data" mail to `email`, once the job has sent it.
async function mailedLink(email: string): Promise<string> {
  const outbox = path.join(process.env.PARVIS_E2E_DATA_DIR!, "outbox");
  let link = "";
  await expect
    .poll(
      () => {
        const mails = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith(".eml")) : [];
        for (const name of mails) {
          // Quoted-printable soft line breaks joined.
          const mail = fs.readFileSync(path.join(outbox, name), "utf8").replace(/=\r?\n/g, "");
          const found = mail.match(/\/compte\/donnees\/[0-9a-f]{64}/);
          if (mail.includes(email) && found) link = found[0];
        }
        return link;
      },
      { timeout: 30_000 },
    )
    .not.toBe("");
  return link;
}

// The entries of a ZIP (name → content), read from its central directory with Node's zlib.
function unzip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  expect(end, "end of central directory").toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    entries.set(name, method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

async function download(request: APIRequestContext, link: string): Promise<Map<string, Buffer>> {
  const response = await request.get(link, { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/zip");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="parvis-mes-donnees-/);
  expect(response.headers()["cache-control"]).toBe("private, no-store");
  return unzip(await response.body());
}

test("a new member asks for her data and downloads the archive the mail links to", async ({ page, browser }, testInfo) => {
  const email = `dana-${testInfo.project.name}-${Date.now()}@example.org`;
  await signUp(page, "Dana Données", email);
  await hydrated(page);
  const section = page.locator("#mes-donnees");
  await expect(section.getByRole("heading", { name: "Mes données" })).toBeVisible();
  await expect(section.getByText("Vous n'avez pas demandé d'archive récemment.")).toBeVisible();
  await checkAccessibility(page);
  await section.getByRole("button", { name: "Demander mes données" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Demande enregistrée" })).toBeVisible();

  const link = await mailedLink(email);
  const entries = await download(page.request, link);
  for (const name of ["README.txt", "account.json", "applications.json", "fiches.json", "sessions.json"]) {
    expect([...entries.keys()]).toContain(name);
  }
  expect(JSON.parse(entries.get("account.json")!.toString("utf8")).account.email).toBe(email);
  expect(entries.get("README.txt")!.toString("utf8")).toContain("notes privées des agents");

  await page.reload();
  await hydrated(page);
  await expect(section.locator("[data-state=ready]")).toContainText("est prête");
  await checkAccessibility(page);

  // Someone else, signed in, following the same link learns nothing.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await signUp(stranger, "Ève Autre", `eve-${testInfo.project.name}-${Date.now()}@example.org`);
  await stranger.goto(link);
  await expect(stranger).toHaveURL(/\/compte\?donnees=inconnu/);
  await expect(stranger.getByRole("alert").filter({ hasText: "pas valable pour ce compte" })).toBeVisible();
  await other.close();
});

test("the demo candidate gets her CV and applications in the archive without JavaScript", async ({ browser }) => {
  const page = await noScript(browser);
  await signInPlainly(page, "candidat@parvis.localhost");
  const section = page.locator("#mes-donnees");
  // The phone and desktop runs share the demo account: a request may be on its way already.
  const button = section.getByRole("button", { name: "Demander mes données" });
  if (await button.isVisible()) await button.click();
  await expect(page).toHaveURL(/\/compte/);
  await expect(section.locator("[data-state]")).toBeVisible();

  const link = await mailedLink("candidat@parvis.localhost");
  const entries = await download(page.request, link);
  expect(entries.get("files/cv.pdf")!.subarray(0, 5).toString()).toBe("%PDF-");
  const applications = JSON.parse(entries.get("applications.json")!.toString("utf8"));
  expect(applications.length).toBeGreaterThan(0);
  expect(applications[0]).toHaveProperty("agents_notes");
  await page.context().close();
});
