// Espaces' forum: the demo host agent opens the urban-ecology plan's forum (the demo threads,
// the pinned one first), starts a thread mentioning a correspondent, quotes and replies; a
// correspondent, in another browser context, replies without JavaScript; the search finds the
// thread by a stemmed word. axe-core checks each new page, which is never wider than the screen.
import { test, expect } from "@playwright/test";
import { checkAccessibility, hydrated, noScript, signIn, signInPlainly } from "./helpers";

test("a thread is started, quoted and answered, with and without JavaScript, and found", async ({ page, browser }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const title = `Nichoirs ${test.info().project.name} ${Date.now()}`;

  await signIn(page, "agent@parvis.localhost", "/espaces");
  await hydrated(page);
  await page.getByRole("link", { name: "Plan écologie urbaine" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan écologie urbaine" })).toBeVisible();
  await page.getByRole("navigation", { name: /./ }).getByRole("link", { name: "Forum" }).first().click();
  await expect(page).toHaveURL(/\/forum$/);
  await hydrated(page);
  await expect(page.locator(".forum-thread").first()).toContainText("Bienvenue dans le forum du plan");
  await expect(page.locator(".forum-thread").first()).toContainText("Épinglé");
  await checkAccessibility(page);

  await page.getByRole("link", { name: "Nouveau sujet" }).click();
  await expect(page).toHaveURL(/\/forum\/nouveau$/);
  await hydrated(page);
  await checkAccessibility(page);
  await page.getByLabel("Titre").fill(title);
  await page.locator("#comment-body").fill("Combien de **nichoirs** posés ? @Corentin Correspondant (DVD), une idée ?");
  await page.getByRole("button", { name: "Publier le sujet" }).click();
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/forum\/\d+$/);
  const threadUrl = page.url();
  await hydrated(page);
  await expect(page.locator(".forum-post strong").filter({ hasText: "nichoirs" })).toBeVisible();
  await checkAccessibility(page);

  await page.getByRole("link", { name: "Citer" }).first().click();
  await expect(page.locator("#comment-body")).toHaveValue(/^> \*\*Agathe Agent\*\* :/);
  await page.locator("#comment-body").press("End");
  await page.locator("#comment-body").pressSequentially("Je complète.");
  await page.getByRole("button", { name: "Publier la réponse" }).click();
  await expect(page.locator(".forum-post")).toHaveCount(2);
  await expect(page.locator(".forum-post blockquote").first()).toBeVisible();

  // A correspondent replies without JavaScript: a plain form, answered with a redirect.
  const plain = await noScript(browser);
  await signInPlainly(plain, "correspondant.dvd@parvis.localhost");
  await plain.goto(threadUrl);
  await expect(plain.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await plain.locator("#comment-body").fill("Une douzaine, sans JavaScript.");
  await plain.getByRole("button", { name: "Publier la réponse" }).click();
  // The post as shown (its edit form, closed, holds the same text in a textarea).
  await expect(plain.locator(".forum-post").getByRole("paragraph").filter({ hasText: "Une douzaine, sans JavaScript." })).toBeVisible();
  await plain.context().close();

  // The search finds the thread by a stemmed word.
  await page.goto(threadUrl.replace(/\/\d+$/, ""));
  await hydrated(page);
  await page.getByLabel("Rechercher dans le forum").fill("nichoir");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await checkAccessibility(page);
  expect(errors).toEqual([]);
});
