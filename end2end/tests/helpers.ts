// Shared by the browser tests: waiting for hydration, the accessibility check, signing in.
import { expect, Browser, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import * as fs from "node:fs";
import * as path from "node:path";

export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

// No serious or critical WCAG 2.1 AA violation on the page as it stands, and nothing wider
// than the screen (on a phone, a page that scrolls sideways hides what is under its edge).
export async function checkAccessibility(page: Page) {
  // Hydration sets the document's title again once the page's own <Title> is hydrated.
  await expect(page).toHaveTitle(/\S/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(1);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

// Fills the offer form (service, métier and level: the first choices) with `title`,
// `missions` and a deadline; the caller saves.
export async function fillOffer(page: Page, title: string, missions: string, deadline: string) {
  await page.getByLabel("Intitulé").fill(title);
  await page.getByLabel("Service d'accueil").selectOption({ index: 1 });
  await page.getByLabel("Métier").selectOption({ index: 1 });
  await page.getByLabel("Missions").fill(missions);
  await page.getByLabel("Niveau d'études").selectOption("bac3");
  await page.getByLabel("Discipline").fill("Écologie");
  await page.getByLabel("Durée (en semaines, 26 au plus)").fill("12");
  await page.getByLabel("Mois de début").fill("2099-03");
  await page.getByLabel("Candidater avant le").fill(deadline);
  await page.getByLabel("Adresse", { exact: true }).fill("Bois de Vincennes");
  await page.getByLabel("Arrondissement").fill("12");
  await page.getByLabel("Contact", { exact: true }).fill("Agathe Agent");
  await page.getByLabel("Adresse du contact").fill("agathe@paris.fr");
}

// Signs in with the demo password and lands on `next`.
export async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/compte/connexion?suite=${encodeURIComponent(next)}`);
  await hydrated(page);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("parvis-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
}

// Signs up a new account (it lands on /compte, a candidate).
export async function signUp(page: Page, name: string, email: string) {
  await page.goto("/compte/inscription");
  await hydrated(page);
  await page.getByLabel("Nom affiché").fill(name);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("une phrase de passe");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/compte$/);
}

// Opens the filters of a search page: on a phone a disclosure ("Filtres"), on a wide screen a
// column already shown (its summary hidden).
export async function openFilters(page: Page) {
  const summary = page.locator(".filters-panel > summary");
  if (await summary.isVisible()) {
    if ((await page.locator(".filters-panel").getAttribute("open")) === null) await summary.click();
  }
  await expect(page.locator(".filters-body")).toBeVisible();
}

// Follows the link of filter value `value` (its name begins with it, its count follows) in
// the group titled `group`, opening the filters and the group's "more" part when needed.
export async function chooseFilter(page: Page, group: string, value: string | RegExp) {
  await openFilters(page);
  const section = page.locator(".filter-group").filter({ has: page.getByRole("heading", { name: group, exact: true }) });
  const name = typeof value === "string" ? new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|$)`) : value;
  const link = section.getByRole("link", { name });
  if (!(await link.first().isVisible())) await section.locator(".filter-more > summary").click();
  await link.first().click();
}

// The part of `locator` that the first screen shows: true when it lies wholly inside it.
export async function onFirstScreen(page: Page, locator: import("@playwright/test").Locator) {
  const box = await locator.boundingBox();
  const height = page.viewportSize()!.height;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

// A page of a new browser context with JavaScript off.
export async function noScript(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

// Signs in with the demo password through the plain form (JavaScript off); lands on /compte.
export async function signInPlainly(page: Page, email: string) {
  await page.goto("/compte/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("parvis-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
}

// The messages of the development outbox, soft line breaks and `=` of quoted-printable undone.
export function outbox(): string[] {
  const dir = path.join(process.env.PARVIS_E2E_DATA_DIR ?? "", "outbox");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .map((name) => fs.readFileSync(path.join(dir, name), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "="));
}
