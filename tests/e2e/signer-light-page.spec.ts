// The petition page ships the server's HTML and one small script instead of React (ADR 032).
// These journeys check that the script is what runs: the form answers in place, the count keeps
// moving without a reload, a share link's source travels with the signature, and a signed-in
// organizer's private render ships the same script.
import { expect, test, type Page } from "@playwright/test";
import {
  collectConsoleErrors,
  DEMO,
  linkFrom,
  loginAs,
  PHONE,
  screenshot,
  waitForMail,
} from "../support/e2e";

test.use({ viewport: PHONE });

const petitionPath = `/p/${DEMO.petitionSlug}`;

function scriptsLoadedBy(page: Page) {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
  });
  return scripts;
}

test("the page loads one script, and the form answers in place with the server's messages", async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  const scripts = scriptsLoadedBy(page);
  const documents: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "document") documents.push(`${r.method()} ${r.url()}`);
  });
  await page.goto(`${petitionPath}?lang=es`);
  await page.waitForLoadState("networkidle");
  expect(scripts).toHaveLength(1);
  expect(scripts[0]).toMatch(/^\/build\/islands\/petition-page-[A-Z0-9]+\.js$/);
  await expect(page.locator("[data-sign-form]")).toHaveCount(1);

  await page.getByLabel("País").selectOption("MX");
  // The postal code's label follows the country, as the server would word it.
  await expect(page.locator('label[for="sign-postalCode"]')).not.toHaveText("Código postal (ZIP)");
  await page.getByLabel("País").selectOption("US");
  await expect(page.locator('label[for="sign-postalCode"]')).toHaveText("Código postal (ZIP)");

  await page.getByLabel("Nombre", { exact: true }).fill("Ana");
  await page.getByRole("button", { name: "Firmar", exact: true }).click();
  const lastName = page.getByLabel("Apellido", { exact: true });
  await expect(lastName).toHaveAttribute("aria-invalid", "true");
  await expect(lastName).toBeFocused();
  const describedBy = (await lastName.getAttribute("aria-describedby"))!.split(" ");
  await expect(page.locator(`[id="${describedBy[0]}"]`)).toHaveClass("field-error");
  await expect(page.getByLabel("Nombre", { exact: true })).toHaveValue("Ana");
  await expect(page.getByLabel("Nombre", { exact: true })).not.toHaveAttribute("aria-invalid");
  // Answered by the script: no second page load, no form POST.
  expect(documents).toEqual([`GET ${new URL(page.url()).origin}${petitionPath}?lang=es`]);

  // A second try clears what was fixed and keeps what was not.
  await lastName.fill("Ruiz");
  await page.getByRole("button", { name: "Firmar", exact: true }).click();
  await expect(lastName).not.toHaveAttribute("aria-invalid");
  await expect(page.getByLabel("Correo electrónico", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(page.locator(".field-error")).toHaveCount(2); // email and ZIP
  await screenshot(page, "signer-light-errors-es-phone");
  // The browser logs each 400 answer itself; nothing else went wrong.
  expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
});

test("the count moves without a reload when someone else's signature is confirmed", async ({
  page,
  browser,
}) => {
  await page.goto(`${petitionPath}?lang=es`);
  const count = page.getByTestId("petition-count");
  const before = Number(await count.getAttribute("data-count"));

  // Someone else signs and confirms from their own browser.
  const other = await browser.newContext({ viewport: PHONE });
  const email = `light.count.${Date.now()}@example.org`;
  const { startedAt } = (await (await other.request.get(`${petitionPath}/start`)).json()) as {
    startedAt: string;
  };
  await new Promise((r) => setTimeout(r, 2_200));
  const signed = await other.request.post(`/api/sign/${DEMO.petitionSlug}`, {
    data: {
      firstName: "Lucía",
      lastName: "Pérez",
      email,
      postalCode: "60623",
      startedAt,
      lang: "es",
    },
  });
  expect(signed.status()).toBe(201);
  const [mail] = await waitForMail(other.request, email, { subject: /^Confirm/ });
  const confirmPage = await other.newPage();
  await confirmPage.goto(linkFrom(mail!, "/confirm/"));
  await confirmPage.getByRole("button", { name: /Confirm/ }).click();
  await other.close();

  // The first page was never reloaded: its script polled, in Spanish.
  await expect(count).toHaveAttribute("data-count", String(before + 1), { timeout: 15_000 });
  await expect(count).toHaveText(
    `${new Intl.NumberFormat("es-US").format(before + 1)} firmas verificadas`,
  );
  await expect(page.locator(".progress")).toHaveAttribute("aria-label", /de .* firmas/);
});

test("a share link's source code rides in the form on the shared page", async ({ page }) => {
  await page.goto(`${petitionPath}?lang=en&source=radio-ambulante`);
  await expect(page.locator('form[data-sign-form] input[name="source"]')).toHaveValue(
    "radio-ambulante",
  );
});

test("a signed-in organizer gets a private render with the same script, and its form answers in place", async ({
  page,
}) => {
  await loginAs(page, DEMO.organizer);
  const scripts = scriptsLoadedBy(page);
  const res = await page.goto(`${petitionPath}?lang=en`);
  expect(res!.headers()["cache-control"]).toContain("private");
  expect(scripts.some((s) => s.includes("/islands/petition-page-"))).toBe(true);
  expect(scripts.some((s) => s.includes("entry.client"))).toBe(false);
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByText("Enter your first name.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${petitionPath}\\?lang=en$`));
});

test("the thanks page ships only the share panel's script, and its button copies the link", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: PHONE });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const scripts = scriptsLoadedBy(page);
  await page.goto(`${petitionPath}/thanks?lang=es`);
  await page.waitForLoadState("networkidle");
  expect(scripts).toHaveLength(1);
  expect(scripts[0]).toMatch(/^\/build\/islands\/share-panel-[A-Z0-9]+\.js$/);
  const link = await page.getByLabel("Enlace de la petición").inputValue();
  expect(link).toMatch(new RegExp(`${petitionPath}$`));
  await page.getByRole("button", { name: "Copiar enlace" }).click();
  await expect(page.getByRole("button", { name: "Enlace copiado" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await context.close();
});

test("the other pages a signer reaches load no React", async ({ page }) => {
  const scripts = scriptsLoadedBy(page);
  for (const url of [
    "/?lang=es",
    `${petitionPath}/deliveries?lang=es`,
    `${petitionPath}/my-data?lang=es`,
    "/remove/not-a-real-link?lang=es",
    "/unsubscribe/not-a-real-link?lang=es",
  ]) {
    const res = await page.goto(url);
    expect(res!.status(), url).toBeLessThan(500);
    await expect(page.getByRole("heading", { level: 1 }), url).toBeVisible();
  }
  await page.waitForLoadState("networkidle");
  expect(scripts).toEqual([]);
});
