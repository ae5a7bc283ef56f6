// Playwright helpers shared by the journeys.
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** Seeded demo accounts (db/seed/demo-data.ts). */
export const DEMO = {
  owner: "olivia@handover.test",
  organizer: "marcus@handover.test",
  coordHouston: "hector@handover.test",
  coordChicago: "claire@handover.test",
  viewer: "vera@handover.test",
  password: "handover-demo-2026",
  petitionSlug: "stop-traffic-stop-deportations",
  campaignSlug: "drive-without-fear",
} as const;

/** Logs the page in as a seeded user through the test-only shortcut (HANDOVER_E2E=1). */
export async function loginAs(page: Page, email: string, to = "/dashboard") {
  await page.goto(`/e2e/login?email=${encodeURIComponent(email)}&to=${encodeURIComponent(to)}`);
}

export type CapturedMail = {
  id: number;
  toAddress: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: string }[];
};

/** Waits until captured mail to `to` satisfies `count` (default: at least one) and returns it, newest first. */
export async function waitForMail(
  request: APIRequestContext,
  to: string,
  {
    count = 1,
    subject,
    timeout = 15_000,
  }: { count?: number; subject?: RegExp; timeout?: number } = {},
): Promise<CapturedMail[]> {
  let mail: CapturedMail[] = [];
  await expect
    .poll(
      async () => {
        const res = await request.get(`/dev/mail.json?to=${encodeURIComponent(to)}`);
        mail = ((await res.json()) as CapturedMail[]).filter(
          (m) => !subject || subject.test(m.subject),
        );
        return mail.length;
      },
      { timeout, message: `waiting for ${count} mail(s) to ${to}` },
    )
    .toBeGreaterThanOrEqual(count);
  return mail;
}

/** The first link in a mail's text whose URL contains `part`. */
export function linkFrom(mail: CapturedMail, part: string) {
  const url = mail.text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(part));
  if (!url) throw new Error(`No link containing "${part}" in mail "${mail.subject}"`);
  return url;
}

/** axe-core: WCAG 2.1 A/AA rules; fails the test with the violations listed. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
}

/** Fails on console errors (the page should load cleanly). */
export function collectConsoleErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

/** Saves a screenshot under test-results/screens/ for a human to look at. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
