// The owner's Integrations page: make a token (shown once) and use it against the API from the same
// browser context, add a webhook endpoint, refuse a private-network address with a message next to
// the field; axe-clean and usable at phone width, in English and Spanish.
import { expect, test } from "@playwright/test";
import {
  DEMO,
  DESKTOP,
  PHONE,
  collectConsoleErrors,
  expectNoAxeViolations,
  loginAs,
  screenshot,
} from "../support/e2e";

const page_ = `/dashboard/c/${DEMO.campaignSlug}/integrations`;

test("an owner makes an API token that works once copied, and is told why a webhook URL is refused", async ({
  page,
  request,
}) => {
  // Two axe passes and a few navigations: slow on a busy shared machine.
  test.setTimeout(150_000);
  const errors = collectConsoleErrors(page);
  await page.setViewportSize(PHONE);
  await loginAs(page, DEMO.owner, page_);
  await expect(page.getByRole("heading", { name: "Integrations", level: 2 })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Action Network sync");
  await page.getByLabel("Scope").selectOption("read_contact");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.locator("code.secret").textContent())!.trim();
  expect(token).toMatch(/^hov_/);
  await expect(page.getByRole("cell", { name: "Action Network sync", exact: true })).toBeVisible();

  const entry = await request.get("/api/v1", { headers: { "OSDI-API-Token": token } });
  expect(entry.status()).toBe(200);
  expect((await entry.json()).osdi_version).toBe("1.2");
  await page.reload();
  await expect(page.locator("code.secret")).toHaveCount(0);

  await page.getByLabel("Endpoint URL").fill("http://127.0.0.1:3640/hooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("This address is on a private network")).toBeVisible();
  await expect(page.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Endpoint URL")).toHaveValue("http://127.0.0.1:3640/hooks");

  await expectNoAxeViolations(page);
  await screenshot(page, "integrations-phone");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, "integrations-desktop");

  await page.goto(`${page_}?lang=es`);
  await expect(page.getByRole("heading", { name: "Integraciones", level: 2 })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test("other roles cannot open the page", async ({ page }) => {
  await loginAs(page, DEMO.organizer, "/dashboard");
  const res = await page.goto(page_);
  expect(res?.status()).toBe(403);
});
