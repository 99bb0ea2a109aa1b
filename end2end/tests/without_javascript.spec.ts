// Every kind of form, refused once with JavaScript off: the page it comes back to says why,
// next to the field when a field is wrong, and long texts come back as they were typed.
import { test, expect } from "@playwright/test";
import { fillOffer, noScript, signInPlainly } from "./helpers";

test("a wrong password and a short one are told without JavaScript", async ({ browser }) => {
  const page = await noScript(browser);
  await page.goto("/compte/connexion");
  await page.getByLabel("Adresse électronique").fill("candidat@parvis.localhost");
  await page.getByLabel("Mot de passe", { exact: true }).fill("pas le bon mot de passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Adresse électronique ou mot de passe incorrect." })).toBeVisible();
  await expect(page.getByLabel("Adresse électronique")).toHaveValue("candidat@parvis.localhost");
  await expect(page.getByLabel("Mot de passe", { exact: true })).toHaveValue("");

  await page.goto("/compte/inscription");
  await page.getByLabel("Nom affiché").fill("Émile Öztürk");
  await page.getByLabel("Adresse électronique").fill(`emile-${Date.now()}@example.org`);
  await page.getByLabel("Mot de passe", { exact: true }).fill("court");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Certains champs sont à corriger." })).toBeVisible();
  await expect(page.getByText("Le mot de passe doit compter au moins 10 caractères.")).toBeVisible();
  await expect(page.getByLabel("Nom affiché")).toHaveValue("Émile Öztürk");
  await page.context().close();
});

test("a second application is told on the offer's page without JavaScript", async ({ browser }, testInfo) => {
  const page = await noScript(browser);
  await page.goto("/compte/inscription");
  await page.getByLabel("Nom affiché").fill("Camille Candidate");
  await page.getByLabel("Adresse électronique").fill(`camille-${testInfo.project.name}-${Date.now()}@example.org`);
  await page.getByLabel("Mot de passe", { exact: true }).fill("une phrase de passe");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/compte$/);

  await page.goto("/stages");
  const offer = await page.locator(".offer-list h3 a").first().getAttribute("href");
  // Two tabs show the form; the first application goes through, the second is refused.
  const other = await page.context().newPage();
  await other.goto(offer!);
  await page.goto(offer!);
  const letter = "Madame, Monsieur,\nJe souhaite rejoindre votre équipe.";
  await page.getByLabel("Lettre de motivation").fill(letter);
  await page.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await other.getByLabel("Lettre de motivation").fill(letter);
  await other.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "Vous avez déjà postulé à cette offre." })).toBeVisible();
  await page.context().close();
});

test("a refused offer keeps what the agent typed without JavaScript", async ({ browser }) => {
  const page = await noScript(browser);
  await signInPlainly(page, "agent@parvis.localhost");
  await page.goto("/stages/gestion/offre");
  const missions = "Recenser les **mares** du bois.\n\n- inventaire\n- animation";
  // A deadline after the start: the server refuses.
  await fillOffer(page, "Stage sans script", missions, "2099-05-01");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Certains champs sont à corriger." })).toBeVisible();
  await expect(page.getByText("La date limite doit précéder le début du stage.")).toBeVisible();
  await expect(page.getByLabel("Missions")).toHaveValue(missions);
  await expect(page.getByLabel("Intitulé")).toHaveValue("Stage sans script");
  await expect(page.getByLabel("Niveau d'études")).toHaveValue("bac3");
  await page.context().close();
});

test("a refused fiche and a refused comment keep their text without JavaScript", async ({ browser }) => {
  const page = await noScript(browser);
  await signInPlainly(page, "membre@parvis.localhost");
  await page.goto("/innovation/ecrire");
  const body = "La ligne transporte 2 000 voyageurs par heure.\n\nElle relie deux quartiers.";
  await page.getByLabel("Titre", { exact: true }).fill("Téléphérique sans script");
  await page.getByLabel("Résumé").fill("Une ligne de téléphérique relie deux quartiers.");
  await page.getByLabel("Texte de la fiche").fill(body);
  // No theme ticked: the server refuses.
  await page.getByLabel("Ville", { exact: true }).fill("Brest");
  await page.getByLabel("Pays").fill("France");
  await page.getByLabel("Maturité").selectOption("deployed");
  await page.getByLabel("Déclaration d'intérêts").fill("Aucun lien.");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Certains champs sont à corriger." })).toBeVisible();
  await expect(page.getByText("Choisissez d'une à quatre thématiques.")).toBeVisible();
  await expect(page.getByLabel("Texte de la fiche")).toHaveValue(body);
  await expect(page.getByLabel("Ville", { exact: true })).toHaveValue("Brest");

  await page.goto("/innovation");
  const fiche = await page.locator("a[href^='/innovation/fiches/']").first().getAttribute("href");
  await page.goto(fiche!);
  const comment = "Très intéressant. ".repeat(300);
  await page.getByLabel("Votre commentaire").fill(comment);
  await page.getByRole("button", { name: "Publier le commentaire" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Certains champs sont à corriger." })).toBeVisible();
  await expect(page.getByText("Ce texte est trop long.")).toBeVisible();
  await expect(page.getByLabel("Votre commentaire")).toHaveValue(comment);
  await page.context().close();
});
