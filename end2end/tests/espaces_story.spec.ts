// Espaces, the whole story across modules (issue "Espaces", end-to-end tests): the demo host
// agent creates a space from a template and invites an outside partner, who accepts from the
// mailed link (read from the outbox), then signs in again by a one-time link in a fresh
// browser, drags a file in and watches the progress bar, uploads a new version and posts in
// the forum mentioning the agent. The agent, in another browser context, sees the upload
// arrive on the open space home, then the mention on "my spaces" and the thread in the
// space's activity; creates a weekly event that
// the .ics feed holds; shares the document with a third person who opens it without an
// account, then revokes the link, which stops working; and removes the partner, whose open
// page loses the space at once. axe-core checks the pages on the way.
import { test, expect, type Page } from "@playwright/test";
import { checkAccessibility, hydrated, outbox, signIn } from "./helpers";

/** The first link matching `pattern` in a mail sent to `to`, waiting for the mail. */
async function mailedLink(to: string, pattern: RegExp): Promise<string> {
  let link = "";
  await expect
    .poll(
      () => {
        const mail = outbox().filter((m) => m.includes(to) && pattern.test(m)).pop();
        link = mail?.match(pattern)?.[0] ?? "";
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");
  return link;
}

/** Drops a text file of about `megabytes` MB named `name` on the documents page's box. */
async function dropFile(page: Page, name: string, megabytes: number) {
  await page.evaluate(
    ({ name, megabytes }) => {
      const line = "Relevé des mares du parc, saison de printemps.\n";
      const file = new File([line.repeat(Math.ceil((megabytes * 1024 * 1024) / line.length))], name, {
        type: "text/plain",
      });
      const data = new DataTransfer();
      data.items.add(file);
      const box = document.querySelector("[data-testid=upload-box]")!;
      box.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
      box.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { name, megabytes },
  );
}

test("a partner joins, shares files and a mention; the agent follows, plans, shares and removes", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const run = `${test.info().project.name} ${Date.now()}`;
  const name = `Plan mares ${run}`;
  const partner = `story-${test.info().project.name}-${Date.now()}@conseil.example`;
  const file = "Relevé mares.txt";
  const topic = `Inventaire ${run}`;
  const event = `Comité mares ${Date.now()}`;

  // The agent creates the space and invites the partner.
  await signIn(page, "agent@parvis.localhost", "/espaces");
  await hydrated(page);
  await page.getByLabel("Modèle").selectOption("plan");
  await page.getByLabel("Nom de l'espace").fill(name);
  await page.getByRole("button", { name: "Créer l'espace" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const spaceUrl = page.url();
  await page.getByRole("link", { name: "Membres" }).click();
  await hydrated(page);
  await page.getByLabel("Adresse électronique").fill(partner);
  await page.getByLabel("Rôle", { exact: true }).selectOption("contributor");
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText("Invitation envoyée.")).toBeVisible();

  // The partner accepts from the mailed invitation: an account without a password.
  const invitation = await mailedLink(partner, /\/espaces\/invitation\?jeton=[0-9a-f]{64}/);
  const joining = await browser.newContext();
  const first = await joining.newPage();
  await first.goto(invitation);
  await hydrated(first);
  await first.getByLabel("Nom affiché").fill("Conseil Vert");
  await first.getByRole("button", { name: "Créer mon compte et rejoindre l'espace" }).click();
  await expect(first.getByRole("heading", { level: 1, name })).toBeVisible();
  await joining.close();

  // Later, in a fresh browser, the partner signs in by a one-time link.
  const partnerContext = await browser.newContext();
  const guest = await partnerContext.newPage();
  guest.on("pageerror", (e) => errors.push(e.message));
  await guest.goto("/espaces/connexion");
  await hydrated(guest);
  await guest.getByLabel("Adresse électronique").fill(partner);
  await guest.getByRole("button", { name: "Recevoir le lien" }).click();
  await expect(guest.getByText("Si cette adresse a un compte membre d'un espace")).toBeVisible();
  const signInLink = await mailedLink(partner, /\/espaces\/connexion\?jeton=[0-9a-f]{64}/);
  await guest.goto(signInLink);
  await hydrated(guest);
  await checkAccessibility(guest);
  await guest.getByRole("button", { name: "Me connecter" }).click();
  await expect(guest).toHaveURL(/\/espaces$/);
  await expect(guest.getByRole("link", { name })).toBeVisible();
  await expect(guest.getByRole("link", { name: "Plan écologie urbaine" })).toHaveCount(0);

  // The agent keeps the space's home open, to see the activity arrive.
  await page.goto(spaceUrl);
  await hydrated(page);
  const activity = page.locator(".activity");

  // The partner drops a file in (progress bar), then sends a new version of it.
  await guest.goto(`${spaceUrl}/documents`);
  await hydrated(guest);
  const progressSeen = guest.locator("#upload-progress").waitFor({ state: "attached", timeout: 30_000 });
  await dropFile(guest, file, 8);
  await progressSeen;
  await expect(guest.getByText("Fichier déposé.")).toBeVisible({ timeout: 30_000 });
  const row = guest.locator(".document-list li", { hasText: file });
  await expect(row).toContainText("v1");
  await guest.getByLabel("Fichiers").setInputFiles({
    name: file,
    mimeType: "text/plain",
    buffer: Buffer.from("Relevé corrigé : 14 mares.\n"),
  });
  await guest.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(row).toContainText("v2");
  await expect(activity).toContainText(`Conseil Vert a déposé une nouvelle version de « ${file} »`, {
    timeout: 15_000,
  });

  // The agent goes to "my spaces" (opening the space marks what it shows as seen); the
  // partner posts in the forum, mentioning the agent.
  await page.goto("/espaces");
  await hydrated(page);
  await guest.goto(`${spaceUrl}/forum/nouveau`);
  await hydrated(guest);
  await guest.getByLabel("Titre").fill(topic);
  await guest.locator("#comment-body").fill("Le relevé est déposé. @Agathe Agent, pouvez-vous le valider ?");
  await guest.getByRole("button", { name: "Publier le sujet" }).click();
  await expect(guest.getByRole("heading", { level: 2, name: topic })).toBeVisible();

  // The agent finds the mention on "my spaces", then the thread in the space's activity.
  await page.reload();
  await hydrated(page);
  const mentions = page.locator("section", { has: page.getByRole("heading", { name: "On vous a mentionné" }) });
  await expect(mentions).toContainText(topic);
  await checkAccessibility(page);
  await mentions.getByRole("link", { name: new RegExp(topic) }).click();
  await expect(page.getByRole("heading", { level: 2, name: topic })).toBeVisible();
  await page.goto(spaceUrl);
  await hydrated(page);
  await expect(activity).toContainText(`Conseil Vert a ouvert le sujet « ${topic} »`);

  // A weekly event, then the agent's private feed holds it with its recurrence.
  await page.goto(`${spaceUrl}/agenda`);
  await hydrated(page);
  await page.getByText("Nouvel événement").click();
  await page.getByLabel("Titre").fill(event);
  await page.getByLabel("Date de début").fill("2027-04-05");
  await page.getByLabel("Heure de début").fill("14:00");
  await page.getByLabel("Heure de fin").fill("15:30");
  await page.getByLabel("Répétition").selectOption("weekly");
  await page.getByLabel("Nombre d'occurrences").fill("8");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: event })).toBeVisible();
  await page.goto(`${spaceUrl}/agenda`);
  await hydrated(page);
  await page.getByRole("button", { name: "Créer un nouveau lien" }).click();
  const feedLink = (await page.locator(".feed-link").textContent()) ?? "";
  expect(feedLink).toMatch(/\/espaces\/agenda\/[0-9a-f]{64}\.ics$/);
  const feed = await page.request.get(new URL(feedLink).pathname);
  expect(feed.status()).toBe(200);
  const ics = (await feed.text()).replace(/\r\n /g, "");
  expect(ics).toContain(`SUMMARY:${event}`);
  expect(ics).toContain("RRULE:FREQ=WEEKLY;COUNT=8");

  // The agent shares the partner's document with a third person, then revokes the link.
  await page.goto(`${spaceUrl}/documents`);
  await hydrated(page);
  await page.locator(".document-list li", { hasText: file }).getByRole("link", { name: file }).click();
  await expect(page.getByRole("heading", { name: file })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Durée de validité (jours)").fill("7");
  await page.getByRole("button", { name: "Créer un lien" }).click();
  const shareLink = (await page.getByTestId("share-link").textContent()) ?? "";
  expect(shareLink).toMatch(/\/espaces\/partage\/[0-9a-f]{64}$/);
  const thirdContext = await browser.newContext();
  const third = await thirdContext.newPage();
  await third.goto(shareLink);
  await expect(third.getByRole("heading", { level: 1, name: file })).toBeVisible();
  const href = (await third.getByRole("link", { name: "Télécharger" }).getAttribute("href")) ?? "";
  const fetched = await third.request.get(href);
  expect(fetched.status()).toBe(200);
  expect(await fetched.text()).toBe("Relevé corrigé : 14 mares.\n");
  await page.reload();
  await hydrated(page);
  await expect(page.locator(".opening-list li")).toHaveCount(1);
  await page.getByRole("button", { name: "Révoquer" }).click();
  await expect(page.locator(".share-list li")).toContainText("révoqué");
  await third.reload();
  await expect(third.getByText("Ce lien de partage a été révoqué ou a expiré")).toBeVisible();
  expect((await third.request.get(href)).status()).not.toBe(200);
  await thirdContext.close();

  // The partner, on the space's home, is removed: the open page loses the space at once.
  await guest.goto(spaceUrl);
  await hydrated(guest);
  await expect(guest.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.goto(`${spaceUrl}/membres`);
  await hydrated(page);
  await page
    .getByRole("listitem")
    .filter({ hasText: "Conseil Vert" })
    .getByRole("button", { name: "Retirer de l'espace" })
    .click();
  await expect(guest.getByRole("heading", { name: "Page introuvable" })).toBeVisible({ timeout: 10_000 });
  await guest.goto(`${spaceUrl}/documents`);
  await expect(guest.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await partnerContext.close();
  expect(errors).toEqual([]);
});
