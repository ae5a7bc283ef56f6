// The signer's journeys: sign on a phone, confirm from the email with a button, see the count move;
// in Spanish; a duplicate; every invalid field; no JavaScript; accessibility of each page.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import {
  collectConsoleErrors,
  DEMO,
  DESKTOP,
  expectNoAxeViolations,
  linkFrom,
  PHONE,
  screenshot,
  waitForMail,
} from "../support/e2e";

test.use({ viewport: PHONE });

const petitionPath = `/p/${DEMO.petitionSlug}`;
const stamp = Date.now();
const englishEmail = `e2e.signer.${stamp}@gmail.com`;

async function count(page: Page) {
  return Number(await page.getByTestId("petition-count").getAttribute("data-count"));
}

// The server turns away forms sent faster than a person could fill them in.
async function waitMinimumFill(loadedAt: number) {
  const wait = 2_200 - (Date.now() - loadedAt);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** Signs through the JSON endpoint (as the embed widget or an app would), for journeys that start later. */
async function signByApi(request: APIRequestContext, email: string) {
  // The form-start token is the signer's own, never in the shared page: the form asks for it.
  const { startedAt } = (await (await request.get(`${petitionPath}/start`)).json()) as {
    startedAt: string;
  };
  await waitMinimumFill(Date.now());
  const res = await request.post(`/api/sign/${DEMO.petitionSlug}`, {
    data: {
      firstName: "Linh",
      lastName: "Nguyen",
      email,
      postalCode: "30310",
      startedAt,
      lang: "en",
    },
  });
  expect(res.status()).toBe(201);
}

test("sign in English on a phone, confirm from the email with a button, and the count goes up by one", async ({
  page,
  request,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto(`${petitionPath}?lang=en`);
  const loadedAt = Date.now();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Stop deportations that start with a traffic stop",
  );
  await expect(page.getByText(/verified signatures/).first()).toBeVisible();
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
    "content",
    /Stop deportations/,
  );
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    /\/p\/stop-traffic-stop-deportations$/,
  );
  await expect(
    page.getByRole("link", { name: "Join the delivery in Houston" }).first(),
  ).toHaveAttribute("href", /\/events\/\d+/);
  const before = await count(page);
  await expectNoAxeViolations(page);
  await screenshot(page, "signer-petition-phone");

  await page.getByLabel("First name", { exact: true }).fill("Rosa");
  await page.getByLabel("Last name", { exact: true }).fill("Martínez");
  await page.getByLabel("Email", { exact: true }).fill(englishEmail);
  await page.getByLabel("ZIP code", { exact: true }).fill("77036");
  await page.getByLabel("My first name, last initial and city").check();
  await page.getByLabel("My name may be printed in the delivery packet").check();
  await waitMinimumFill(loadedAt);
  await page.getByRole("button", { name: "Sign", exact: true }).click();

  await expect(page.getByRole("heading", { name: "Almost done — check your email" })).toBeVisible();
  await expect(page.getByRole("link", { name: "WhatsApp" })).toHaveAttribute("href", /wa\.me/);
  await expectNoAxeViolations(page);
  await screenshot(page, "signer-thanks-phone");

  const [mail] = await waitForMail(request, englishEmail, { subject: /^Confirm your signature/ });
  expect(mail!.headers["List-Unsubscribe"]).toMatch(/\/unsubscribe\//);
  const link = linkFrom(mail!, "/confirm/");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your signature" })).toBeVisible();
  await expectNoAxeViolations(page);
  // Opening the link changed nothing: the count moves only after the button.
  await page.goto(`${petitionPath}?lang=en`);
  expect(await count(page)).toBe(before);

  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(
    page.getByRole("heading", { name: "Thank you — your signature is confirmed" }),
  ).toBeVisible();
  await expect(page.getByTestId("confirmed-count")).toContainText(
    new Intl.NumberFormat("en-US").format(before + 1),
  );
  await expectNoAxeViolations(page);
  await screenshot(page, "signer-confirmed-phone");

  // The page is a shared render at most ~2 s old (ADR 012): the new count shows within seconds.
  await expect
    .poll(async () => (await page.goto(`${petitionPath}?lang=en`), count(page)), {
      timeout: 10_000,
    })
    .toBe(before + 1);
  await expect(page.getByTestId("recent-signers")).toContainText("Rosa M., Houston");
  await page.setViewportSize(DESKTOP);
  await screenshot(page, "signer-petition-desktop");
  await waitForMail(request, englishEmail, { subject: /^Thank you — your signature/ });
  expect(errors).toEqual([]);
});

