import { test, expect, TestInfo } from "@playwright/test";
import { checkAccessibility, chooseFilter, fillOffer, hydrated, signIn, signUp } from "./helpers";

test("a host agent drafts and publishes an offer that visitors then find", async ({ page, browser }, testInfo: TestInfo) => {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  const title = `Stage inventaire des mares (${testInfo.project.name} ${Date.now()})`;

  await page.goto("/compte/connexion?suite=/stages/gestion");
  await hydrated(page);
  await page.getByLabel("Adresse électronique").fill("agent@parvis.localhost");
  await page.getByLabel("Mot de passe", { exact: true }).fill("parvis-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gérer mes offres" })).toBeVisible();
  await page.getByRole("link", { name: "Nouvelle offre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle offre" })).toBeVisible();
  await hydrated(page);
  await checkAccessibility(page);

  // A deadline after the start is refused with a message next to the field.
  await fillOffer(page, title, "Recenser les **mares** du bois de Vincennes.", "2099-05-01");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("La date limite doit précéder le début du stage.")).toBeVisible();
  await page.getByLabel("Candidater avant le").fill("2099-01-31");
  await page.getByRole("button", { name: "Enregistrer" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator(".offer-state")).toHaveText("Brouillon");
  await hydrated(page);
  await page.getByRole("button", { name: "Publier" }).click();
  await expect(page.locator(".offer-state")).toHaveText("Publiée");
  await hydrated(page);
  await checkAccessibility(page);

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto("/stages");
  await visitorPage.getByRole("link", { name: title }).click();
  await expect(visitorPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(visitorPage.getByText("mares", { exact: true })).toBeVisible();
  await expect(visitorPage.getByRole("button", { name: "Publier" })).toHaveCount(0);
  await checkAccessibility(visitorPage);
  await visitor.close();

  // A candidate uploads a CV, applies; the agent sees the application and invites her.
  const candidate = await browser.newContext();
  const candidatePage = await candidate.newPage();
  candidatePage.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await candidatePage.goto("/compte/connexion?suite=/stages/candidatures");
  await hydrated(candidatePage);
  await candidatePage.getByLabel("Adresse électronique").fill("candidat@parvis.localhost");
  await candidatePage.getByLabel("Mot de passe", { exact: true }).fill("parvis-demo-2026");
  await candidatePage.getByRole("button", { name: "Se connecter" }).click();
  await expect(candidatePage.getByRole("heading", { level: 1, name: "Mes candidatures" })).toBeVisible();
  await candidatePage.getByLabel("Fichier PDF").setInputFiles({ name: "cv.txt", mimeType: "text/plain", buffer: Buffer.from("pas un pdf") });
  await candidatePage.getByRole("button", { name: "Déposer le CV" }).click();
  await expect(candidatePage.getByText("Ce fichier n'est pas un PDF.")).toBeVisible();
  await candidatePage.getByLabel("Fichier PDF").setInputFiles({ name: "cv.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n%%EOF\n") });
  await candidatePage.getByRole("button", { name: "Déposer le CV" }).click();
  await expect(candidatePage.getByText("CV enregistré.")).toBeVisible();
  await checkAccessibility(candidatePage);

  const offerUrl = page.url();
  await candidatePage.goto(offerUrl);
  await hydrated(candidatePage);
  await candidatePage.getByLabel("Lettre de motivation").fill("Les mares me passionnent depuis toujours.");
  await candidatePage.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(candidatePage.locator(".apply .application-state")).toContainText("Reçue");

  // The agent's page, open all along, shows the new application without a reload.
  const received = page.locator(".received .application").filter({ hasText: "candidat@parvis.localhost" });
  await expect(received).toContainText("Les mares me passionnent");
  await expect(received.getByRole("link", { name: "Voir le CV" })).toBeVisible();
  // The candidate's page, open before the agent acts, follows the change live.
  await candidatePage.goto("/stages/candidatures");
  await hydrated(candidatePage);
  const mine = candidatePage.locator(".application").filter({ hasText: title }).locator(".application-state");
  await expect(mine).toHaveText("Reçue");
  await received.getByRole("button", { name: "Proposer un entretien" }).click();
  await expect(page.locator(".received .application").filter({ hasText: "candidat@parvis.localhost" }).locator(".application-state")).toHaveText("Entretien");
  await expect(mine).toHaveText("Entretien");
  await candidate.close();
  expect(problems.filter((p) => !p.includes("422"))).toEqual([]);
});

