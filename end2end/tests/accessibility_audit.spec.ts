// The accessibility statement's results kept true: axe-core (WCAG 2.0 and 2.1, levels A and
// AA, every impact) over every page of the app — each route of src/app/mod.rs, public pages as
// a visitor, desks signed in with the demo account of their role — on desktop and on phone.
// What it finds must equal src/legal/accessibility_remaining.json, which /accessibilite shows:
// a new violation fails, and so does a listed one that is gone (remove it from the file).
// When the file changes, update legal.accessibility_audit_date in Leptos.toml.
import { test, expect, Page, TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import * as fs from "node:fs";
import * as path from "node:path";
import { hydrated, signIn } from "./helpers";

type Remaining = { rule: string; impact: string; pages: string[]; viewports: string[]; fr: string; en: string };

const root = path.resolve(__dirname, "../..");
const remaining: Remaining[] = JSON.parse(fs.readFileSync(path.join(root, "src/legal/accessibility_remaining.json"), "utf8"));

// A page to check: its route pattern (as in src/app/mod.rs) and how to reach a real address.
type Visit = { route: string; open: (page: Page) => Promise<string> };

const at = (route: string, address?: string): Visit => ({ route, open: async () => address ?? route });

// The first link in the page at `from` whose address matches `pattern`, rewritten by `to`.
const via = (route: string, from: string, pattern: RegExp, to: (href: string) => string = (h) => h): Visit => ({
  route,
  open: async (page) => {
    await page.goto(from);
    const links = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const href = links.find((h) => pattern.test(h));
    expect(href, `a link matching ${pattern} on ${from}`).toBeTruthy();
    return to(href!.split("#")[0]);
  },
});

// From `from`, follows in turn the first link whose address matches each step's pattern (or
// whose name is the step's text), rewritten by the step's `to`: pages two links deep.
type Step = { link: RegExp | string; to?: (href: string) => string };
const chain = (route: string, from: string, steps: Step[]): Visit => ({
  route,
  open: async (page) => {
    let address = from;
    for (const step of steps) {
      await page.goto(address);
      let href: string | undefined;
      if (typeof step.link === "string") {
        href = (await page.locator("main").getByRole("link", { name: step.link, exact: true }).first().getAttribute("href")) ?? undefined;
      } else {
        const pattern = step.link;
        const links = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
        href = links.find((h) => pattern.test(h));
      }
      expect(href, `a link ${step.link} on ${address}`).toBeTruthy();
      address = (step.to ?? ((h: string) => h))(href!.split("#")[0]);
    }
    return address;
  },
});
// The demo plan, which uses every module: its documents, forum and calendar hold demo data.
// `suffix` is added to the plan's address; `deeper`, a link to follow from there.
const plan = (route: string, suffix: string, deeper?: RegExp) =>
  chain(route, "/espaces", [{ link: "Plan écologie urbaine", to: (h) => `${h}${suffix}` }, ...(deeper ? [{ link: deeper }] : [])]);

// Who visits what. Every route of the app is in exactly one group (checked below).
const groups: { who: string; account: string | null; visits: Visit[] }[] = [
  {
    who: "visitor",
    account: null,
    visits: [
      at("/"),
      at("/stages"),
      via("/stages/offres/:id", "/stages", /^\/stages\/offres\/\d+$/),
      at("/innovation"),
      via("/innovation/fiches/:id", "/innovation", /^\/innovation\/fiches\/\d+$/),
      at("/innovation/regles"),
      at("/innovation/discussions"),
      via("/innovation/discussions/:id", "/innovation/discussions", /^\/innovation\/discussions\/\d+$/),
      at("/espaces"),
      at("/espaces/invitation", "/espaces/invitation?jeton=perime"),
      at("/espaces/connexion"),
      at("/espaces/partage/:token", `/espaces/partage/${"0".repeat(64)}`),
      at("/espaces/partage/wiki/:token", `/espaces/partage/wiki/${"0".repeat(64)}`),
      at("/compte/connexion"),
      at("/compte/inscription"),
      at("/compte/mot-de-passe-oublie"),
      at("/compte/reinitialiser", "/compte/reinitialiser?jeton=perime"),
      at("/compte/supprimer", "/compte/supprimer?jeton=perime"),
      at("/compte/supprime"),
      at("/mentions-legales"),
      at("/confidentialite"),
      at("/cookies"),
      at("/accessibilite"),
      at("(not found)", "/cette-page-n-existe-pas"),
    ],
  },
  {
    who: "member",
    account: "membre@parvis.localhost",
    visits: [
      at("/compte"),
      at("/innovation/membres"),
      via("/innovation/membres/:id", "/innovation/membres", /^\/innovation\/membres\/\d+$/),
      at("/innovation/profil"),
      at("/innovation/mes-fiches"),
      via("/innovation/suivi/:id", "/innovation/mes-fiches", /^\/innovation\/suivi\/\d+$/),
      at("/innovation/ecrire"),
      via("/innovation/ecrire/:id", "/innovation/mes-fiches", /^\/innovation\/suivi\/\d+$/, (h) => h.replace("/suivi/", "/ecrire/")),
      at("/innovation/notifications"),
      at("/innovation/discussions/nouvelle"),
    ],
  },
  {
    who: "candidate",
    account: "candidat@parvis.localhost",
    visits: [
      at("/stages/candidatures"),
      via("/stages/candidatures/:id", "/stages/candidatures", /^\/stages\/candidatures\/\d+$/),
      at("/stages/alertes"),
      at("/stages/candidature-spontanee"),
    ],
  },
  {
    who: "host agent",
    account: "agent@parvis.localhost",
    visits: [
      at("/stages/gestion"),
      at("/stages/gestion/offre"),
      via("/stages/gestion/offre/:id", "/stages/gestion", /^\/stages\/offres\/\d+$/, (h) => h.replace("/stages/offres/", "/stages/gestion/offre/")),
      via("/espaces/:id", "/espaces", /^\/espaces\/\d+$/),
      via("/espaces/:id/membres", "/espaces", /^\/espaces\/\d+$/, (h) => `${h}/membres`),
      via("/espaces/:id/reglages", "/espaces", /^\/espaces\/\d+$/, (h) => `${h}/reglages`),
      plan("/espaces/:id/documents", "/documents"),
      plan("/espaces/:id/documents/:document", "/documents", /^\/espaces\/\d+\/documents\/\d+$/),
      plan("/espaces/:id/corbeille", "/corbeille"),
      plan("/espaces/:id/forum", "/forum"),
      plan("/espaces/:id/forum/nouveau", "/forum/nouveau"),
      plan("/espaces/:id/forum/:thread", "/forum", /^\/espaces\/\d+\/forum\/\d+$/),
      plan("/espaces/:id/agenda", "/agenda"),
      plan("/espaces/:id/agenda/:event", "/agenda", /^\/espaces\/\d+\/agenda\/\d+$/),
      plan("/espaces/:id/wiki", "/wiki"),
      plan("/espaces/:id/wiki/corbeille", "/wiki/corbeille"),
      plan("/espaces/:id/wiki/modifications", "/wiki/modifications"),
      plan("/espaces/:id/wiki/:page", "/wiki", /^\/espaces\/\d+\/wiki\/\d+$/),
      chain("/espaces/:id/wiki/:page/modifier", "/espaces", [
        { link: "Plan écologie urbaine", to: (h) => `${h}/wiki` },
        { link: /^\/espaces\/\d+\/wiki\/\d+$/, to: (h) => `${h}/modifier` },
      ]),
      chain("/espaces/:id/wiki/:page/historique", "/espaces", [
        { link: "Plan écologie urbaine", to: (h) => `${h}/wiki` },
        { link: /^\/espaces\/\d+\/wiki\/\d+$/, to: (h) => `${h}/historique` },
      ]),
      chain("/espaces/:id/wiki/:page/auteurs", "/espaces", [
        { link: "Plan écologie urbaine", to: (h) => `${h}/wiki` },
        { link: /^\/espaces\/\d+\/wiki\/\d+$/, to: (h) => `${h}/auteurs` },
      ]),
    ],
  },
  {
    who: "direction admin",
    account: "direction@parvis.localhost",
    visits: [at("/stages/direction"), at("/stages/tableau-de-bord")],
  },
  {
    who: "editor",
    account: "editeur@parvis.localhost",
    visits: [at("/innovation/relecture"), at("/innovation/moderation")],
  },
  {
    who: "site admin",
    account: "admin@parvis.localhost",
    visits: [at("/admin"), at("/admin/travaux"), at("/admin/referentiel"), at("/espaces/agents"), at("/espaces/administration")],
  },
];

test("every route of the app is audited", () => {
  const source = fs.readFileSync(path.join(root, "src/app/mod.rs"), "utf8");
  const routes = [...source.matchAll(/path!\("([^"]+)"\)/g)].map((m) => m[1]).sort();
  const audited = groups.flatMap((g) => g.visits.map((v) => v.route)).filter((r) => r.startsWith("/")).sort();
  expect(audited, "routes of src/app/mod.rs missing from the audit, or audited twice").toEqual(routes);
});

// "rule page" keys of the violations axe finds on each visit.
async function audit(page: Page, visits: Visit[]) {
  const found = new Map<string, string>();
  for (const visit of visits) {
    const address = await visit.open(page);
    await page.goto(address);
    await hydrated(page);
    await expect(page).toHaveTitle(/\S/);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    for (const v of results.violations) {
      found.set(`${v.id} ${visit.route}`, `${v.impact}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
    }
  }
  return found;
}

for (const group of groups) {
  test(`the statement lists what axe finds on the pages of a ${group.who}`, async ({ page }, testInfo: TestInfo) => {
    test.setTimeout(60_000 + group.visits.length * 20_000);
    if (group.account) {
      await signIn(page, group.account, "/compte");
      await expect(page).toHaveURL(/\/compte$/);
      await hydrated(page);
    }
    const found = await audit(page, group.visits);
    const routes = new Set(group.visits.map((v) => v.route));
    const listed = new Set(
      remaining
        .filter((r) => r.viewports.includes(testInfo.project.name))
        .flatMap((r) => r.pages.filter((p) => routes.has(p)).map((p) => `${r.rule} ${p}`)),
    );
    const added = [...found.keys()].filter((k) => !listed.has(k)).map((k) => `${k} — ${found.get(k)}`);
    const gone = [...listed].filter((k) => !found.has(k));
    expect(
      { "found, not in src/legal/accessibility_remaining.json": added, "listed, no longer found (remove it)": gone },
      `axe on ${testInfo.project.name}`,
    ).toEqual({ "found, not in src/legal/accessibility_remaining.json": [], "listed, no longer found (remove it)": [] });
  });
}
