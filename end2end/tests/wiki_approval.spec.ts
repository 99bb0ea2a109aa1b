// The wiki with approval on: a host agent creates a public space with the wiki, writes a page,
// switches approval on, then edits again; a visitor keeps reading the approved revision until
// the agent approves the new one from the page's history.
import { test, expect, Page } from "@playwright/test";
import { checkAccessibility, hydrated, signIn } from "./helpers";

// Reloads `page` until `check` passes (a revision is cut within seconds of editing going quiet).
async function eventually(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 45_000 });
}

test("with approval on, readers see the approved revision until an animator approves the next", async ({ page, browser }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const name = `Wiki relu ${test.info().project.name} ${Date.now()}`;

  await signIn(page, "agent@parvis.localhost", "/espaces");
  await hydrated(page);
  await page.getByLabel("Modèle").selectOption("plan");
  await page.getByLabel("Nom de l'espace").fill(name);
  await page.getByLabel("Visibilité").selectOption("public");
  await page.getByRole("button", { name: "Créer l'espace" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const space = page.url();
  await page.goto(`${space}/wiki`);
  await hydrated(page);
  await page.getByLabel("Titre de la page").fill("Charte");
  await page.getByRole("button", { name: "Créer la page" }).click();
  await expect(page).toHaveURL(/\/wiki\/\d+$/);
  const pageUrl = page.url();

  // Writes `text` at the end of the page in its editor, then waits until readers get it.
  const write = async (text: string) => {
    await page.goto(`${pageUrl}/modifier`);
    await hydrated(page);
    await expect(page.locator(".wiki-status")).toHaveAttribute("data-state", "live");
    const source = page.locator("#wiki-source");
    await source.focus();
    await source.press("ControlOrMeta+End");
    await source.pressSequentially(text, { delay: 20 });
    await expect(page.locator(".wiki-preview")).toContainText(text.trim());
  };
  await write("Première version.");
  const history = await page.context().newPage();
  await history.goto(`${pageUrl}/historique`);
  await eventually(history, () => expect(history.locator("ol.history li")).toHaveCount(1, { timeout: 1_000 }));

  await history.goto(`${space}/wiki`);
  await hydrated(history);
  await history.getByRole("button", { name: "Faire approuver les modifications" }).click();
  await expect(history.getByText("Les modifications attendent l'approbation")).toBeVisible();

  await write("\n\nDeuxième version.");
  await history.goto(`${pageUrl}/historique`);
  await eventually(history, () => expect(history.locator("ol.history li")).toHaveCount(2, { timeout: 1_000 }));
  await hydrated(history);
  await checkAccessibility(history);

  const visitorContext = await browser.newContext({ ...test.info().project.use });
  const visitor = await visitorContext.newPage();
  await visitor.goto(pageUrl);
  await expect(visitor.locator(".wiki-page")).toContainText("Première version.");
  await expect(visitor.locator(".wiki-page")).not.toContainText("Deuxième version.");

  await history.getByRole("button", { name: "Approuver la révision 2" }).click();
  await expect(history.locator("ol.history li").first()).toContainText("approuvée");
  await visitor.reload();
  await expect(visitor.locator(".wiki-page")).toContainText("Deuxième version.");
  await visitorContext.close();
  await history.close();
  expect(errors).toEqual([]);
});
