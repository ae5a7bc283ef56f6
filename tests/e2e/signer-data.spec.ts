// "What do you hold about me": from the petition page, in Spanish on a phone, a signer asks and reads
// the report in their mailbox; an address with nothing held gets the same page and no mail; the
// form works without JavaScript. The retention schedule shows on the petition page and in settings.
import { expect, test, type APIRequestContext } from "@playwright/test";
import {
  collectConsoleErrors,
  DEMO,
  DESKTOP,
  expectNoAxeViolations,
  loginAs,
  PHONE,
  screenshot,
  waitForMail,
} from "../support/e2e";

const petitionPath = `/p/${DEMO.petitionSlug}`;
const stamp = Date.now();
const HELD = `e2e.mydata.${stamp}@example.org`;
const UNHELD = `e2e.nothing.${stamp}@example.org`;

async function signByApi(request: APIRequestContext, email: string) {
  const { startedAt } = (await (await request.get(`${petitionPath}/start`)).json()) as {
    startedAt: string;
  };
  await new Promise((r) => setTimeout(r, 2_200));
  const res = await request.post(`/api/sign/${DEMO.petitionSlug}`, {
    data: {
      firstName: "Rosa",
      lastName: "Datosdemo",
      email,
      postalCode: "77036",
      comment: "Por mi familia",
      startedAt,
      lang: "es",
    },
  });
  expect(res.status()).toBe(201);
}

test("in Spanish on a phone: ask what Handover holds and read it in the mailbox", async ({
  page,
  request,
}) => {
  await page.setViewportSize(PHONE);
  const errors = collectConsoleErrors(page);
  await signByApi(request, HELD);
  await page.goto(`${petitionPath}?lang=es`);
  await expect(page.getByTestId("retention-note")).toContainText(
    "Las firmas se anonimizan 6 meses después de que cierra la petición",
  );
  await page.getByRole("link", { name: "¿Qué datos tienen sobre mí?" }).click();
  await expect(page).toHaveURL(/\/my-data\?lang=es/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "¿Qué datos tiene Handover sobre ti?",
  );
  await expectNoAxeViolations(page);
  await screenshot(page, "my-data-es-phone");

  // A malformed address: a message next to the field, in Spanish.
  await page.getByLabel("Tu correo electrónico").fill("no-es-un-correo");
  await page.getByRole("button", { name: "Enviarme lo que tienen" }).click();
  await expect(page.locator("#my-data-email-error")).toHaveText(
    "Escribe un correo como nombre@ejemplo.com.",
  );
  await expect(page.getByLabel("Tu correo electrónico")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  await page.getByLabel("Tu correo electrónico").fill(HELD);
  await page.getByRole("button", { name: "Enviarme lo que tienen" }).click();
  await expect(page.getByTestId("my-data-sent")).toContainText("Revisa tu correo");
  const heldText = await page.getByTestId("my-data-sent").textContent();
  await expectNoAxeViolations(page);
  await screenshot(page, "my-data-es-phone-sent");

  const [mail] = await waitForMail(request, HELD, { subject: /Lo que Handover guarda sobre ti/ });
  expect(mail!.toAddress).toBe(HELD);
  for (const expected of ["Rosa", "Datosdemo", "77036", "Por mi familia", "/remove/s"])
    expect(mail!.text).toContain(expected);
  expect(mail!.text).toContain("esperando que confirmes tu correo");

  // An address with nothing held: the same page, word for word, and no mail.
  await page.goto(`${petitionPath}/my-data?lang=es`);
  await page.getByLabel("Tu correo electrónico").fill(UNHELD);
  await page.getByRole("button", { name: "Enviarme lo que tienen" }).click();
  await expect(page.getByTestId("my-data-sent")).toHaveText(heldText!);
  await page.waitForTimeout(2_000);
  const none = await request.get(`/dev/mail.json?to=${encodeURIComponent(UNHELD)}`);
  expect(await none.json()).toEqual([]);
  // The malformed address's answer is a 400 by design; nothing else may fail.
  expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
});

test("works without JavaScript, and reads well on a desktop in English", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${petitionPath}/my-data?lang=en`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "What does Handover hold about you?",
  );
  await expect(
    page.getByText("Signatures are anonymised 6 months after the petition closes"),
  ).toBeVisible();
  await screenshot(page, "my-data-en-desktop");
  await page.getByLabel("Your email address").fill(`e2e.nojs.${stamp}@example.org`);
  await page.getByRole("button", { name: "Email me what you hold" }).click();
  await expect(page.getByTestId("my-data-sent")).toContainText("Check your email");
  await context.close();
});

test("screens: the page on a phone in English and a desktop in Spanish", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${petitionPath}/my-data?lang=en`);
  await expectNoAxeViolations(page);
  await screenshot(page, "my-data-en-phone");
  await page.setViewportSize(DESKTOP);
  await page.goto(`${petitionPath}/my-data?lang=es`);
  await expectNoAxeViolations(page);
  await screenshot(page, "my-data-es-desktop");
  // Where the petition page says it: under the sign card.
  await page.setViewportSize(PHONE);
  await page.goto(`${petitionPath}?lang=es`);
  await page
    .locator(".petition-side")
    .screenshot({ path: "test-results/screens/petition-retention-es-phone.png" });
});

test("settings: the owner changes the retention; an organizer sees it read-only", async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  const settings = `/dashboard/c/${DEMO.campaignSlug}/settings`;
  await loginAs(page, DEMO.owner, settings);
  const card = page.getByTestId("retention");
  await expect(card).toContainText("6 months after each petition closes");
  await card.getByLabel("Months after a petition closes").fill("40");
  await card.getByRole("button", { name: "Save retention" }).click();
  await expect(page.locator("#retention-error")).toHaveText(
    "Enter a whole number of months from 1 to 36.",
  );
  await page.getByTestId("retention").getByLabel("Months after a petition closes").fill("12");
  await page.getByTestId("retention").getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByRole("status")).toHaveText("Retention saved.");
  await expect(page.getByTestId("retention")).toContainText("12 months after each petition closes");
  await screenshot(page, "settings-retention-owner-desktop");
  await page.setViewportSize(PHONE);
  await screenshot(page, "settings-retention-owner-phone");
  await page.goto(`${petitionPath}?lang=en`);
  await expect(page.getByTestId("retention-note")).toContainText(
    "Signatures are anonymised 12 months after the petition closes",
  );

  await page.context().clearCookies();
  await page.setViewportSize(DESKTOP);
  await loginAs(page, DEMO.organizer, settings);
  await expect(page.getByTestId("retention")).toContainText("12 months after each petition closes");
  await expect(page.getByTestId("retention")).toContainText(
    "Only the campaign's owner can change this.",
  );
  await expect(page.getByLabel("Months after a petition closes")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete campaign" })).toHaveCount(0);
  await screenshot(page, "settings-retention-organizer-desktop");

  // Back to the default, so other journeys see the seeded schedule.
  await page.context().clearCookies();
  await loginAs(page, DEMO.owner, settings);
  await page.getByTestId("retention").getByLabel("Months after a petition closes").fill("6");
  await page.getByTestId("retention").getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByRole("status")).toHaveText("Retention saved.");
});
