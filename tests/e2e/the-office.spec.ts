// The other side of the desk: an organizer emails the Chicago packet, the office acknowledges from
// the link in the captured mail with a response in Spanish, the board and the petition page show
// it, opted-in signers get one email with it; petition updates keep to their interval; source
// codes are counted. Named to run after packet.spec.ts, which expects Chicago to have no packet.
import { expect as baseExpect, test, type APIRequestContext, type Page } from "@playwright/test";
import {
  collectConsoleErrors,
  DEMO,
  DESKTOP,
  expectNoAxeViolations,
  linkFrom,
  loginAs,
  PHONE,
  screenshot,
  waitForMail,
} from "../support/e2e";

// Every delivery here queues mail to ~1,400 seeded signers, which the in-process worker sends while
// the pages are used: on a shared, busy machine a page can take tens of seconds.
const expect = baseExpect.configure({ timeout: 45_000 });

// Packet building and the signer mail (thousands of seeded signers) take a while on a busy machine.
test.describe.configure({ mode: "serial", timeout: 180_000 });

const campaign = `/dashboard/c/${DEMO.campaignSlug}`;
const petitionPath = `/p/${DEMO.petitionSlug}`;
const stamp = Date.now();
const OFFICE = `chicago.office.${stamp}@example.org`;
const SIGNER = `e2e.updates.${stamp}@gmail.com`;
const RESPONSE = "Recibimos la petición. Nos reuniremos con los organizadores el lunes 14.";
const SLOW = { timeout: 120_000 };

async function waitMinimumFill(loadedAt: number) {
  const wait = 2_200 - (Date.now() - loadedAt);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** Signs through the JSON endpoint with a source code, asking for updates. */
async function signByApi(request: APIRequestContext, email: string, source: string) {
  // The form-start token is the signer's own, never in the shared page: the form asks for it.
  const { startedAt } = (await (await request.get(`${petitionPath}/start`)).json()) as {
    startedAt: string;
  };
  await waitMinimumFill(Date.now());
  const res = await request.post(`/api/sign/${DEMO.petitionSlug}`, {
    data: {
      firstName: "Lucía",
      lastName: "Ramos",
      email,
      postalCode: "60608",
      startedAt,
      lang: "es",
      keepUpdated: true,
      source,
    },
  });
  expect(res.status()).toBe(201);
}

async function confirmFromMail(page: Page, request: APIRequestContext, email: string) {
  const [mail] = await waitForMail(request, email, { subject: /firma|signature/i });
  await page.goto(linkFrom(mail!, "/confirm/"));
  await page
    .getByRole("button")
    .filter({ hasText: /Confirm|Confirmar/ })
    .click();
  await expect(page.getByTestId("confirmed-count")).toBeVisible();
}

/** The seeded day's Chicago event (the earliest Chicago event on the board). */
async function chicagoEventId(page: Page) {
  await page.goto(`${campaign}/deliveries?city=Chicago&sort=time&dir=asc`);
  return Number(await page.locator("tr[data-event-id]").first().getAttribute("data-event-id"));
}

let eventId = 0;

test("a signer who asked for updates signs from a WhatsApp link", async ({ page, request }) => {
  await signByApi(request, SIGNER, "whatsapp-houston");
  await confirmFromMail(page, request, SIGNER);
});

test("an organizer emails the Chicago packet to the office", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize(DESKTOP);
  await loginAs(page, DEMO.organizer, "/dashboard");
  eventId = await chicagoEventId(page);
  const event = `${campaign}/deliveries/events/${eventId}`;
  await page.goto(`${event}?lang=en`);
  if (await page.getByRole("button", { name: "Confirm", exact: true }).isVisible())
    await page.getByRole("button", { name: "Confirm", exact: true }).click();
  // A ready packet: generate one unless an earlier journey did.
  await page.goto(`${event}/packet?lang=en`);
  if (!(await page.getByText("Ready", { exact: true }).isVisible())) {
    await page.getByRole("button", { name: "Generate packet" }).click();
    await expect(page.getByText("Ready", { exact: true })).toBeVisible({ timeout: 60_000 });
  }
  await page.goto(`${event}?lang=en`);
  if (await page.getByRole("button", { name: "Mark packet ready" }).isVisible())
    await page.getByRole("button", { name: "Mark packet ready" }).click();

  await page.getByRole("link", { name: "Send the packet by email" }).click();
  await expect(page.getByRole("heading", { name: /Deliver by email/ })).toBeVisible();
  // A bad address is refused next to the field; the note typed stays.
  await page.getByLabel("Office email address").fill("not-an-address");
  await page.getByLabel("A short note to the office (optional)").fill("Gracias por recibirnos.");
  await page.getByRole("button", { name: "Send to the office and mark delivered" }).click();
  await expect(page.getByText("Enter an email address like office@example.org.")).toBeVisible();
  await expect(page.getByLabel("A short note to the office (optional)")).toHaveValue(
    "Gracias por recibirnos.",
  );
  await page.getByLabel("Office email address").fill(OFFICE);
  await page.getByLabel("Language of the cover letter").selectOption("es");
  await expectNoAxeViolations(page);
  await screenshot(page, "office-email-form-desktop");
  await page.getByRole("button", { name: "Send to the office and mark delivered" }).click();
  await expect(page.getByText(`Sent to ${OFFICE}`)).toBeVisible({ timeout: 60_000 });
  await page.goto(`${event}?lang=en`);
  await expect(page.getByTestId("office-side-note")).toHaveText(/by email/);
  // The refused address above answered 400 on purpose; nothing else may fail.
  expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
});

