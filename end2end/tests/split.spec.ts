// The WASM is split (scripts/build-site passes --split): Stages' public pages run on the main
// chunk alone, Innovation's reading pages share one chunk, and each desk (src/app/lazy_pages.rs)
// downloads its own chunk when it is opened, whether on a direct load, a refresh or a
// client-side navigation. A chunk that cannot be
// downloaded leads to the page loaded in full from the server (app/chunk_failure.rs).
import { test, expect, Page, Response } from "@playwright/test";
import { fillOffer, hydrated, signIn } from "./helpers";

// Console errors, uncaught exceptions (a WASM panic is both) and refused requests; a refused
// form (422) is expected.
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  // The offers desk asks for the direction's pool, which only a direction admin may see (403
  // for an agent: the page then shows no pool).
  const expected = (r: Response) => r.status() === 422 || (r.status() === 403 && r.url().endsWith("/api/stages/pool"));
  page.on("response", (r) => { if (r.status() >= 400 && !expected(r)) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
  return problems;
}

// Every WASM file the page asks for, by path.
function wasmFiles(page: Page) {
  const files = new Set<string>();
  page.on("request", (r) => { const path = new URL(r.url()).pathname; if (path.endsWith(".wasm")) files.add(path); });
  return files;
}

async function setMarker(page: Page) {
  await hydrated(page);
  await page.evaluate(() => ((window as any).__parvisMarker = 1));
}

async function marker(page: Page) {
  return page.evaluate(() => (window as any).__parvisMarker);
}

const manageHeading = (page: Page) => page.getByRole("heading", { level: 1, name: "Gérer mes offres" });

test("public pages need the main chunk only; a desk loads its chunk directly, on refresh and client-side", async ({ page }) => {
  const problems = watch(page);
  const wasm = wasmFiles(page);

  await page.goto("/stages");
  await hydrated(page);
  await page.locator(".offer-list .card h3 a").first().click();
  await expect(page).toHaveURL(/\/stages\/offres\/\d+$/);
  await hydrated(page);
  expect([...wasm], "Stages' search and offer pages run on the main chunk alone").toHaveLength(1);
  const main = [...wasm][0];

  // Innovation's reading pages come in a chunk of their own, loaded before hydration.
  await page.goto("/innovation");
  await hydrated(page);
  await page.locator("a[href^='/innovation/fiches/']").first().click();
  await expect(page).toHaveURL(/\/innovation\/fiches\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const innovation = [...wasm].filter((f) => f !== main);
  expect(innovation.length, "Innovation's chunk was downloaded").toBeGreaterThan(0);

  // Signing in loads /stages/gestion in full: a direct load of a lazy page hydrates.
  await signIn(page, "agent@parvis.localhost", "/stages/gestion");
  await expect(manageHeading(page)).toBeVisible();
  await hydrated(page);
  const chunks = [...wasm].filter((f) => f !== main && !innovation.includes(f));
  expect(chunks.length, "the desk's own chunk was downloaded").toBeGreaterThan(0);

  // Another lazy page, client-side, and it works (its form is hydrated).
  await setMarker(page);
  await page.getByRole("link", { name: "Nouvelle offre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle offre" })).toBeVisible();
  await hydrated(page);
  await fillOffer(page, "Stage chargé à la demande", "Vérifier le découpage du WASM.", "2099-05-01");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("La date limite doit précéder le début du stage.")).toBeVisible();
  expect(await marker(page), "the new-offer page was reached without a page load").toBe(1);

  // A refresh of a lazy page.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle offre" })).toBeVisible();
  await hydrated(page);

  // Rapid navigation between lazy and public pages, without waiting for each page.
  await setMarker(page);
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  for (const name of ["Stages", "Mes offres", "Innovation", "Mes offres", "Stages", "Mon compte", "Innovation", "Mes offres"]) {
    await nav.getByRole("link", { name, exact: false }).first().click();
  }
  await expect(page).toHaveURL(/\/stages\/gestion$/);
  await expect(manageHeading(page)).toBeVisible();
  await page.getByRole("link", { name: "Nouvelle offre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle offre" })).toBeVisible();
  expect(await marker(page), "rapid navigation stayed client-side").toBe(1);
  await expect(page.locator("main h1")).toHaveCount(1);
  expect(problems).toEqual([]);
});

test("a chunk that fails to download leads to the page loaded in full", async ({ page }) => {
  const wasm = wasmFiles(page);
  await page.goto("/stages");
  await hydrated(page);
  const main = [...wasm][0];
  await signIn(page, "agent@parvis.localhost", "/stages");
  await expect(page).toHaveURL(/\/stages$/);
  await setMarker(page);

  // From now on every other WASM file fails, as on a network that drops.
  await page.route((url) => url.pathname.endsWith(".wasm") && url.pathname !== main, (route) => route.abort("connectionfailed"));
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Mes offres" }).click();

  // The server renders the page the chunk was for: a full load, and the page is there.
  await expect(page).toHaveURL(/\/stages\/gestion$/);
  await expect(manageHeading(page)).toBeVisible();
  await expect.poll(() => marker(page), { message: "the page was loaded in full" }).toBeUndefined();
  // Hydration waits for the chunk, which fails again: links and forms then work as without
  // JavaScript (the stopped app does not swallow the click).
  await page.getByRole("link", { name: "Nouvelle offre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle offre" })).toBeVisible();
});

// A lazy page's chunks are named on its <body> and preloaded by the loader after the page's load,
// when it fetches the bundle (app/hydration_loader.rs), each file once: a download that starts
// while the page is painted competes with it (and Lighthouse counts it into the largest paint).
// (The first paint's own timestamp can come a frame after the idle moment, so the load it is.)
test("a lazy page's chunks are fetched after its load, each once", async ({ page }) => {
  const problems = watch(page);
  const requests: string[] = [];
  page.on("request", (r) => { const path = new URL(r.url()).pathname; if (path.endsWith(".wasm")) requests.push(path); });
  await page.goto("/innovation/regles");
  await hydrated(page);
  const named = (await page.locator("body").getAttribute("data-parvis-chunks"))?.split(" ") ?? [];
  expect(named.length, "the page names its chunks").toBeGreaterThan(0);
  await expect(page.locator("head link[rel=preload][as=fetch]")).toHaveCount(named.length);
  const timing = await page.evaluate(() => ({
    loaded: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
    chunks: performance.getEntriesByType("resource")
      .filter((r) => r.name.includes("/pkg/") && r.name.endsWith(".wasm") && !/\/pkg\/parvis\./.test(r.name))
      .map((r) => ({ path: new URL(r.name).pathname, start: r.startTime, by: (r as PerformanceResourceTiming).initiatorType })),
  }));
  expect(timing.chunks.map((c) => c.path).sort()).toEqual([...named].sort());
  for (const chunk of timing.chunks) {
    expect(chunk.by, chunk.path).toBe("link");
    expect(chunk.start, `${chunk.path} starts after the page's load`).toBeGreaterThanOrEqual(timing.loaded);
  }
  for (const path of named) expect(requests.filter((r) => r === path), path).toHaveLength(1);
  expect(problems).toEqual([]);
});
