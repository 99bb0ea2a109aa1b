// Espaces' shared calendar: the demo host agent opens a new space's agenda, creates a weekly
// event with the form, sees it in the agenda, week and month views, then makes a private feed
// link and finds the event with its RRULE in the .ics feed. axe-core checks each new page; no
// page is wider than the screen.
import { test, expect } from "@playwright/test";
import { checkAccessibility, hydrated, signIn } from "./helpers";

test("an agent creates a recurring event and the .ics feed holds it", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const name = `Agenda ${test.info().project.name} ${Date.now()}`;
  const title = `Point hebdo ${Date.now()}`;

  await signIn(page, "agent@parvis.localhost", "/espaces");
  await hydrated(page);
  await page.getByLabel("Modèle").selectOption("plan");
  await page.getByLabel("Nom de l'espace").fill(name);
  await page.getByRole("button", { name: "Créer l'espace" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("link", { name: "Agenda" }).first().click();
  await expect(page).toHaveURL(/\/agenda$/);
  await hydrated(page);
  await checkAccessibility(page);

  await page.getByText("Nouvel événement").click();
  await page.getByLabel("Titre").fill(title);
  await page.getByLabel("Date de début").fill("2027-03-15");
  await page.getByLabel("Heure de début").fill("10:00");
  await page.getByLabel("Heure de fin").fill("11:00");
  await page.getByLabel("Répétition").selectOption("weekly");
  await page.getByLabel("Nombre d'occurrences").fill("6");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/agenda\/\d+$/);
  await checkAccessibility(page);

  const agenda = page.url().replace(/\/\d+$/, "");
  for (const view of ["agenda", "week", "month"]) {
    await page.goto(`${agenda}?vue=${view}&date=2027-03-29`);
    await expect(page.getByRole("link", { name: new RegExp(title) }).first()).toBeVisible();
    await checkAccessibility(page);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(wide).toBe(false);
  }

  await hydrated(page);
  await page.getByRole("button", { name: "Créer un nouveau lien" }).click();
  const link = await page.locator(".feed-link").textContent();
  expect(link).toMatch(/\/espaces\/agenda\/[0-9a-f]{64}\.ics$/);
  const feed = await request.get(new URL(link!).pathname);
  expect(feed.status()).toBe(200);
  const text = await feed.text();
  expect(text).toContain("BEGIN:VTIMEZONE");
  expect(text).toContain("RRULE:FREQ=WEEKLY;COUNT=6");
  expect(text.replace(/\r\n /g, "")).toContain(`SUMMARY:${title}`);
  expect(errors).toEqual([]);
});
