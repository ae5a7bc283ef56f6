// The petition page is served from a shared one-second render (ADR 012). These journeys check that
// one visitor's state never reaches another, that the form gives the same field errors with and
// without JavaScript, and that a duplicate's form answer is the same as a fresh signature's.
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, PHONE, screenshot } from "../support/e2e";

const petitionPath = `/p/${DEMO.petitionSlug}`;
const stamp = Date.now();

async function fillForm(page: Page, email: string, zip: string, es = false) {
  await page.getByLabel(es ? "Nombre" : "First name", { exact: true }).fill("Rosa");
  await page.getByLabel(es ? "Apellido" : "Last name", { exact: true }).fill("Martínez");
  await page.getByLabel(es ? "Correo electrónico" : "Email", { exact: true }).fill(email);
  await page.getByLabel(es ? "Código postal (ZIP)" : "ZIP code", { exact: true }).fill(zip);
}

test("two visitors at once: the shared page never carries one's language, receipt or start token to the other", async ({
  browser,
}) => {
  const a = await browser.newContext({ locale: "en-US", viewport: PHONE });
  const b = await browser.newContext({ locale: "en-US", viewport: PHONE });
  const pageA = await a.newPage();
  const pageB = await b.newPage();

  // A chooses Spanish (a cookie) and signs with JavaScript (the lean path).
  await pageA.goto(`${petitionPath}?lang=es`);
  await fillForm(pageA, `shared.a.${stamp}@example.org`, "77036", true);
  await pageA.waitForTimeout(2_200);
  await pageA.getByRole("button", { name: "Firmar", exact: true }).click();
  await expect(pageA.getByRole("heading", { name: "Casi listo — revisa tu correo" })).toBeVisible();
  const cookiesA = await a.cookies();
  const receiptA = cookiesA.find((c) => c.name.startsWith("hov_signed_"))!.value;
  const startA = cookiesA.find((c) => c.name === "hov_start")!.value;
  expect(cookiesA.find((c) => c.name === "lang")?.value).toBe("es");

  // Back on the plain URL, A sees Spanish; B, right after (same render window), English.
  const resA = await pageA.goto(petitionPath);
  await expect(pageA.locator("html")).toHaveAttribute("lang", "es");
  const resB = await pageB.goto(petitionPath);
  await expect(pageB.locator("html")).toHaveAttribute("lang", "en");
  await expect(pageB.getByRole("button", { name: "Sign", exact: true })).toBeVisible();
  expect(resA!.headers()["cache-control"]).toContain("public");
  expect(resB!.headers()["cache-control"]).toContain("public");

  // Nothing of A's is in the page B got, and B's own token is its own.
  const htmlB = await resB!.text();
  expect(htmlB).not.toContain(receiptA);
  expect(htmlB).not.toContain(startA);
  expect(htmlB).not.toContain(`shared.a.${stamp}`);
  await expect
    .poll(async () => (await b.cookies()).find((c) => c.name === "hov_start")?.value)
    .toBeTruthy();
  const cookiesB = await b.cookies();
  expect(cookiesB.find((c) => c.name === "hov_start")!.value).not.toBe(startA);
  expect(cookiesB.some((c) => c.name.startsWith("hov_signed_"))).toBe(false);
  expect(cookiesB.some((c) => c.name === "lang")).toBe(false);
  // B's thanks page offers no resend for A's signature: B holds no receipt.
  await pageB.goto(`${petitionPath}/thanks?lang=en`);
  await pageB.getByRole("button", { name: "Resend the confirmation email" }).click();
  await expect(pageB.getByRole("status")).toContainText("can't send another email");
  await screenshot(pageB, "shared-page-visitor-b-thanks");
  await a.close();
  await b.close();
});

test.describe("the same field errors with and without JavaScript", () => {
  async function serverErrors(page: Page) {
    await page.goto(`${petitionPath}?lang=en`);
    // A ZIP code the schema accepts but the server does not know: only the server can say so.
    await fillForm(page, `errors.${stamp}.${Math.random()}@example.org`, "59901");
    await page.waitForTimeout(2_200);
    await page.getByRole("button", { name: "Sign", exact: true }).click();
    const error = page.locator(".field-error");
    await expect(error.first()).toBeVisible();
    return error.allTextContents();
  }

  test("with JavaScript (the lean path)", async ({ page }) => {
    const errors = await serverErrors(page);
    expect(errors).toEqual(["We don't know this ZIP code. Check it, or type your city below."]);
    await expect(page.getByLabel("ZIP code", { exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(page.getByLabel("First name", { exact: true })).toHaveValue("Rosa");
  });

  test.describe("without JavaScript (the Remix action)", () => {
    test.use({ javaScriptEnabled: false });
    test("shows the same message next to the same field", async ({ page }) => {
      const errors = await serverErrors(page);
      expect(errors).toEqual(["We don't know this ZIP code. Check it, or type your city below."]);
      await expect(page.getByLabel("First name", { exact: true })).toHaveValue("Rosa");
    });
  });
});

test("the form's answer to a duplicate is the same redirect and Set-Cookie as to a fresh signature", async ({
  baseURL,
}) => {
  async function signFromNewBrowser(email: string) {
    const ctx = await playwrightRequest.newContext({ baseURL });
    await ctx.get(`${petitionPath}/start.gif`); // as the <noscript> pixel does
    await new Promise((r) => setTimeout(r, 2_200));
    const res = await ctx.post(`${petitionPath}?index`, {
      form: {
        lang: "en",
        firstName: "Ana",
        lastName: "Ruiz",
        email,
        postalCode: "60623",
        country: "US",
        display: "city",
      },
      maxRedirects: 0,
    });
    const answer = {
      status: res.status(),
      location: res.headers()["location"],
      cookie: res.headers()["set-cookie"] ?? "",
    };
    await ctx.dispose();
    return answer;
  }
  const first = `redirect.${stamp}@example.org`;
  await signFromNewBrowser(first);
  const fresh = await signFromNewBrowser(`redirect.fresh.${stamp}@example.org`);
  const duplicate = await signFromNewBrowser(first);
  expect(fresh.status).toBe(302);
  expect(duplicate.status).toBe(fresh.status);
  expect(duplicate.location).toBe(fresh.location);
  expect(fresh.location).not.toMatch(/ref=/);
  const shape = (c: string) => c.replace(/=[A-Za-z0-9_-]+;/, "=<receipt>;");
  expect(shape(duplicate.cookie)).toBe(shape(fresh.cookie));
  expect(duplicate.cookie.length).toBe(fresh.cookie.length);
});

test("the full delivery schedule: the signer's city first, axe-clean, no sideways scroll on a phone", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${petitionPath}?lang=es`);
  await page.getByLabel("Busca una entrega cerca de ti: tu ciudad o código postal").fill("77036");
  await page.getByRole("button", { name: "Buscar", exact: true }).click();
  await expect(page.getByRole("heading", { name: "En Houston" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await screenshot(page, "delivery-schedule-es-phone");
});