test("the office opens its link from the mail and acknowledges with a response in Spanish", async ({
  browser,
  request,
}) => {
  const [mail] = await waitForMail(request, OFFICE, { subject: /Petición entregada/ });
  expect(mail!.text).toMatch(/\/verify\/[a-z0-9]+/);
  expect(mail!.text).toContain("Gracias por recibirnos.");
  expect(mail!.attachments.some((a) => a.contentType === "application/pdf")).toBe(true);
  const ack = linkFrom(mail!, "/office/ack/");
  const packetLink = linkFrom(mail!, "/office/packet/");
  expect((await request.get(packetLink)).headers()["content-type"]).toBe("application/pdf");

  // No account: a fresh browser with no cookies.
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto(ack);
  await expect(
    page.getByRole("heading", { name: "Confirme que su oficina recibió la petición" }),
  ).toBeVisible();
  await expect(page.locator("body")).not.toContainText("@");
  await expectNoAxeViolations(page);
  await screenshot(page, "office-ack-phone-es");
  await page.setViewportSize(DESKTOP);
  await screenshot(page, "office-ack-desktop-es");
  await page.getByLabel("Su respuesta (opcional)").fill(RESPONSE);
  await page.getByLabel("Su nombre (opcional)").fill("Jordan Ellis");
  await page.getByLabel("Su cargo (opcional)").fill("Jefe de gabinete");
  await page.getByRole("button", { name: "Confirmar recepción" }).click();
  await expect(page.getByRole("heading", { name: "Gracias: recepción confirmada" })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, "office-ack-done-desktop-es");
  // Single-purpose and one-time: the link now only says it was used.
  await page.goto(ack);
  await expect(page.getByText("Este enlace ya se usó")).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test("the board shows the delivery acknowledged by the office; the team is told", async ({
  page,
  request,
}) => {
  await loginAs(page, DEMO.organizer, `${campaign}/deliveries?city=Chicago&sort=time&dir=asc`);
  const row = page.locator(`tr[data-event-id="${eventId}"]`);
  await expect(row).toContainText("Acknowledged");
  await expect(row).toContainText("acknowledged by the office");
  const [team] = await waitForMail(request, DEMO.organizer, {
    subject: /acknowledged the petition/,
  });
  expect(team!.text).toContain(RESPONSE);
});

test("the petition page shows the response; signers are not mailed it twice", async ({
  page,
  request,
}) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize(PHONE);
  await page.goto(`${petitionPath}?lang=es`);
  const responses = page.getByRole("region", { name: "Respuestas de quienes deciden" });
  await expect(responses).toContainText(RESPONSE);
  await expect(responses).toContainText("Jordan Ellis, Jefe de gabinete");
  await expectNoAxeViolations(page);
  await screenshot(page, "petition-response-phone-es");
  await page.setViewportSize(DESKTOP);
  await screenshot(page, "petition-response-desktop-es");
  expect(errors).toEqual([]);

  // Signers hear of a delivery day once; offices' answers are gathered for a day into one
  // follow-up (signer-notify), so none has it yet. Exactly one email with the answer, once the
  // follow-up is due, is proven in tests/integration/office-side.test.ts.
  const all = await (await request.get(`/dev/mail.json?to=${encodeURIComponent(SIGNER)}`)).json();
  const withResponse = (all as { text: string }[]).filter((m) => m.text.includes(RESPONSE));
  expect(withResponse.length).toBeLessThanOrEqual(1);
});

test("an update goes out once; a second within the hour is refused with a clear message", async ({
  page,
  request,
}) => {
  await page.setViewportSize(DESKTOP);
  await loginAs(page, DEMO.organizer, `${campaign}/deliveries`);
  await page.goto(`${campaign}/petitions`);
  await page
    .getByRole("link", { name: /Stop deportations/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Updates", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Updates to signers" })).toBeVisible();
  // Empty Spanish text: refused next to the field, the English kept.
  await page.getByLabel("Title (English)").fill("Chicago answered");
  await page.getByLabel("Text (English)").fill("Campaign HQ confirmed receipt and will meet us.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Fill this in.").first()).toBeVisible();
  await expect(page.getByLabel("Title (English)")).toHaveValue("Chicago answered");
  await page.getByLabel("Title (Spanish)").fill("Chicago respondió");
  await page
    .getByLabel("Text (Spanish)")
    .fill("La sede confirmó la recepción y se reunirá con nosotros.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator("article.preview[lang=es]")).toContainText("Chicago respondió");
  await page.getByRole("button", { name: "Send a test to me" }).click();
  await expect(
    page.getByText(`A test in English and Spanish was sent to ${DEMO.organizer}`),
  ).toBeVisible();
  await waitForMail(request, DEMO.organizer, {
    subject: /^\[Prueba\] Novedades: Chicago respondió/,
  });
  await expectNoAxeViolations(page);
  await screenshot(page, "petition-updates-desktop");
  await page.getByRole("button", { name: "Post and email signers" }).click();
  await expect(page.getByText("Update posted. The emails are on their way.")).toBeVisible();

  await page.getByLabel("Title (English)").fill("One more thing");
  await page.getByLabel("Text (English)").fill("Another update the same hour.");
  await page.getByLabel("Title (Spanish)").fill("Una cosa más");
  await page.getByLabel("Text (Spanish)").fill("Otra novedad en la misma hora.");
  await page.getByRole("button", { name: "Post and email signers" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "Not sent: this petition's last update went out",
  );
  await expect(page.getByRole("alert")).toContainText("one update every 72 hours");
  await expect(page.getByLabel("Title (English)")).toHaveValue("One more thing");
  await page.setViewportSize(PHONE);
  await screenshot(page, "petition-updates-refused-phone");

  // The signer gets the first update, in Spanish, with an unsubscribe link — and not the second.
  const [mail] = await waitForMail(request, SIGNER, {
    subject: /^Novedades: Chicago respondió/,
    ...SLOW,
  });
  expect(mail!.headers["List-Unsubscribe"]).toMatch(/\/unsubscribe\//);
  const all = (await (
    await request.get(`/dev/mail.json?to=${encodeURIComponent(SIGNER)}`)
  ).json()) as { subject: string }[];
  expect(all.filter((m) => /Novedades/.test(m.subject))).toHaveLength(1);
  await page.goto(`${petitionPath}?lang=es#updates`);
  await expect(page.getByRole("region", { name: "Novedades de los organizadores" })).toContainText(
    "Chicago respondió",
  );
});

test("source codes from share links and embeds are counted", async ({ page, request }) => {
  // Two more from the WhatsApp link (one through the page's form), one through the embed.
  const code = `wa-${stamp}`;
  await page.goto(`${petitionPath}?lang=en&source=${code}`);
  const loadedAt = Date.now();
  await page.getByLabel("First name", { exact: true }).fill("Rosa");
  await page.getByLabel("Last name", { exact: true }).fill("Source");
  await page.getByLabel("Email", { exact: true }).fill(`src1.${stamp}@gmail.com`);
  await page.getByLabel("ZIP code", { exact: true }).fill("60608");
  await waitMinimumFill(loadedAt);
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Almost done — check your email" })).toBeVisible();
  await confirmFromMail(page, request, `src1.${stamp}@gmail.com`);
  await signByApi(request, `src2.${stamp}@gmail.com`, code.toUpperCase());
  await page.goto(`${petitionPath}/embed?lang=en&source=embed-${stamp}`);
  const embedLoaded = Date.now();
  await page.getByLabel("First name").fill("Ana");
  await page.getByLabel("Last name").fill("Embed");
  await page.getByLabel("Email").fill(`src3.${stamp}@gmail.com`);
  await page.getByLabel(/ZIP/).fill("60608");
  await waitMinimumFill(embedLoaded);
  await page.getByRole("button", { name: /Sign/ }).click();
  await expect(page.getByRole("heading", { name: "Almost done — check your email" })).toBeVisible();

  await loginAs(page, DEMO.owner, `${campaign}/petitions`);
  await page
    .getByRole("link", { name: /Stop deportations/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Sources", exact: true }).click();
  const table = page.getByTestId("sources-table");
  // Signatures, confirmed, conversion.
  await expect(table.locator(`tr[data-source="${code}"] td`)).toHaveText(["2", "1", "50%", "2"]);
  await expect(table.locator(`tr[data-source="embed-${stamp}"] td`).first()).toHaveText("1");
  await expect(table.locator(`tr[data-source="whatsapp-houston"] td`).nth(1)).toHaveText(/^[1-9]/);
  // Signatures without a code are named in words, also once the page has hydrated in the browser.
  await page.waitForLoadState("networkidle");
  await expect(table.locator(`tr[data-source="(none)"] th`)).toHaveText("(no source)");
  await expectNoAxeViolations(page);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, "petition-sources-desktop");
  await page.setViewportSize(PHONE);
  await screenshot(page, "petition-sources-phone");
});
