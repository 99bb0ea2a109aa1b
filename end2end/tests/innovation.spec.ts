import { test, expect, TestInfo } from "@playwright/test";
import { checkAccessibility, chooseFilter, hydrated, signIn } from "./helpers";

test("a member's fiche with a commercial link goes through review before a visitor finds it", async ({ page, browser }, testInfo: TestInfo) => {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`member page ${page.url()}: ${m.text()}`); });
  const title = `Téléphérique urbain (${testInfo.project.name} ${Date.now()})`;
  await page.goto("/compte/inscription");
  await hydrated(page);
  await page.getByLabel("Nom affiché").fill("Marta Membre");
  await page.getByLabel("Adresse électronique").fill(`fiche-${testInfo.project.name}-${Date.now()}@example.org`);
  await page.getByLabel("Mot de passe", { exact: true }).fill("une phrase de passe");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/compte$/);

  await page.goto("/innovation/ecrire");
  await hydrated(page);
  await checkAccessibility(page);
  await page.getByLabel("Titre", { exact: true }).fill(title);
  await page.getByLabel("Résumé").fill("Une ligne de téléphérique relie deux quartiers séparés par un fleuve.");
  await page.getByLabel("Texte de la fiche").fill("La ligne transporte 2 000 voyageurs par heure. Le constructeur, leader du marché, détaille l'offre sur https://cableco.com/offre.");
  await page.getByLabel("Transports et mobilité").check();
  await page.getByLabel("Ville", { exact: true }).fill("Brest");
  await page.getByLabel("Pays").fill("France");
  await page.getByLabel("Maturité").selectOption("deployed");
  await page.getByLabel("Déclaration d'intérêts").fill("Aucun lien.");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Suivi de la fiche" })).toBeVisible();
  await expect(page.locator(".warning[data-kind=link]")).toContainText("cableco.com");
  // An image, checked by content on its own multipart route; the desk offers the line to paste.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  await page.getByLabel("Image (PNG, JPEG, GIF ou WebP)").setInputFiles({ name: "quai.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Envoyer l'image" }).click();
  await expect(page.locator(".images code")).toContainText("/innovation/images/");
  await hydrated(page);
  await page.getByRole("button", { name: "Soumettre à la relecture" }).click();
  await expect(page.locator(".fiche-state")).toHaveText("En relecture");
  const deskUrl = page.url();

  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  editor.on("console", (m) => { if (m.type() === "error") problems.push(`editor page ${editor.url()}: ${m.text()}`); });
  await editor.goto("/compte/connexion?suite=/innovation/relecture");
  await hydrated(editor);
  await editor.getByLabel("Adresse électronique").fill("editeur@parvis.localhost");
  await editor.getByLabel("Mot de passe", { exact: true }).fill("parvis-demo-2026");
  await editor.getByRole("button", { name: "Se connecter" }).click();
  await expect(editor.getByRole("heading", { level: 1, name: "Fiches à relire" })).toBeVisible();
  await editor.locator(".card").filter({ hasText: title }).getByRole("link", { name: "Relire" }).click();
  await expect(editor.locator(".warning[data-kind=superlative]")).toContainText("leader du marche");
  await hydrated(editor);
  await checkAccessibility(editor);
  await editor.getByLabel("Commentaire pour l'auteur").fill("Retirez le lien commercial et le superlatif, citez le bilan de la ville.");
  await editor.getByRole("button", { name: "Demander des modifications" }).click();
  await expect(editor.locator(".fiche-state")).toHaveText("Modifications demandées");

  await page.goto(deskUrl);
  await expect(page.getByText("Retirez le lien commercial")).toBeVisible();
  await page.getByRole("link", { name: "Modifier la fiche" }).click();
  await hydrated(page);
  await page.getByLabel("Texte de la fiche").fill("La ligne transporte 2 000 voyageurs par heure selon le bilan de la métropole, publié en 2019.");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.locator(".warning")).toHaveCount(0);
  await hydrated(page);
  await page.getByRole("button", { name: "Soumettre à la relecture" }).click();
  await expect(page.locator(".fiche-state")).toHaveText("En relecture");

  await editor.goto(deskUrl);
  await hydrated(editor);
  await editor.getByRole("button", { name: "Publier" }).click();
  await expect(editor.locator(".fiche-state")).toHaveText("Publiée");
  await editorContext.close();

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/innovation");
  await chooseFilter(visitor, "Thématiques", "Transports et mobilité");
  await expect(visitor).toHaveURL(/champ=/);
  await visitor.getByRole("link", { name: title }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(visitor.getByText("Aucun lien.")).toBeVisible();
  await checkAccessibility(visitor);
  const fichePath = new URL(visitor.url()).pathname;

  // The author comments; an editor hides the comment; it leaves the page and the feed.
  await page.goto(fichePath);
  await hydrated(page);
  const remark = `Publicité déguisée ${testInfo.project.name} ${Date.now()}`;
  await page.getByLabel("Votre commentaire").fill(remark);
  await page.getByRole("button", { name: "Publier le commentaire" }).click();
  await expect(page.locator(".comment").filter({ hasText: remark })).toBeVisible();
  await hydrated(page);
  await page.locator(".comment").filter({ hasText: remark }).getByRole("button", { name: "Signaler" }).click();
  await visitor.reload();
  await expect(visitor.locator(".comment").filter({ hasText: remark })).toBeVisible();

  const moderatorContext = await browser.newContext();
  const moderator = await moderatorContext.newPage();
  await moderator.goto("/compte/connexion?suite=/innovation/moderation");
  await hydrated(moderator);
  await moderator.getByLabel("Adresse électronique").fill("editeur@parvis.localhost");
  await moderator.getByLabel("Mot de passe", { exact: true }).fill("parvis-demo-2026");
  await moderator.getByRole("button", { name: "Se connecter" }).click();
  const flagged = moderator.locator(".entry").filter({ hasText: remark });
  await expect(flagged).toBeVisible();
  await hydrated(moderator);
  await checkAccessibility(moderator);
  await flagged.getByLabel("Motif").fill("promotion");
  await flagged.getByRole("button", { name: "Masquer" }).click();
  await expect(moderator.locator(".history")).toContainText("promotion");
  await moderatorContext.close();

  await visitor.reload();
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(visitor.locator(".comment").filter({ hasText: remark })).toHaveCount(0);
  const feed = await (await visitor.request.get(`${fichePath}/commentaires.atom`)).text();
  expect(feed).not.toContain(remark);
  await visitorContext.close();
  expect(problems.filter((p) => !p.includes("422"))).toEqual([]);
});
