// Every public page, in both languages, on a phone and a desktop: no axe-core violations, no
// sideways scrolling, the right <html lang>.
import { expect, test } from "@playwright/test";
import { DEMO, DESKTOP, expectNoAxeViolations, PHONE } from "../support/e2e";

const PUBLIC_PAGES = [
  "/",
  `/p/${DEMO.petitionSlug}`,
  `/p/${DEMO.petitionSlug}/embed`,
  `/p/${DEMO.petitionSlug}/my-data`,
  "/login",
  "/signup",
  "/forgot-password",
];

for (const locale of ["en", "es"] as const) {
  test(`public pages pass axe and fit a phone screen (${locale})`, async ({ page }) => {
    await page.setViewportSize(PHONE);
    // The first delivery event linked from the petition page is public too.
    await page.goto(`/p/${DEMO.petitionSlug}?lang=${locale}`);
    const eventHref = await page.locator('a[href^="/events/"]').first().getAttribute("href");
    expect(eventHref).toBeTruthy();
    for (const path of [...PUBLIC_PAGES, eventHref!.split("?")[0]!]) {
      await page.goto(`${path}?lang=${locale}`);
      await expect(page.locator("html"), path).toHaveAttribute("lang", locale);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
    }
  });
}

test("public pages pass axe on a desktop", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  for (const path of PUBLIC_PAGES) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
});
