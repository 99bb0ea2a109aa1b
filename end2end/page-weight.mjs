// What a phone downloads on a first visit to each of five pages, until the page is interactive.
// Run through scripts/page-weight (it starts nothing: point it at a running build).
//
// Each page is loaded in a fresh browser context (empty cache) with a phone's viewport and user
// agent, asking for `Accept-Encoding: br, gzip`. Every response until the WASM has hydrated the
// page (`body[data-hydrated]`) and no request has started for a second is counted by kind (HTML, CSS, JS, WASM,
// the page's messages, other) as transferred (body bytes on the wire, as the server encoded them), and also as
// brotli would send it (each decoded body compressed here at quality 11), so the figure is
// useful whether or not the server compresses yet.
import { chromium, devices } from "@playwright/test";
import { brotliCompressSync, constants } from "node:zlib";

const base = (process.argv[2] ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const verbose = process.argv.includes("--files");
const agent = { email: process.env.PARVIS_WEIGHT_AGENT ?? "agent@parvis.localhost", password: process.env.PARVIS_WEIGHT_PASSWORD ?? "parvis-demo-2026" };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const phone = devices["Pixel 7"];

function kindOf(response) {
  const type = response.request().resourceType();
  const contentType = (response.headers()["content-type"] ?? "").split(";")[0].trim();
  const url = new URL(response.url()).pathname;
  if (type === "document") return "html";
  // The page's language's messages (server/messages_file.rs), fetched beside the WASM.
  if (url.endsWith(".ftl")) return "messages";
  if (contentType === "application/wasm" || url.endsWith(".wasm")) return "wasm";
  if (type === "stylesheet" || contentType === "text/css") return "css";
  if (type === "script" || contentType.endsWith("javascript")) return "js";
  return "other";
}

// Loads `path` in a fresh context and returns one row per response.
async function weigh(path, storageState) {
  const context = await browser.newContext({ ...phone, storageState, extraHTTPHeaders: { "Accept-Encoding": "br, gzip" } });
  const page = await context.newPage();
  const pending = [];
  let counting = true;
  let lastRequest = Date.now();
  page.on("request", (request) => { if (counting && request.resourceType() !== "eventsource") lastRequest = Date.now(); });
  page.on("response", (response) => {
    // A live-events stream never ends: it is not part of the page's weight.
    if (!counting || response.request().resourceType() === "eventsource") return;
    pending.push((async () => {
      const request = response.request();
      let body = Buffer.alloc(0);
      try { body = await response.body(); } catch { /* a redirect has no body */ }
      const sizes = await request.sizes().catch(() => ({ responseBodySize: body.length, responseHeadersSize: 0 }));
      return {
        url: response.url().replace(base, ""),
        status: response.status(),
        kind: kindOf(response),
        encoding: response.headers()["content-encoding"] ?? "identity",
        raw: body.length,
        transferred: sizes.responseBodySize,
        brotli: body.length ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length : 0,
      };
    })());
  });
  const started = Date.now();
  await page.goto(base + path, { waitUntil: "load" });
  await page.waitForSelector("body[data-hydrated=true]", { timeout: 60_000 });
  const interactiveMs = Date.now() - started;
  // Then until no request has started for a second (at most ten), live streams aside.
  const settled = Date.now();
  while (Date.now() - lastRequest < 1000 && Date.now() - settled < 10_000) await page.waitForTimeout(200);
  counting = false;
  const rows = await Promise.all(pending);
  const finalUrl = page.url().replace(base, "");
  await context.close();
  return { rows, interactiveMs, finalUrl };
}

async function firstLink(path, pattern) {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(base + path);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  await context.close();
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`no link matching ${pattern} on ${path}`);
  return href;
}

async function signedIn(email, password) {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(`${base}/compte/connexion`);
  await page.waitForSelector("body[data-hydrated=true]");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: /Se connecter|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/compte/connexion"));
  const state = await context.storageState();
  await context.close();
  return state;
}

const pages = [
  { name: "/stages", path: "/stages" },
  { name: "offer page", path: await firstLink("/stages", /^\/stages\/offres\/\d+$/) },
  { name: "innovation catalogue", path: "/innovation" },
  { name: "fiche page", path: await firstLink("/innovation", /^\/innovation\/fiches\/\d+$/) },
  { name: "agent: my offers", path: "/stages/gestion", state: await signedIn(agent.email, agent.password) },
];

const kinds = ["html", "css", "js", "wasm", "messages"];
const kb = (n) => (n / 1000).toFixed(1);
const table = [];
for (const p of pages) {
  const { rows, interactiveMs, finalUrl } = await weigh(p.path, p.state);
  if (finalUrl !== p.path) throw new Error(`${p.path} ended on ${finalUrl} (not signed in?)`);
  const sum = (field, kind) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + r[field], 0);
  const line = { page: `${p.name} (${p.path})` };
  for (const k of kinds) line[k] = `${kb(sum("transferred", k))} / ${kb(sum("brotli", k))}`;
  line.total = kinds.reduce((s, k) => s + sum("transferred", k), 0);
  line.totalBrotli = kinds.reduce((s, k) => s + sum("brotli", k), 0);
  line.other = sum("transferred", "other");
  line.ms = interactiveMs;
  table.push(line);
  if (verbose) {
    console.log(`\n${p.name} (${p.path})`);
    for (const r of rows) console.log(`  ${r.kind.padEnd(5)} ${String(r.status).padEnd(4)} ${r.encoding.padEnd(8)} raw ${String(r.raw).padStart(9)}  transferred ${String(r.transferred).padStart(9)}  brotli-11 ${String(r.brotli).padStart(8)}  ${r.url}`);
  }
}
await browser.close();

console.log(`\nFirst load on a phone (Pixel 7 profile, empty cache), ${base}, until hydrated and no request for a second.`);
console.log("Per kind: KB as transferred / KB if every file were brotli -q 11 (1 KB = 1000 bytes).\n");
console.log("| page | HTML | CSS | JS | WASM | messages | total transferred | total with brotli | other transferred | interactive after |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const l of table) {
  console.log(`| ${l.page} | ${l.html} | ${l.css} | ${l.js} | ${l.wasm} | ${l.messages} | ${kb(l.total)} KB | **${kb(l.totalBrotli)} KB** | ${kb(l.other)} KB | ${l.ms} ms |`);
}