test("a spontaneous application reaches the direction's pool", async ({ page, browser }, testInfo: TestInfo) => {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  const email = `spontane-${testInfo.project.name}-${Date.now()}@example.org`;
  await signUp(page, "Sacha Spontané", email);

  await page.goto("/stages/candidatures");
  await page.getByRole("link", { name: "Envoyer une candidature spontanée" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Candidature spontanée" })).toBeVisible();
  await hydrated(page);
  await checkAccessibility(page);
  await page.getByLabel("Lettre de motivation").fill("Je voudrais travailler sur les jardins partagés.");
  await page.getByRole("button", { name: "Envoyer ma candidature spontanée" }).click();
  await expect(page.getByText("Choisissez de une à cinq directions.")).toBeVisible();
  await page.getByLabel("DEVE — Direction des espaces verts et de l'environnement").check();
  await page.getByRole("button", { name: "Envoyer ma candidature spontanée" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes candidatures" })).toBeVisible();
  await expect(page.locator(".application").filter({ hasText: "Candidature spontanée" })).toContainText("Reçue");

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await adminPage.goto("/compte/connexion?suite=/stages/gestion");
  await hydrated(adminPage);
  await adminPage.getByLabel("Adresse électronique").fill("direction@parvis.localhost");
  await adminPage.getByLabel("Mot de passe", { exact: true }).fill("parvis-demo-2026");
  await adminPage.getByRole("button", { name: "Se connecter" }).click();
  const card = adminPage.locator(".pool .application").filter({ hasText: email });
  await expect(card).toContainText("jardins partagés");
  await hydrated(adminPage);
  await card.getByRole("button", { name: "Examiner" }).click();
  await expect(adminPage.locator(".pool .application").filter({ hasText: email }).locator(".application-state")).toHaveText("En cours d'examen");
  await adminPage.getByRole("link", { name: "Tableau de bord de la sélection" }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Tableau de bord de la sélection" })).toBeVisible();
  await expect(adminPage.locator("table caption").filter({ hasText: "Par direction" })).toBeVisible();
  await expect(adminPage.locator("tr").filter({ hasText: "DEVE" }).first()).toBeVisible();
  await checkAccessibility(adminPage);
  await admin.close();
  await expect(page.locator(".application").filter({ hasText: "Candidature spontanée" }).locator(".application-state")).toHaveText("En cours d'examen");
  expect(problems.filter((p) => !p.includes("422"))).toEqual([]);
});

test("a candidate searches with filters, live with JavaScript and plainly without", async ({ page, browser }) => {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.goto("/stages");
  await hydrated(page);
  await checkAccessibility(page);
  // A marker that a full page load would wipe out.
  await page.evaluate(() => ((window as any).__parvisMarker = 1));
  await page.getByLabel("Mots-clés").fill("jardins");
  await page.getByLabel("Mots-clés").press("Enter");
  await expect(page).toHaveURL(/q=jardins/);
  await chooseFilter(page, "Direction", "DEVE");
  await expect(page).toHaveURL(/direction=DEVE/);
  const first = page.locator(".offer-list .card").first();
  await expect(first).toContainText("DEVE");
  await expect(page.locator(".offer-list .card h3").first()).toContainText(/jardin/i);
  expect(await page.evaluate(() => (window as any).__parvisMarker)).toBe(1);
  await page.goBack();
  await expect(page).not.toHaveURL(/direction=DEVE/);

  const plain = await browser.newContext({ javaScriptEnabled: false });
  const plainPage = await plain.newPage();
  await plainPage.goto("/stages");
  await plainPage.getByLabel("Mots-clés").fill("jardins");
  await plainPage.getByRole("button", { name: "Rechercher" }).click();
  await expect(plainPage).toHaveURL(/q=jardins/);
  await expect(plainPage.locator(".offer-list .card h3").first()).toContainText(/jardin/i);
  await plain.close();
  expect(problems).toEqual([]);
});


test("agent and candidate talk on the application's file; notes stay private; the decline carries its answer", async ({ page, browser }, testInfo: TestInfo) => {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  // A fresh candidate applies to a demo offer, so each browser project has its own file.
  const email = `dossier-${testInfo.project.name}-${Date.now()}@example.org`;
  await signUp(page, "Dana Dossier", email);
  await page.goto("/stages?q=stage&direction=DEVE");
  await page.locator(".offer-list .card h3 a").first().click();
  await hydrated(page);
  await page.getByLabel("Lettre de motivation").fill("Je connais bien les parcs de l'est parisien.");
  await page.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(page.locator(".apply .application-state")).toContainText("Reçue");
  await page.goto("/stages/candidatures");
  await page.locator(".application").filter({ hasText: "Reçue" }).first().getByRole("link", { name: "Ouvrir le dossier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dossier de candidature" })).toBeVisible();
  await hydrated(page);
  const fileUrl = page.url();
  await expect(page.getByRole("heading", { name: "Notes internes" })).toHaveCount(0);

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  agent.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await signIn(agent, "direction@parvis.localhost", new URL(fileUrl).pathname);
  await expect(agent.getByRole("heading", { level: 1, name: "Dossier de candidature" })).toBeVisible();
  await expect(agent.getByText(email)).toBeVisible();
  await hydrated(agent);
  await checkAccessibility(agent);
  await agent.getByLabel("Votre message").fill("Pouvez-vous venir jeudi à 14 h ?");
  await agent.getByRole("button", { name: "Envoyer" }).click();
  await expect(agent.locator(".messages .entry")).toContainText("Pouvez-vous venir jeudi");
  // The candidate's page, open all along, shows the message without a reload.
  await expect(page.locator(".messages .entry")).toContainText("Pouvez-vous venir jeudi");
  await page.getByLabel("Votre message").fill("Oui, jeudi 14 h me convient.");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(agent.locator(".messages .entry").filter({ hasText: "jeudi 14 h me convient" })).toBeVisible();

  await hydrated(agent);
  await agent.getByLabel("Nouvelle note").fill("Très motivée, à revoir.");
  await agent.getByRole("button", { name: "Ajouter la note" }).click();
  await expect(agent.locator(".notes .entry")).toContainText("Très motivée");
  await hydrated(agent);
  const answer = agent.locator("#answer-declined");
  await expect(answer).toHaveValue(/Nous vous remercions/);
  await answer.fill("Merci, nous avons retenu un profil plus avancé. Revenez l'an prochain !");
  await agent.getByRole("button", { name: "Décliner" }).click();
  await expect(agent.locator(".application-state")).toHaveText("Déclinée");
  await agentContext.close();

  await expect(page.locator(".application-state")).toHaveText("Déclinée");
  await expect(page.locator(".messages .entry").last()).toContainText("Revenez l'an prochain");
  await expect(page.getByText("Très motivée")).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("a candidate saves a search and finds it among their alerts with its feed", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.goto("/stages?q=jardins");
  await expect(page.getByRole("link", { name: "Se connecter pour être alerté des nouvelles offres" })).toBeVisible();
  await signIn(page, "candidat@parvis.localhost", "/stages?q=jardins&direction=DEVE");
  await expect(page).toHaveURL(/q=jardins/);
  await hydrated(page);
  await expect(page.getByRole("link", { name: "Fil Atom de cette recherche" })).toHaveAttribute("href", "/stages/flux.atom?q=jardins&direction=DEVE");
  await page.getByRole("button", { name: "M'alerter des nouvelles offres" }).click();
  await expect(page.getByText("Recherche enregistrée")).toBeVisible();
  await page.getByRole("link", { name: "Mes alertes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes alertes" })).toBeVisible();
  const saved = page.locator(".saved-searches li").filter({ hasText: "« jardins » · DEVE" });
  await expect(saved).toBeVisible();
  await checkAccessibility(page);
  await hydrated(page);
  await saved.getByRole("button", { name: "Ne plus suivre" }).click();
  await expect(page.locator(".saved-searches li").filter({ hasText: "« jardins » · DEVE" })).toHaveCount(0);
  expect(problems).toEqual([]);
});
