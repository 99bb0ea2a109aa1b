// Forms update their page without a full load: each action loads again only the data it
// changed. A marker set on `window` survives only if the page was never reloaded. Every step
// after the first load is reached by client-side navigation (links inside the app), then an
// action changes what that page shows: the pattern that made Leptos panic ("could not find
// parent element") when a page's data was rebuilt before it was in the document.
import { test, expect, Page, TestInfo } from "@playwright/test";
import { chooseFilter, hydrated, signIn, signUp } from "./helpers";

// Console errors, uncaught exceptions (a WASM panic is both) and full page loads.
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" && !m.text().includes("422")) problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

async function setMarker(page: Page) {
  await hydrated(page);
  await page.evaluate(() => ((window as any).__parvisMarker = 1));
}

async function expectNoReload(page: Page) {
  expect(await page.evaluate(() => (window as any).__parvisMarker), `${page.url()} was loaded again`).toBe(1);
}

test("a candidate saves a search, drops it, applies and writes on the file without a page load", async ({ page }, testInfo: TestInfo) => {
  const problems = watch(page);
  const email = `sans-rechargement-${testInfo.project.name}-${Date.now()}@example.org`;
  await signUp(page, "Rémi Sans-Rechargement", email);

  await page.goto("/stages?q=stage&direction=DEVE");
  await setMarker(page);
  // Saving the search: a message, nothing reloaded.
  await page.getByRole("button", { name: "M'alerter des nouvelles offres" }).click();
  await expect(page.getByText("Recherche enregistrée")).toBeVisible();
  await expectNoReload(page);

  // Client-side to the alerts, then the delete changes that page's list.
  await page.getByRole("link", { name: "Mes alertes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes alertes" })).toBeVisible();
  const saved = page.locator(".saved-searches li").filter({ hasText: "« stage » · DEVE" });
  await expect(saved).toHaveCount(1);
  await saved.getByRole("button", { name: "Ne plus suivre" }).click();
  await expect(page.getByText("Aucune recherche enregistrée.")).toBeVisible();
  await expectNoReload(page);

  // Client-side back to the search and to an offer; applying shows the application's state.
  await page.getByRole("link", { name: "Chercher des offres" }).click();
  await expect(page).toHaveURL(/\/stages$/);
  await chooseFilter(page, "Direction", "DEVE");
  await expect(page).toHaveURL(/direction=DEVE/);
  await page.locator(".offer-list .card h3 a").first().click();
  await expect(page.getByLabel("Lettre de motivation")).toBeVisible();
  await page.getByLabel("Lettre de motivation").fill("J'ai postulé sans que la page se recharge.");
  await page.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(page.locator(".apply .application-state")).toContainText("Reçue");
  await expectNoReload(page);

  // Client-side to the file; a message appears and its box empties.
  await page.locator(".apply").getByRole("link", { name: "Mes candidatures" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes candidatures" })).toBeVisible();
  await page.locator(".application").filter({ hasText: "Reçue" }).first().getByRole("link", { name: "Ouvrir le dossier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dossier de candidature" })).toBeVisible();
  await page.getByLabel("Votre message").fill("Un message envoyé sans rechargement.");
  await page.getByRole("button", { name: "Envoyer", exact: true }).click();
  await expect(page.locator(".messages .entry")).toContainText("Un message envoyé sans rechargement.");
  await expect(page.getByLabel("Votre message")).toHaveValue("");
  // Withdrawing changes the file's state.
  await page.getByRole("button", { name: "Retirer ma candidature" }).click();
  await expect(page.locator(".application-state")).toHaveText("Retirée");
  await expectNoReload(page);
  expect(problems).toEqual([]);
});

