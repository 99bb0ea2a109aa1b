// The cookie notice kept true in a real browser: after a candidate and a member browse signed
// in (search, an offer, the catalogue, a fiche, a refused form, the language switch), the
// browser holds exactly the cookies /cookies lists (it renders src/legal/types.rs' COOKIES).
import { test, expect, Page } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

async function listedCookies(page: Page): Promise<string[]> {
  await page.goto("/cookies");
  await hydrated(page);
  return (await page.locator("tr[data-cookie]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-cookie") ?? ""))).sort();
}

test("a signed-in browser holds only the cookies the notice lists", async ({ page, context }) => {
  // A visitor first: nothing is set by reading.
  await page.goto("/stages");
  await hydrated(page);
  await page.goto("/innovation");
  await hydrated(page);
  expect((await context.cookies()).map((c) => c.name)).toEqual([]);

  await signIn(page, "candidat@parvis.localhost", "/stages");
  await expect(page).toHaveURL(/\/stages$/);
  await hydrated(page);
  await page.goto("/stages?q=jardins");
  await hydrated(page);
  await page.locator(".offer-list h3 a").first().click();
  await expect(page.locator(".apply")).toBeVisible();
  await page.goto("/stages/candidatures");
  await hydrated(page);
  await page.goto("/compte");
  await hydrated(page);
  // The language switch, then back.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  const listed = await listedCookies(page);
  expect(listed.length).toBeGreaterThan(0);
  const held = (await context.cookies()).map((c) => c.name).sort();
  expect(held).toEqual(listed);

  // A member on Innovation's pages sets nothing more.
  const member = await context.browser()!.newContext();
  const other = await member.newPage();
  await signIn(other, "membre@parvis.localhost", "/innovation/notifications");
  await expect(other).toHaveURL(/\/innovation\/notifications$/);
  await hydrated(other);
  await other.goto("/innovation");
  await hydrated(other);
  await other.locator("main a[href^='/innovation/fiches/']").first().click();
  await expect(other.locator("h1")).toBeVisible();
  const memberHeld = (await member.cookies()).map((c) => c.name);
  expect(memberHeld.every((name) => listed.includes(name)), `${memberHeld} within ${listed}`).toBe(true);
  await member.close();
});
