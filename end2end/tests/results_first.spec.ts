// Pages that put what matters first, on a phone (Pixel 7) and a desktop: the search shows its
// count and first results on the first screen, its filters behind a "Filtres" disclosure on a
// phone and in a column beside the results on a wide screen, with and without JavaScript;
// filters are links with their counts, active ones are chips that remove them; with
// JavaScript the results follow the typing and the URL keeps the search. An offer page shows
// its key facts and the apply action on the first screen; a fiche's facts share their layout.
import { test, expect, Page, TestInfo } from "@playwright/test";
import { checkAccessibility, chooseFilter, hydrated, noScript, onFirstScreen, openFilters, signUp } from "./helpers";

function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}


// The count and the first result on the first screen; the filters a closed disclosure on a
// phone, a column to the left of the results on a desktop.
async function expectResultsFirst(page: Page, testInfo: TestInfo, first: string) {
  const count = page.locator(".results-count");
  await expect(count).toHaveText(/\d/);
  const firstResult = page.locator(first).first();
  await expect(firstResult).toBeVisible();
  expect(await onFirstScreen(page, count), "the count is on the first screen").toBe(true);
  expect(await onFirstScreen(page, firstResult), "the first result is on the first screen").toBe(true);
  const summary = page.locator(".filters-panel > summary");
  if (testInfo.project.name === "phone") {
    await expect(summary).toBeVisible();
    await expect(page.locator(".filters-body")).toBeHidden();
    const box = (await summary.boundingBox())!;
    expect(box.height, "the Filtres button is a 44 px target").toBeGreaterThanOrEqual(44);
  } else {
    await expect(summary).toBeHidden();
    await expect(page.locator(".filters-body")).toBeVisible();
    const column = (await page.locator(".filters-panel").boundingBox())!;
    const results = (await page.locator(".search-results").boundingBox())!;
    expect(column.x + column.width, "the filters stand beside the results").toBeLessThanOrEqual(results.x);
    expect(Math.abs(column.y - results.y), "the column starts level with the search").toBeLessThan(200);
  }
}

for (const script of [true, false]) {
  const mode = script ? "with JavaScript" : "without JavaScript";

  test(`the offer search shows its count and first offers first, ${mode}`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ javaScriptEnabled: script });
    const page = await context.newPage();
    for (const url of ["/stages", "/stages?q=jardins"]) {
      await page.goto(url);
      if (script) await hydrated(page);
      await expectResultsFirst(page, testInfo, ".offer-list .card h3 a");
    }
    // The counted filters show their values with their counts.
    await openFilters(page);
    const direction = page.locator(".filter-group").filter({ hasText: "Direction" }).locator(".filter-value").first();
    await expect(direction.locator(".filter-count")).toHaveText(/\d/);
    await context.close();
  });

  test(`the innovation catalogue shows its count and first fiches first, ${mode}`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ javaScriptEnabled: script });
    const page = await context.newPage();
    await page.goto("/innovation");
    if (script) await hydrated(page);
    await expectResultsFirst(page, testInfo, ".offer-list .card h3 a");
    await context.close();
  });
}

test("without JavaScript the filters open, their links filter, chips remove them", async ({ browser }) => {
  const page = await noScript(browser);
  await page.goto("/stages");
  const total = await page.locator(".results-count").textContent();
  await chooseFilter(page, "Direction", "DEVE");
  await expect(page).toHaveURL(/direction=DEVE/);
  await expect(page.locator(".offer-list .card").first()).toContainText("DEVE");
  await expect(page.locator(".filters-count")).toContainText("1");
  // The chosen value is marked, and the other criteria keep the filter.
  await openFilters(page);
  await expect(page.locator(".filter-value[aria-current='true']")).toContainText("DEVE");
  await page.getByLabel("Arrondissement").selectOption("12");
  await page.getByRole("button", { name: "Appliquer" }).click();
  await expect(page).toHaveURL(/direction=DEVE.*arrondissement=12/);
  await expect(page.locator(".filters-count")).toContainText("2");
  const chips = page.getByRole("list", { name: "Filtres actifs" });
  await expect(chips.getByRole("link", { name: "Retirer le filtre DEVE" })).toBeVisible();
  const chip = chips.getByRole("link", { name: "Retirer le filtre Paris 12e" });
  expect((await chip.boundingBox())!.height, "a chip is a 44 px target").toBeGreaterThanOrEqual(44);
  await chip.click();
  await expect(page).not.toHaveURL(/arrondissement/);
  await expect(page).toHaveURL(/direction=DEVE/);
  await chips.getByRole("link", { name: "Retirer le filtre DEVE" }).click();
  await expect(page).not.toHaveURL(/direction/);
  await expect(page.locator(".results-count")).toHaveText(total!);
  await expect(page.getByRole("list", { name: "Filtres actifs" })).toHaveCount(0);

  // The words form keeps the filters; the catalogue works the same way.
  await chooseFilter(page, "Gratification", "Stage gratifié");
  await page.getByLabel("Mots-clés").fill("stage");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/q=stage&gratifie=1/);
  await expect(page.locator(".offer-list .card").first()).toContainText("Stage gratifié");

  await page.goto("/innovation");
  await chooseFilter(page, "Maturité", "Expérimentation");
  await expect(page).toHaveURL(/maturite=/);
  const fiches = await page.locator(".results-count").textContent();
  await page.getByRole("list", { name: "Filtres actifs" }).getByRole("link", { name: /^Retirer le filtre/ }).click();
  await expect(page).not.toHaveURL(/maturite/);
  await expect(page.locator(".results-count")).not.toHaveText(fiches!);
  await page.context().close();
});

