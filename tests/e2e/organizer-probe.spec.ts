import { expect, test } from "@playwright/test";
import { DEMO, linkFrom, waitForMail } from "../support/e2e";
test("probe sign page", async ({ page, request }) => {
  const email = `probe-${Date.now()}@example.org`;
  await page.goto(`/p/${DEMO.petitionSlug}`);
  await page.getByLabel("First name", { exact: true }).fill("Probe");
  await page.getByLabel("Last name", { exact: true }).fill("Person");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("ZIP code", { exact: true }).fill("77002");
  await page.waitForTimeout(2100);
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  const [m] = await waitForMail(request, email, { subject: /Confirm/ });
  await page.goto(linkFrom(m!, "/confirm/"));
  await expect(page.locator("body")).toBeVisible();
});