/** Fills the form on the page with an address and signs. */
async function signOnPage(page: Page, email: string) {
  await page.goto(`${petitionPath}?lang=en`);
  const loadedAt = Date.now();
  await page.getByLabel("First name", { exact: true }).fill("Rosa");
  await page.getByLabel("Last name", { exact: true }).fill("Martínez");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("ZIP code", { exact: true }).fill("77036");
  await waitMinimumFill(loadedAt);
  await page.getByRole("button", { name: "Sign", exact: true }).click();
}

test("a second signature from the same browser is recognised, and the email can be sent again", async ({
  page,
  request,
}) => {
  const first = `dup.signer.${stamp}@gmail.com`;
  // The first signature comes from this browser (the page's own request context keeps its cookie).
  await signByApi(page.request, first);
  // Same Gmail mailbox, spelled differently.
  await signOnPage(page, first.replace("dup.signer", "DupSigner").replace("@", "+again@"));
  await expect(
    page.getByRole("heading", { name: "You've already signed this petition" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Resend the confirmation email" }).click();
  await expect(page.getByRole("status")).toContainText("Sent.");
  // Not confirmed yet: a second confirmation email (a fresh link) arrives.
  await waitForMail(request, first, { count: 2, subject: /^Confirm your signature/ });
});

test("someone else typing a signer's address learns nothing on the page; the signer is told by email", async ({
  page,
  request,
}) => {
  const victim = `quiet.signer.${stamp}@example.org`;
  await signByApi(request, victim); // signed elsewhere, not in this browser
  await signOnPage(page, victim);
  await expect(page.getByRole("heading", { name: "Almost done — check your email" })).toBeVisible();
  await expect(page.getByText("You've already signed")).toHaveCount(0);
  // The same page as after a fresh signature, resend button included (it resends to the mailbox).
  await expect(page.getByRole("button", { name: "Resend the confirmation email" })).toHaveCount(1);
  // The mailbox's owner gets a fresh confirmation link; still one signature.
  await waitForMail(request, victim, { count: 2, subject: /^Confirm your signature/ });
});

test("in Spanish: the page follows the browser's language, and so do the email and the confirm page", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "es-US", viewport: PHONE });
  const page = await context.newPage();
  const email = `maria.e2e.${stamp}@example.org`;
  await page.goto(petitionPath);
  const loadedAt = Date.now();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/tránsito|tráfico|parada/i);
  const before = await count(page);
  await page.getByLabel("Nombre", { exact: true }).fill("María");
  await page.getByLabel("Apellido", { exact: true }).fill("García");
  await page.getByLabel("Correo electrónico", { exact: true }).fill(email);
  await page.getByLabel("Código postal (ZIP)").fill("60623");
  // A known ZIP fills the city in as they type, as its hint says.
  await expect(page.locator('input[name="city"]')).toHaveValue("Chicago");
  await screenshot(page, "signer-zip-city-es-phone");
  await page.getByLabel("¿Por qué firmas? (opcional)").fill("Por mi familia.");
  await waitMinimumFill(loadedAt);
  await page.getByRole("button", { name: "Firmar", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Casi listo — revisa tu correo" })).toBeVisible();

  const [mail] = await waitForMail(context.request, email, { subject: /^Confirma tu firma/ });
  await page.goto(linkFrom(mail!, "/confirm/"));
  await page.getByRole("button", { name: "Confirmar mi firma" }).click();
  await expect(
    page.getByRole("heading", { name: "Gracias — tu firma está confirmada" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await expect
    .poll(async () => (await page.goto(petitionPath), count(page)), { timeout: 10_000 })
    .toBe(before + 1);
  await expectNoAxeViolations(page);
  await screenshot(page, "signer-petition-es-phone");
  await context.close();
});

test("every invalid field gets its own message next to it, and the typed values stay", async ({
  page,
}) => {
  await page.goto(`${petitionPath}?lang=en`);
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByText("Enter your first name.")).toBeVisible();
  await expect(page.getByText("Enter your last name.")).toBeVisible();
  await expect(
    page.getByText("Enter your email address, so you can confirm your signature."),
  ).toBeVisible();
  await expect(page.getByText("Enter your 5-digit ZIP code.")).toBeVisible();
  await expect(page.getByLabel("First name", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );

  await page.getByLabel("First name", { exact: true }).fill("José");
  await page.getByLabel("Email", { exact: true }).fill("jose@nowhere");
  await page.getByLabel("ZIP code", { exact: true }).fill("7703");
  await page.getByLabel("Last name", { exact: true }).fill("x".repeat(60));
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await expect(page.getByText("A ZIP code has 5 digits, like 77036.")).toBeVisible();
  await expect(page.getByText("Enter your first name.")).toHaveCount(0);
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue("José");

  // Outside the US the city is required instead of a ZIP.
  await page.getByLabel("Country").selectOption("MX");
  await page.getByLabel("Email", { exact: true }).fill("jose@example.org");
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByText("Enter your city.")).toBeVisible();
  await screenshot(page, "signer-errors-phone");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server shows the errors with the typed values, then signing and confirming work", async ({
    page,
    request,
  }) => {
    const email = `nojs.${stamp}@example.org`;
    await page.goto(`${petitionPath}?lang=en`);
    const loadedAt = Date.now();
    await page.getByLabel("First name", { exact: true }).fill("Kwame");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("ZIP code", { exact: true }).fill("ABCDE");
    await page.getByRole("button", { name: "Sign", exact: true }).click();
    await expect(page.getByText("Enter your last name.")).toBeVisible();
    await expect(page.getByText("A ZIP code has 5 digits, like 77036.")).toBeVisible();
    await expect(page.getByLabel("First name", { exact: true })).toHaveValue("Kwame");
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);

    await page.getByLabel("Last name", { exact: true }).fill("Mensah");
    await page.getByLabel("ZIP code", { exact: true }).fill("28205");
    await waitMinimumFill(loadedAt);
    await page.getByRole("button", { name: "Sign", exact: true }).click();
    await expect(
      page.getByRole("heading", { name: "Almost done — check your email" }),
    ).toBeVisible();

    const [mail] = await waitForMail(request, email, { subject: /^Confirm your signature/ });
    await page.goto(linkFrom(mail!, "/confirm/"));
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(
      page.getByRole("heading", { name: "Thank you — your signature is confirmed" }),
    ).toBeVisible();
  });

  test("the embeddable widget renders and posts to the petition", async ({ page }) => {
    await page.goto(`${petitionPath}/embed?lang=en`);
    await expect(page.getByText(/verified signatures/)).toBeVisible();
    await expect(page.locator("form")).toHaveAttribute("action", `${petitionPath}?index`);
    await expect(page.locator("form")).toHaveAttribute("target", "_top");
    await screenshot(page, "signer-embed");
  });
});

