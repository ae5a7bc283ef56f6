import { expect, test } from "@playwright/test";
import {
  collectConsoleErrors,
  DESKTOP,
  expectNoAxeViolations,
  PHONE,
  screenshot,
} from "../support/e2e";

test.describe("home page", () => {
  test("lists the seeded petition with its verified count, in English and Spanish", async ({
    page,
  }) => {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize(PHONE);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Petitions you can sign");
    const card = page.locator(".petition-card").first();
    await expect(card.getByRole("link", { name: /traffic stop/ })).toBeVisible();
    const countText = await card.getByTestId("petition-count").textContent();
    expect(Number(countText!.replace(/\D/g, ""))).toBeGreaterThan(2000);
    await screenshot(page, "home-phone-en");
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Leer en español" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Peticiones que puedes firmar",
    );
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(card.getByTestId("petition-count")).toContainText("firmas verificadas");
    await expectNoAxeViolations(page);
    // The choice sticks on the next page load.
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.setViewportSize(DESKTOP);
    await screenshot(page, "home-desktop-es");
    expect(errors).toEqual([]);
  });

  test("follows the browser's Accept-Language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "es-MX" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await context.close();
  });

  test("a cross-site form post is refused (CSRF)", async ({ request }) => {
    const res = await request.post("/logout", {
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
  });

  test("captured mail page is readable", async ({ page }) => {
    await page.goto("/dev/mail");
    await expect(page.getByRole("heading", { name: "Captured mail" })).toBeVisible();
  });
});
