import { test, expect, Page, TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Collects console errors (hydration errors, CSP violations, panics) for the whole test.
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  return problems;
}

async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

// No serious or critical WCAG 2.1 AA violation on the page as it stands.
async function checkAccessibility(page: Page, testInfo: TestInfo) {
  // After a client-side navigation to a lazy page, its <Title> is set once its chunk has run.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  await testInfo.attach(`axe-${page.url()}`, { body: JSON.stringify(bad, null, 2), contentType: "application/json" });
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("a visitor signs up, sees their navigation, and switches language", async ({ page }, testInfo) => {
  const problems = watchConsole(page);
  const email = `visiteur-${testInfo.project.name}-${Date.now()}@example.org`;

  await page.goto("/");
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await checkAccessibility(page, testInfo);

  await page.getByRole("link", { name: "Créer un compte" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Créer un compte" })).toBeVisible();
  await hydrated(page);
  await checkAccessibility(page, testInfo);

  // Server-side validation shows field messages.
  await page.getByLabel("Nom affiché").fill("Valérie Visiteuse");
  await page.getByLabel("Adresse électronique").fill("pas-une-adresse@");
  await page.getByLabel("Mot de passe", { exact: true }).fill("court");
  // The browser's own checks would stop this submission; the server must be the judge.
  await page.locator("form.form").evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByText("Saisissez une adresse électronique valide")).toBeVisible();
  await expect(page.getByText("au moins 10 caractères").first()).toBeVisible();

  // The show-password button only works once the WASM has hydrated.
  const password = page.getByLabel("Mot de passe", { exact: true });
  await expect(password).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(password).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Masquer" }).click();
  await expect(password).toHaveAttribute("type", "password");

  await page.getByLabel("Adresse électronique").fill(email);
  await password.fill("une phrase de passe");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/compte$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  await expect(page.locator("[data-role=candidate]")).toBeVisible();
  await expect(page.locator("[data-role=member]")).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await expect(nav.getByRole("link", { name: /Mon compte/ })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Administration" })).toHaveCount(0);
  await checkAccessibility(page, testInfo);

  // Language switch: persists across pages.
  const messages: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/pkg/messages/")) messages.push(path);
  });
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("link", { name: "Internships" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Internships" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  // The browser was given the page's language only: its messages file, fetched beside the WASM.
  expect(messages.length).toBeGreaterThan(0);
  for (const path of messages) expect(path).toMatch(/^\/pkg\/messages\/en\.[0-9a-f]{22}\.ftl$/);
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  // Sign out, then sign in again with the new account.
  await page.goto("/compte");
  await hydrated(page);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Se connecter" })).toBeVisible();
  await page.goto("/compte/connexion");
  await hydrated(page);
  await checkAccessibility(page, testInfo);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("mauvais mot de passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toBeVisible();
  await page.getByLabel("Mot de passe", { exact: true }).fill("une phrase de passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/compte$/);

  expect(problems.filter((p) => !p.includes("401") && !p.includes("422"))).toEqual([]);
});

test("a site admin sees the administration and the reference data", async ({ page }, testInfo) => {
  const problems = watchConsole(page);
  await page.goto("/compte/connexion");
  await hydrated(page);
  await page.getByLabel("Adresse électronique").fill("admin@parvis.localhost");
  await page.getByLabel("Mot de passe", { exact: true }).fill("parvis-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/compte$/);
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Administration des rôles" })).toBeVisible();
  await page.getByLabel("Rechercher un compte").fill("agent");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByText("agent@parvis.localhost")).toBeVisible();
  await checkAccessibility(page, testInfo);

  // Grant a staff role through the form; the page reloads with the new role listed.
  await page.getByLabel("Rechercher un compte").fill("membre@parvis");
  await page.getByRole("button", { name: "Rechercher" }).click();
  const card = page.locator("article.account-roles").filter({ hasText: "membre@parvis.localhost" });
  const already = await card.locator("ul.roles").getByText("Éditeur·rice").count();
  if (already === 0) {
    await card.getByLabel("Rôle").selectOption("editor");
    await card.getByRole("button", { name: "Attribuer" }).click();
  }
  await expect(page.locator("article.account-roles").filter({ hasText: "membre@parvis.localhost" }).locator("ul.roles").getByText("Éditeur·rice")).toBeVisible();

  await page.getByRole("link", { name: "Données de référence" }).click();
  await expect(page.getByText(/^28 directions/)).toBeVisible();
  await hydrated(page);
  await checkAccessibility(page, testInfo);
  const service = `Service des mares ${testInfo.project.name}`;
  await page.getByLabel("Type d'élément").selectOption("service");
  await page.getByLabel("Rattaché à").selectOption({ label: "DEVE — Direction des espaces verts et de l'environnement" });
  await page.getByLabel("Nom", { exact: true }).fill(service);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText(service)).toBeVisible();
  // A service without its direction is refused with a clear message.
  await hydrated(page);
  await page.getByLabel("Type d'élément").selectOption("service");
  await page.getByLabel("Nom", { exact: true }).fill("Service orphelin");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Certains champs sont à corriger" })).toBeVisible();
  expect(problems.filter((p) => !p.includes("422"))).toEqual([]);
});

test("pages and forms work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/compte/connexion");
  await page.getByLabel("Adresse électronique").fill("candidat@parvis.localhost");
  await page.getByLabel("Mot de passe", { exact: true }).fill("parvis-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  await expect(page.locator("[data-role=candidate]")).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  // The choice is stored on the account and follows it to every later sign-in: the demo
  // candidate that other tests sign in as goes back to French.
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  await context.close();
});