test("unsubscribe: the link shows a button; the POST unsubscribes", async ({ page, request }) => {
  const email = `quiet.${stamp}@example.org`;
  await signByApi(request, email);
  const [mail] = await waitForMail(request, email, { subject: /^Confirm your signature/ });
  const link = linkFrom(mail!, "/unsubscribe/");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Unsubscribe" })).toBeVisible();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { name: "You're unsubscribed" })).toBeVisible();
  // Mail providers' one-click POST (RFC 8058) comes from their servers, with no Origin: accepted.
  const res = await request.post(link, { form: { "List-Unsubscribe": "One-Click" } });
  expect(res.status()).toBe(200);
  // A page on another site posting there is refused.
  const foreign = await request.post(link, {
    form: { "List-Unsubscribe": "One-Click" },
    headers: { Origin: "https://mail.example.com" },
  });
  expect(foreign.status()).toBe(403);
  const forged = await request.post(link.replace(/.{4}$/, "AAAA"), {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(forged.status()).toBe(404);
});

test("the live counter endpoint answers with the verified count", async ({ request }) => {
  const res = await request.get(`${petitionPath}/count`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { count: number; goal: number };
  expect(body.count).toBeGreaterThan(2000);
  expect(body.goal).toBeGreaterThanOrEqual(body.count);
  // With ?lang= it also words the figures as the page does, for the page's script.
  const es = (await (await request.get(`${petitionPath}/count?lang=es`)).json()) as {
    count: number;
    labels: { count: string; goal: string; progress: string };
  };
  expect(es.labels.count).toBe(
    `${new Intl.NumberFormat("es-US").format(es.count)} firmas verificadas`,
  );
  expect(es.labels.goal).toMatch(/^Próxima meta: /);
  expect(es.labels.progress).toMatch(/ de .* firmas$/);
});
