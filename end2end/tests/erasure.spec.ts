// Deleting one's account: /compte says what goes and what stays, the password is checked (a
// wrong one is a field error), the confirmation link comes by mail (read from the outbox),
// its page confirms with a button, the browser lands signed out, and another browser signed
// in as the account is signed out too. With JavaScript and without.
import { test, expect, Page, Browser } from "@playwright/test";
import { checkAccessibility, hydrated, outbox } from "./helpers";

const PASSWORD = "une phrase de passe";


// Waits for the mail to `email` carrying the confirmation link; returns the link's path.
async function confirmationLink(email: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      () => {
        const mail = outbox().find((m) => m.includes(`To: ${email}`) && m.includes("/compte/supprimer?jeton="));
        link = mail?.match(/\/compte\/supprimer\?jeton=[0-9a-f]{64}/)?.[0] ?? "";
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");
  return link;
}

async function signUpPlain(page: Page, name: string, email: string) {
  await page.goto("/compte/inscription");
  await page.getByLabel("Nom affiché").fill(name);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/compte$/);
}

// A second browser signed in as `email`.
async function secondBrowser(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto("/compte/connexion");
  await hydrated(other);
  await other.getByLabel("Adresse électronique").fill(email);
  await other.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await other.getByRole("button", { name: "Se connecter" }).click();
  await expect(other).toHaveURL(/\/compte$/);
  return other;
}

function address(kind: string): string {
  return `efface-${kind}-${test.info().project.name}-${Date.now()}@example.org`;
}

test("a member deletes their account, confirmed by password and by mail", async ({ page, browser }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const email = address("js");
  await signUpPlain(page, "Emma Effacée", email);
  const other = await secondBrowser(browser, email);

  await page.goto("/compte");
  await hydrated(page);
  const section = page.locator("#supprimer");
  await expect(section.getByRole("heading", { name: "Ce qui est supprimé" })).toBeVisible();
  await expect(section.getByRole("heading", { name: "Ce qui reste, et pourquoi" })).toBeVisible();
  await expect(section.getByText("signés « Ancien membre »")).toBeVisible();
  await checkAccessibility(page);

  const password = section.getByLabel("Votre mot de passe, pour confirmer");
  await password.fill("pas le bon mot de passe");
  await section.getByRole("button", { name: "Supprimer mon compte" }).click();
  await expect(section.getByText("Le mot de passe actuel est incorrect.")).toBeVisible();
  expect(outbox().some((m) => m.includes(`To: ${email}`))).toBe(false);

  await password.fill(PASSWORD);
  await section.getByRole("button", { name: "Supprimer mon compte" }).click();
  await expect(section.getByText("Nous vous avons envoyé un courriel")).toBeVisible();
  const link = await confirmationLink(email);

  await page.goto(link);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Confirmer la suppression de votre compte" })).toBeVisible();
  await checkAccessibility(page);
  await page.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
  await expect(page).toHaveURL(/\/compte\/supprime$/);
  await expect(page.getByRole("heading", { name: "Votre compte est supprimé" })).toBeVisible();
  await hydrated(page);
  await checkAccessibility(page);
  await expect(page.getByRole("link", { name: /Connexion|Se connecter/ }).first()).toBeVisible();

  await other.goto("/compte");
  await expect(other.getByText("Connectez-vous pour voir cette page.")).toBeVisible();
  await expect.poll(() => outbox().some((m) => m.includes(`To: ${email}`) && m.includes("Votre compte Parvis a"))).toBe(true);

  // The link served once.
  await page.goto(link);
  await expect(page.getByText("Ce lien de suppression n'est pas valable")).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same deletion works with plain form posts", async ({ page }) => {
    const email = address("nojs");
    await signUpPlain(page, "Noé Sansjs", email);
    const section = page.locator("#supprimer");
    await section.getByLabel("Votre mot de passe, pour confirmer").fill("pas le bon mot de passe");
    await section.getByRole("button", { name: "Supprimer mon compte" }).click();
    await expect(page.locator("#supprimer").getByText("Le mot de passe actuel est incorrect.")).toBeVisible();

    await page.locator("#supprimer").getByLabel("Votre mot de passe, pour confirmer").fill(PASSWORD);
    await page.locator("#supprimer").getByLabel("Supprimer aussi mes commentaires et mes messages de discussion").check();
    await page.locator("#supprimer").getByRole("button", { name: "Supprimer mon compte" }).click();
    await expect(page).toHaveURL(/suppression=envoyee/);
    await expect(page.locator("#supprimer").getByText("Nous vous avons envoyé un courriel")).toBeVisible();
    const link = await confirmationLink(email);

    await page.goto(link);
    await expect(page.getByText("Vos commentaires, réponses et discussions sont supprimés aussi")).toBeVisible();
    await page.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
    await expect(page).toHaveURL(/\/compte\/supprime$/);
    await expect(page.getByRole("heading", { name: "Votre compte est supprimé" })).toBeVisible();
    await page.goto("/compte");
    await expect(page.getByText("Connectez-vous pour voir cette page.")).toBeVisible();
  });
});
