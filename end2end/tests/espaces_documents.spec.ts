// Espaces' documents: the demo host agent creates a space, drops a file on its documents
// page and watches the progress bar, uploads a new version of it with the form, then shares
// it by link; a stranger opens the link in a fresh browser context without an account, the
// agent sees the opening and revokes the link, which then gives a clear page. axe-core
// checks each new page.
import { test, expect } from "@playwright/test";
import { checkAccessibility, hydrated, signIn } from "./helpers";

test("a file dropped in, a new version, a share link opened then revoked", async ({ page, browser }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const name = `Dossiers ${test.info().project.name} ${Date.now()}`;

  await signIn(page, "agent@parvis.localhost", "/espaces");
  await hydrated(page);
  await page.getByLabel("Modèle").selectOption("project");
  await page.getByLabel("Nom de l'espace").fill(name);
  await page.getByRole("button", { name: "Créer l'espace" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("link", { name: "Documents" }).click();
  await expect(page).toHaveURL(/\/documents$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Documents", level: 2 })).toBeVisible();
  await checkAccessibility(page);

  // Drop an 8 MB text file on the box; the progress bar shows while it is sent.
  const progressSeen = page.locator("#upload-progress").waitFor({ state: "attached", timeout: 30_000 });
  await page.evaluate(() => {
    const line = "Compte rendu du chantier des toitures.\n";
    const file = new File([line.repeat(Math.ceil((8 * 1024 * 1024) / line.length))], "Rapport chantier.txt", {
      type: "text/plain",
    });
    const data = new DataTransfer();
    data.items.add(file);
    const box = document.querySelector("[data-testid=upload-box]")!;
    box.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
    box.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await progressSeen;
  await expect(page.getByText("Fichier déposé.")).toBeVisible({ timeout: 30_000 });
  const row = page.locator(".document-list li", { hasText: "Rapport chantier.txt" });
  await expect(row).toContainText("v1");

  // The same name again, through the form: version 2.
  await page.getByLabel("Fichiers").setInputFiles({
    name: "Rapport chantier.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Version 2 du compte rendu.\n"),
  });
  await page.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(row).toContainText("v2");
  await checkAccessibility(page);

  await row.getByRole("link", { name: "Rapport chantier.txt" }).click();
  await expect(page.getByRole("heading", { name: "Rapport chantier.txt" })).toBeVisible();
  await hydrated(page);
  await expect(page.locator(".version-list li")).toHaveCount(2);
  await checkAccessibility(page);
  await page.getByLabel("Durée de validité (jours)").fill("3");
  await page.getByRole("button", { name: "Créer un lien" }).click();
  const link = (await page.getByTestId("share-link").textContent()) ?? "";
  expect(link).toMatch(/\/espaces\/partage\/[0-9a-f]{64}$/);

  const context = await browser.newContext();
  const stranger = await context.newPage();
  await stranger.goto(link);
  await hydrated(stranger);
  await expect(stranger.getByRole("heading", { level: 1, name: "Rapport chantier.txt" })).toBeVisible();
  await checkAccessibility(stranger);
  // Fetched by the page's link, which carries the proof of the page's opening: no second one.
  const download = await stranger.request.get(
    (await stranger.getByRole("link", { name: "Télécharger" }).getAttribute("href")) ?? "",
  );
  expect(download.status()).toBe(200);
  expect(await download.text()).toBe("Version 2 du compte rendu.\n");

  await page.reload();
  await hydrated(page);
  await expect(page.locator(".opening-list li")).toHaveCount(1);
  await page.getByRole("button", { name: "Révoquer" }).click();
  await expect(page.locator(".share-list li")).toContainText("révoqué");

  await stranger.reload();
  await expect(stranger.getByText("Ce lien de partage a été révoqué ou a expiré")).toBeVisible();
  await checkAccessibility(stranger);
  await context.close();
  expect(errors).toEqual([]);
});
