// The wiki's page tree, share links and files: a host agent makes a space and a page, then a
// sub-page from that page, moves it to the top and back under it; shares the page with
// someone outside the space (a browser with no account reads it; the link ends once revoked);
// pastes an image into the editor, which becomes a document of the space shown in the
// preview; signing out forgets what the editor kept in the browser. axe-core checks the reading page with its new panels and the shared page.
import { test, expect } from "@playwright/test";
import { checkAccessibility, hydrated, signIn } from "./helpers";

// A 1×1 PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

test("pages sit in a tree, are shared by a link, and take pasted images", async ({ page, browser }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const name = `Wiki arbre ${test.info().project.name} ${Date.now()}`;

  await signIn(page, "agent@parvis.localhost", "/espaces");
  await hydrated(page);
  await page.getByLabel("Modèle").selectOption("plan");
  await page.getByLabel("Nom de l'espace").fill(name);
  await page.getByRole("button", { name: "Créer l'espace" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const space = page.url();
  await page.goto(`${space}/wiki`);
  await hydrated(page);
  await page.getByLabel("Titre de la page").fill("Quartiers");
  await page.getByRole("button", { name: "Créer la page" }).click();
  await expect(page).toHaveURL(/\/wiki\/\d+$/);
  const parentUrl = page.url();
  await hydrated(page);

  // A sub-page, made from its parent's page, shows where it sits.
  await page.getByLabel("Titre de la sous-page").fill("Belleville");
  await page.getByRole("button", { name: "Créer la page" }).click();
  const trail = page.getByRole("navigation", { name: "Emplacement de la page" });
  await expect(trail).toContainText("Quartiers");
  await expect(trail).toContainText("Belleville");
  const childUrl = page.url();
  expect(childUrl).not.toEqual(parentUrl);
  await page.goto(parentUrl);
  await expect(page.locator("section", { hasText: "Sous-pages" }).getByRole("link", { name: "Belleville" })).toBeVisible();
  await page.goto(`${space}/wiki`);
  await expect(page.locator("ul.wiki-pages ul.wiki-pages").getByRole("link", { name: "Belleville" })).toBeVisible();

  // Moved to the top, then back under its parent.
  await page.goto(childUrl);
  await hydrated(page);
  await page.getByLabel("Sous la page").selectOption({ label: "(au premier niveau)" });
  await page.getByRole("button", { name: "Déplacer", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Emplacement de la page" })).toHaveCount(0);
  await page.getByLabel("Sous la page").selectOption({ label: "Quartiers" });
  await page.getByRole("button", { name: "Déplacer", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Emplacement de la page" })).toContainText("Quartiers");
  await checkAccessibility(page);

  // Shared with someone outside the space: the link is shown once; a browser with no
  // account reads the page; revoked, the link says it ended.
  await page.goto(parentUrl);
  await hydrated(page);
  await page.getByRole("button", { name: "Créer un lien" }).click();
  const link = await page.getByTestId("share-link").first().textContent();
  expect(link).toMatch(/\/espaces\/partage\/wiki\/[0-9a-f]{64}$/);
  const outside = await browser.newContext({ ...test.info().project.use });
  const stranger = await outside.newPage();
  stranger.on("pageerror", (e) => errors.push(e.message));
  await stranger.goto(link!);
  await expect(stranger.getByRole("heading", { level: 1, name: "Quartiers" })).toBeVisible();
  await checkAccessibility(stranger);
  await page.reload();
  await hydrated(page);
  await expect(page.locator(".share-list")).toContainText("1");
  await page.getByRole("button", { name: "Révoquer" }).click();
  await expect(page.getByRole("button", { name: "Révoquer" })).toHaveCount(0);
  await stranger.reload();
  await expect(stranger.getByText("Ce lien de partage a été révoqué ou a expiré")).toBeVisible();
  await outside.close();

  // An image pasted into the text becomes a document of the space, shown in the preview.
  await page.goto(`${parentUrl}/modifier`);
  await hydrated(page);
  await expect(page.locator(".wiki-status")).toHaveAttribute("data-state", "live");
  const source = page.locator("#wiki-source");
  await source.focus();
  await source.pressSequentially("Carte : ", { delay: 20 });
  await source.evaluate((element, png) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], "image.png", { type: "image/png" }));
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, PNG);
  await expect(page.locator(".wiki-attaching")).toContainText("inséré dans le texte");
  await expect(source).toHaveValue(/Carte : \n!\[image [^\]]+\.png\]\(\/espaces\/\d+\/documents\/\d+\/versions\/\d+\/fichier\?affichage=inline\)/);
  const image = page.locator(".wiki-preview img");
  await expect(image).toHaveCount(1);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await page.goto(`${space}/documents`);
  await expect(page.locator(".document-list")).toContainText(/image .*\.png/);

  // What the editor kept in this browser goes at sign-out.
  const kept = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("parvis-wiki-")).length);
  expect(await kept()).toBeGreaterThan(0);
  await page.goto("/compte");
  await hydrated(page);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await kept()).toBe(0);
  expect(errors).toEqual([]);
});
