// What people write never widens a page on a phone: a 300-character link, a 200-letter word,
// a wide table, a code block and a long name, in a fiche (its sources too), a comment, a
// thread and its reply, a member's profile, an offer and an application's message.
import { test, expect, APIRequestContext, Browser } from "@playwright/test";
import { checkAccessibility, hydrated } from "./helpers";

const PASSWORD = "parvis-demo-2026";
const LONG_URL = `https://example.org/${"chemin-du-rapport/".repeat(15)}${"x".repeat(300 - 20 - 18 * 15)}`;
const LONG_WORD = "Anticonstitutionnellement".repeat(8);
const TABLE = [
  `| ${Array.from({ length: 8 }, (_, i) => `Colonne${i}`).join(" | ")} |`,
  `|${" --- |".repeat(8)}`,
  `| ${Array.from({ length: 8 }, () => "valeurtreslonguesansaucunespace").join(" | ")} |`,
].join("\n");
const CODE = "```\nlet ligne_de_code_tres_longue = " + "appel(x)".repeat(40) + ";\n```";
const HOSTILE = [`Source : ${LONG_URL}`, `[${LONG_URL}](${LONG_URL})`, LONG_WORD, TABLE, CODE, "`" + "code_en_ligne_".repeat(20) + "`"].join("\n\n");

async function signedIn(browser: Browser, email: string, password = PASSWORD) {
  const context = await browser.newContext();
  const answer = await context.request.post("/api/accounts/sign_in", { form: { email, password } });
  expect(answer.ok(), `sign-in of ${email}`).toBeTruthy();
  return context;
}

async function call(request: APIRequestContext, endpoint: string, form: Record<string, string>) {
  const answer = await request.post(`/api/${endpoint}`, { form });
  expect(answer.ok(), `${endpoint}: ${answer.status()} ${await answer.text()}`).toBeTruthy();
  return answer.json();
}

test("user-written content never makes a page wider than a phone", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "the width that matters is a phone's");
  test.setTimeout(180_000);

  // A member with a long name writes a fiche; the editor publishes it.
  const longName = "Maximilienne".repeat(6);
  const writer = await browser.newContext();
  const email = `large-${Date.now()}@example.org`;
  expect((await writer.request.post("/api/accounts/sign_up", { form: { display_name: longName, email, password: "une phrase de passe" } })).ok()).toBeTruthy();
  const page = await writer.newPage();
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${page.url()}: ${m.text()}`); });
  await page.goto("/innovation/ecrire");
  const field = (await page.locator("input[name='fiche[fields][0]']").getAttribute("value"))!;
  const fiche = await call(writer.request, "innovation/save", {
    "fiche[language]": "fr",
    "fiche[title]": `Téléphérique ${LONG_WORD.slice(0, 120)}`,
    "fiche[summary]": `Une ligne relie deux quartiers. ${LONG_WORD}`,
    "fiche[body]": HOSTILE,
    "fiche[fields][0]": field,
    "fiche[city]": "Brest",
    "fiche[country]": "France",
    "fiche[maturity]": "deployed",
    "fiche[sources]": `${LONG_URL}\n${LONG_URL}`,
    "fiche[interests]": "Aucun lien.",
  });
  await call(writer.request, "innovation/submit", { id: String(fiche) });
  const editor = await signedIn(browser, "editeur@parvis.localhost");
  await call(editor.request, "innovation/review", { id: String(fiche), action: "publish", acknowledge: "1" });
  await editor.close();

  // Their comment, thread, reply and profile.
  await call(writer.request, "innovation/comment", { fiche: String(fiche), body: HOSTILE });
  const thread = await call(writer.request, "innovation/thread_start", { "thread[title]": LONG_WORD.slice(0, 150), "thread[body]": HOSTILE, "thread[fields][0]": field });
  await call(writer.request, "innovation/thread_reply", { thread: String(thread), body: HOSTILE });
  await call(writer.request, "innovation/save_profile", {
    "profile[job_title]": LONG_WORD.slice(0, 100),
    "profile[organisation]": LONG_WORD.slice(0, 100),
    "profile[city]": "Brest",
    "profile[country]": "France",
    "profile[fields][0]": field,
    "profile[languages]": "fr",
    "profile[bio]": `${LONG_URL}\n${LONG_WORD}`,
  });

  for (const path of [`/innovation/fiches/${fiche}`, `/innovation/discussions/${thread}`, "/innovation/discussions", "/innovation", "/compte"]) {
    await page.goto(path);
    await hydrated(page);
    await checkAccessibility(page);
  }
  await page.goto(`/innovation/membres?q=${encodeURIComponent("Maximilienne")}`);
  await page.locator("main").getByRole("link", { name: longName, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: longName })).toBeVisible();
  await hydrated(page);
  await checkAccessibility(page);

  // An agent's offer with the same description, and the candidate's message on it.
  const agent = await signedIn(browser, "agent@parvis.localhost");
  const agentPage = await agent.newPage();
  await agentPage.goto("/stages/gestion/offre");
  const service = (await agentPage.locator("select[name='offer[service_id]'] option").nth(1).getAttribute("value"))!;
  const metier = (await agentPage.locator("select[name='offer[metier_id]'] option").nth(1).getAttribute("value"))!;
  const offer = await call(agent.request, "stages/save_offer", {
    "offer[title]": LONG_WORD.slice(0, 150),
    "offer[service_id]": service,
    "offer[metier_id]": metier,
    "offer[description]": HOSTILE,
    "offer[profile]": HOSTILE,
    "offer[education_level]": "bac3",
    "offer[discipline]": LONG_WORD.slice(0, 80),
    "offer[duration_weeks]": "8",
    "offer[start_month]": "2099-03",
    "offer[deadline]": "2099-01-31",
    "offer[places]": "1",
    "offer[address]": LONG_WORD.slice(0, 120),
    "offer[arrondissement]": "4",
    "offer[remote_days]": "0",
    "offer[contact_name]": LONG_WORD.slice(0, 80),
    "offer[contact_email]": "agathe@paris.fr",
  });
  await call(agent.request, "stages/offer_state", { id: String(offer), state: "published" });
  const candidate = await signedIn(browser, "candidat@parvis.localhost");
  const application = await call(candidate.request, "stages/apply", { offer_id: String(offer), cover_letter: `${LONG_URL}\n${LONG_WORD}` });
  await call(candidate.request, "stages/application_message", { id: String(application), body: `${LONG_URL}\n${LONG_WORD}` });
  await agentPage.goto(`/stages/offres/${offer}`);
  await hydrated(agentPage);
  await checkAccessibility(agentPage);
  await agentPage.goto(`/stages/candidatures/${application}`);
  await hydrated(agentPage);
  await checkAccessibility(agentPage);
  const candidatePage = await candidate.newPage();
  await candidatePage.goto(`/stages/offres/${offer}`);
  await hydrated(candidatePage);
  await checkAccessibility(candidatePage);
  await candidatePage.goto("/stages/candidatures");
  await hydrated(candidatePage);
  await checkAccessibility(candidatePage);
  await candidate.close();
  await agent.close();
  await writer.close();
  // Pages holding such content hydrate cleanly too.
  expect(problems).toEqual([]);
});