test("with JavaScript the results follow the typing and the URL keeps the search", async ({ page }) => {
  const problems = watch(page);
  await page.goto("/stages");
  await hydrated(page);
  await page.evaluate(() => ((window as any).__parvisMarker = 1));
  const entries = await page.evaluate(() => history.length);
  const box = page.getByLabel("Mots-clés");
  await box.pressSequentially("jardins", { delay: 60 });
  // No Enter: the pause after typing runs the search.
  await expect(page).toHaveURL(/q=jardins/);
  await expect(page.locator(".offer-list .card h3").first()).toContainText(/jardin/i);
  await expect(box).toBeFocused();
  await expect(box).toHaveValue("jardins");
  // Typing replaced the history entry rather than adding one per word.
  expect(await page.evaluate(() => history.length)).toBe(entries);

  // A filter link and a chip, without a page load.
  await chooseFilter(page, "Direction", "DEVE");
  await expect(page).toHaveURL(/q=jardins.*direction=DEVE/);
  await expect(page.locator(".offer-list .card").first()).toContainText("DEVE");
  if (await page.locator(".filters-panel > summary").isVisible()) {
    // On a phone, choosing closes the filters: the results are what shows.
    await expect(page.locator(".filters-body")).toBeHidden();
  }
  await checkAccessibility(page);
  await openFilters(page);
  await checkAccessibility(page);
  await page.getByRole("list", { name: "Filtres actifs" }).getByRole("link", { name: "Retirer le filtre DEVE" }).click();
  await expect(page).not.toHaveURL(/direction/);
  await expect(page).toHaveURL(/q=jardins/);
  // Emptying the box shows every offer again; the back button brings the filter back.
  await box.fill("");
  await expect(page).not.toHaveURL(/q=/);
  await page.goBack();
  await expect(page).toHaveURL(/direction=DEVE/);
  await expect(box).toHaveValue("jardins");
  expect(await page.evaluate(() => (window as any).__parvisMarker)).toBe(1);

  // The catalogue follows the typing too.
  await page.goto("/innovation");
  await hydrated(page);
  await page.evaluate(() => ((window as any).__parvisMarker = 1));
  await page.getByLabel("Mots-clés").pressSequentially("superilots", { delay: 60 });
  await expect(page).toHaveURL(/q=superilots/);
  await expect(page.locator(".offer-list .card h3").first()).toContainText(/Superîlots/);
  await checkAccessibility(page);
  expect(await page.evaluate(() => (window as any).__parvisMarker)).toBe(1);
  expect(problems).toEqual([]);
});

test("an offer page shows its key facts and the apply action on the first screen", async ({ page, browser }, testInfo) => {
  const problems = watch(page);
  await page.goto("/stages?q=stage");
  const offer = (await page.locator(".offer-list .card h3 a").first().getAttribute("href"))!;

  // A visitor: the facts, then the sign-in to apply, on the first screen, with or without JS.
  const plain = await noScript(browser);
  for (const visitor of [page, plain]) {
    await visitor.goto(offer);
    const facts = visitor.locator(".offer .key-facts").first();
    await expect(facts.locator(".key-fact")).toHaveCount(5);
    await expect(facts).toContainText("Candidater avant le");
    expect(await onFirstScreen(visitor, facts), "the key facts are on the first screen").toBe(true);
    const apply = visitor.locator(".apply-shortcut").getByRole("link", { name: "Se connecter pour postuler" });
    expect(await onFirstScreen(visitor, apply), "the apply action is on the first screen").toBe(true);
    expect((await apply.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  await plain.context().close();
  await hydrated(page);
  await checkAccessibility(page);

  // A candidate: "Postuler" leads to the letter, focused on its section.
  await signUp(page, "Paule Pressée", `pressee-${testInfo.project.name}-${Date.now()}@example.org`);
  await page.goto(offer);
  await hydrated(page);
  const shortcut = page.locator(".apply-shortcut").getByRole("link", { name: "Postuler" });
  expect(await onFirstScreen(page, shortcut), "Postuler is on the first screen").toBe(true);
  await shortcut.click();
  await expect(page.locator("#candidater")).toBeFocused();
  expect(await onFirstScreen(page, page.getByRole("heading", { name: "Postuler" })), "the apply section scrolled into view").toBe(true);
  await page.getByLabel("Lettre de motivation").fill("Je suis disponible dès le début du stage.");
  await page.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(page.locator(".apply .application-state")).toContainText("Reçue");
  await expect(page.locator(".apply-shortcut")).toContainText("Reçue");
  await checkAccessibility(page);
  expect(problems).toEqual([]);
});

test("a fiche's facts share the offer's layout", async ({ page }) => {
  await page.goto("/innovation");
  await page.locator(".offer-list .card h3 a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const facts = page.locator(".fiche .key-facts");
  await expect(facts.locator(".key-fact").first()).toBeVisible();
  expect(await facts.evaluate((e) => getComputedStyle(e).display)).toBe("grid");
  expect(await facts.locator("dd").first().evaluate((e) => getComputedStyle(e).marginLeft)).toBe("0px");
  expect(await onFirstScreen(page, facts.locator(".key-fact").first())).toBe(true);
  await hydrated(page);
  await checkAccessibility(page);
});