test("a member follows, comments and reads notifications without a page load", async ({ page }, testInfo: TestInfo) => {
  const problems = watch(page);
  await signIn(page, "membre@parvis.localhost", "/innovation/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await setMarker(page);

  // Follow a field, then stop: the list of follows follows (the demo account is left as found).
  const follows = page.locator("ul.follows");
  const field = page.getByLabel("Suivre ce domaine");
  const fieldName = (await field.locator("option").first().textContent())!.trim();
  await page.getByRole("button", { name: "Suivre", exact: true }).click();
  const followed = follows.locator("li").filter({ hasText: fieldName });
  await expect(followed).toHaveCount(1);
  await followed.getByRole("button", { name: "✓ Suivi" }).click();
  await expect(follows.locator("li").filter({ hasText: fieldName })).toHaveCount(0);
  await expectNoReload(page);

  // Client-side to a fiche: follow it and unfollow it, comment on it.
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Innovation" }).click();
  await page.getByLabel("Mots-clés").fill("superilots");
  await page.getByLabel("Mots-clés").press("Enter");
  await page.getByRole("link", { name: /Superîlots/ }).first().click();
  await expect(page.getByLabel("Votre commentaire")).toBeVisible();
  const followFiche = page.getByRole("button", { name: /Suivre cette fiche/ });
  const wasFollowing = (await followFiche.getAttribute("aria-pressed")) === "true";
  await followFiche.click();
  await expect(page.getByRole("button", { name: /Suivre cette fiche/ })).toHaveAttribute("aria-pressed", wasFollowing ? "false" : "true");
  await page.getByRole("button", { name: /Suivre cette fiche/ }).click();
  await expect(page.getByRole("button", { name: /Suivre cette fiche/ })).toHaveAttribute("aria-pressed", wasFollowing ? "true" : "false");
  const remark = `Commentaire publié sans rechargement (${testInfo.project.name} ${Date.now()}).`;
  await page.getByLabel("Votre commentaire").fill(remark);
  await page.getByRole("button", { name: "Publier le commentaire" }).click();
  await expect(page.locator(".comment").filter({ hasText: remark })).toBeVisible();
  await expect(page.getByLabel("Votre commentaire")).toHaveValue("");
  await expectNoReload(page);

  // Client-side back to the notifications: marking them read clears the unread ones.
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Innovation" }).click();
  await page.locator(".desk-links").getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const readAll = page.getByRole("button", { name: "Tout marquer comme lu" });
  if (await readAll.count()) {
    await readAll.click();
    await expect(page.locator(".notification.unread")).toHaveCount(0);
  }
  await expectNoReload(page);
  expect(problems).toEqual([]);
});

test("a direction admin saves an answer template and a time zone; the messages outlast the refetch", async ({ page }) => {
  const problems = watch(page);
  await signIn(page, "direction@parvis.localhost", "/stages/gestion");
  await expect(page.getByRole("heading", { level: 1, name: "Gérer mes offres" })).toBeVisible();
  await setMarker(page);
  await page.getByRole("link", { name: "Réglages de la direction" }).click();
  const template = page.getByLabel("Réponse en cas d'acceptation").first();
  const text = await template.inputValue();
  // Saved as it stands (the demo account is left as found).
  await page.getByRole("button", { name: "Enregistrer le modèle" }).first().click();
  await expect(page.getByText("Modèle enregistré.")).toBeVisible();
  await expect(page.getByLabel("Réponse en cas d'acceptation").first()).toHaveValue(text);

  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: /Mon compte/ }).click();
  const zone = page.getByLabel("Fuseau horaire");
  const chosen = await zone.inputValue();
  await zone.selectOption("Europe/Lisbon");
  await page.getByRole("button", { name: "Enregistrer le fuseau" }).click();
  await expect(page.getByText("Fuseau horaire enregistré.")).toBeVisible();
  await expect(page.getByLabel("Fuseau horaire")).toHaveValue("Europe/Lisbon");
  await page.getByLabel("Fuseau horaire").selectOption(chosen);
  await page.getByRole("button", { name: "Enregistrer le fuseau" }).click();
  await expect(page.getByLabel("Fuseau horaire")).toHaveValue(chosen);
  await expectNoReload(page);
  expect(problems).toEqual([]);
});
