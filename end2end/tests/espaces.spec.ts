// Espaces: the demo host agent (a city agent) creates a space from a template and invites an
// outside partner by e-mail; the partner opens the mailed link (read from the outbox) in
// another browser, creates a partner account without a password and lands in the space,
// which is all they see. Removed by the agent while their page of the space is open, the
// partner's page says at once that the space is gone (its live stream, no reload). axe-core
// checks each new page.
import { test, expect } from "@playwright/test";
import { checkAccessibility, hydrated, outbox, signIn } from "./helpers";

test("an agent creates a space and an outside partner joins it from the mailed invitation", async ({ page, browser }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const name = `Plan mares ${test.info().project.name} ${Date.now()}`;
  const partner = `partenaire-${test.info().project.name}-${Date.now()}@conseil.example`;

  await signIn(page, "agent@parvis.localhost", "/espaces");
  await expect(page).toHaveURL(/\/espaces$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Mes espaces" })).toBeVisible();
  await checkAccessibility(page);
  await page.getByLabel("Modèle").selectOption("plan");
  await page.getByLabel("Nom de l'espace").fill(name);
  await page.getByRole("button", { name: "Créer l'espace" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/espaces\/\d+$/);
  await checkAccessibility(page);

  await page.getByRole("link", { name: "Membres" }).click();
  await expect(page).toHaveURL(/\/membres$/);
  await hydrated(page);
  await page.getByLabel("Adresse électronique").fill(partner);
  await page.getByLabel("Rôle", { exact: true }).selectOption("contributor");
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText("Invitation envoyée.")).toBeVisible();
  await expect(page.getByText(partner)).toBeVisible();
  await checkAccessibility(page);

  let link = "";
  await expect
    .poll(
      () => {
        const mail = outbox().find((m) => m.includes(partner) && m.includes("/espaces/invitation?jeton="));
        link = mail?.match(/\/espaces\/invitation\?jeton=[0-9a-f]{64}/)?.[0] ?? "";
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");

  const context = await browser.newContext();
  const guest = await context.newPage();
  await guest.goto(link);
  await hydrated(guest);
  await expect(guest.getByText(name).first()).toBeVisible();
  await checkAccessibility(guest);
  await guest.getByLabel("Nom affiché").fill("Conseil Vert");
  await guest.getByRole("button", { name: "Créer mon compte et rejoindre l'espace" }).click();
  await expect(guest.getByRole("heading", { level: 1, name })).toBeVisible();
  const spaceUrl = guest.url();
  await guest.goto("/espaces");
  await expect(guest.getByRole("link", { name })).toBeVisible();
  await expect(guest.getByRole("link", { name: "Plan écologie urbaine" })).toHaveCount(0);

  await guest.goto(spaceUrl);
  await hydrated(guest);
  await expect(guest.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await page
    .getByRole("listitem")
    .filter({ hasText: "Conseil Vert" })
    .getByRole("button", { name: "Retirer de l'espace" })
    .click();
  await expect(page.getByRole("listitem").filter({ hasText: "Conseil Vert" })).toHaveCount(0);
  await expect(guest.getByRole("heading", { name: "Page introuvable" })).toBeVisible({ timeout: 10_000 });
  await expect(guest.getByRole("heading", { level: 1, name })).toHaveCount(0);
  await context.close();
  expect(errors).toEqual([]);
});
