import { test, expect, TestInfo, Page } from "@playwright/test";
import { checkAccessibility, hydrated, signIn } from "./helpers";

// Two demo members: Ana López asks the community; Mehdi Membre (membre@), who follows the transport
// field, hears of it, replies quoting the question and naming Ana, then comments on one of
// Ana's fiches. Ana finds both in her notifications.
test("a member's question and comment reach another member's notifications", async ({ browser }, testInfo: TestInfo) => {
  const problems: string[] = [];
  const watch = (page: Page, who: string) => page.on("console", (m) => { if (m.type() === "error") problems.push(`${who} page ${page.url()}: ${m.text()}`); });
  const title = `Qui a essayé des navettes autonomes ? (${testInfo.project.name} ${Date.now()})`;

  const anaContext = await browser.newContext();
  const ana = await anaContext.newPage();
  watch(ana, "Ana");
  await signIn(ana, "ana.lopez@ejemplo.es", "/innovation/notifications");
  await expect(ana.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await hydrated(ana);
  const readAll = ana.getByRole("button", { name: "Tout marquer comme lu" });
  if (await readAll.count()) {
    await readAll.click();
    await expect(ana.locator(".notification.unread")).toHaveCount(0);
  }

  await ana.goto("/innovation/discussions");
  await hydrated(ana);
  await checkAccessibility(ana);
  await ana.getByRole("link", { name: "Poser une question" }).click();
  await hydrated(ana);
  await ana.getByLabel("Votre question, en une phrase").fill(title);
  await ana.getByLabel("Détails").fill("Nous envisageons une navette sans chauffeur entre la gare et l'hôpital. Quels résultats avez-vous mesurés ?");
  await ana.getByLabel("Transports et mobilité").check();
  await ana.getByRole("button", { name: "Publier la question" }).click();
  await expect(ana.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const threadPath = new URL(ana.url()).pathname;

  // Marie follows the field in the demo: the new question is in her notifications.
  const marieContext = await browser.newContext();
  const marie = await marieContext.newPage();
  watch(marie, "Marie");
  await signIn(marie, "membre@parvis.localhost", "/innovation/notifications");
  const news = marie.locator(".notification[data-kind=thread]").filter({ hasText: title });
  await expect(news).toBeVisible();
  await hydrated(marie);
  await checkAccessibility(marie);
  await news.getByRole("link", { name: title }).click();
  await expect(marie).toHaveURL(new RegExp(`${threadPath}$`));
  await hydrated(marie);
  await marie.locator("#question-" + threadPath.split("/").pop()).getByRole("button", { name: "Citer" }).click();
  await expect(marie.getByLabel("Votre réponse")).toHaveValue(/^> \*\*Ana López\*\* :\n> Nous envisageons/);
  const answer = `@Ana López à Lyon, 8 mois d'essai, rapport public (${Date.now()}).`;
  const box = marie.getByLabel("Votre réponse");
  await box.fill((await box.inputValue()) + answer);
  await marie.getByRole("button", { name: "Publier la réponse" }).click();
  const reply = marie.locator(".comment").filter({ hasText: "8 mois d'essai" });
  await expect(reply).toBeVisible();
  await expect(reply.locator("blockquote")).toContainText("Nous envisageons");
  await checkAccessibility(marie);

  // Marie comments on one of Ana's fiches.
  await marie.goto("/innovation?q=superilots");
  await marie.getByRole("link", { name: /Superîlots/ }).first().click();
  await hydrated(marie);
  const remark = `Nous avons repris la méthode de comptage des passages (${testInfo.project.name} ${Date.now()}).`;
  await marie.getByLabel("Votre commentaire").fill(remark);
  await marie.getByRole("button", { name: "Publier le commentaire" }).click();
  await expect(marie.locator(".comment").filter({ hasText: remark })).toBeVisible();
  await marieContext.close();

  // Ana hears of both: the mention in her thread, the comment on her fiche.
  await ana.goto("/innovation/notifications");
  await expect(ana.locator(".notification.unread[data-kind=mention]").filter({ hasText: title })).toContainText("Mehdi Membre");
  await expect(ana.locator(".notification.unread[data-kind=comment]").filter({ hasText: "Superîlots" })).toContainText("Mehdi Membre");
  await ana.locator(".notification.unread[data-kind=mention]").filter({ hasText: title }).getByRole("link").click();
  await expect(ana.locator(".comment").filter({ hasText: "8 mois d'essai" })).toBeVisible();
  await anaContext.close();
  expect(problems.filter((p) => !p.includes("422"))).toEqual([]);
});
