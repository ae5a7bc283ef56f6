// The delivery day as a team lives it: an event planned without a coordinator gets one afterwards
// (emailed); the coordinator's first page is "My deliveries" on a 390 px phone; it keeps working
// offline — check-ins and the report wait on the phone, are sent in order when the network is
// back, and a refusal (someone postponed the event meanwhile) is said in words. Then the public
// pages tell the delivery in the past tense with the reported time, in English and Spanish.
import { expect, test, type Page } from "@playwright/test";
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

test.describe.configure({ mode: "serial" });

const board = `/dashboard/c/${DEMO.campaignSlug}/deliveries`;
let eventId = 0;
// A day well after every other journey's events, so "the earliest Houston event" stays theirs.
const date = new Date(Date.now() + 100 * 86400_000).toISOString().slice(0, 10);
// The delivery happened two days ago at 9:45, Miami time: before the scheduled day, not in the future.
const deliveredDay = new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 10);

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test("an organizer plans an event first and assigns its coordinator afterwards", async ({
  page,
  request,
}) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize(DESKTOP);
  await loginAs(page, DEMO.organizer, `${board}/events/new`);
  await page
    .getByLabel("Office", { exact: true })
    .selectOption({ label: "Miami · Miami-Dade Party Office (America/New_York)" });
  await page.getByLabel("Date", { exact: true }).fill(date);
  await page.getByLabel("Local time").fill("10:00");
  await page.getByRole("button", { name: "Create the event" }).click();
  await expect(page).toHaveURL(/deliveries\/events\/\d+$/);
  eventId = Number(/events\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByText("Coordinator:")).toHaveCount(0);

  const section = page.getByRole("region", { name: "Coordinators" });
  await section.getByLabel(/Claire Novak/).check();
  await section.getByRole("button", { name: "Save coordinators" }).click();
  await expect(page.getByText("Coordinators saved. New coordinators were emailed.")).toBeVisible();
  await expect(page.getByText("Coordinator: Claire Novak")).toBeVisible();
  const [mail] = await waitForMail(request, DEMO.coordChicago, {
    subject: /coordinating the delivery in Miami/,
  });
  expect(mail!.text).toContain(`/deliveries/events/${eventId}`);
  expect(mail!.text).not.toContain("took part in");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.locator(".badge").first()).toHaveText("Confirmed");
  await screenshot(page, "event-coordinators-desktop");
  expect(errors).toEqual([]);
});

test("a coordinator's offline day on the phone: queued, sent in order, a refusal in words", async ({
  browser,
}) => {
  // A long journey (a packet is built, two rounds offline) on a shared two-core machine.
  test.setTimeout(180_000);
  // A volunteer RSVPs on the public page.
  const visitor = await browser.newPage({ viewport: PHONE });
  await visitor.goto(`/events/${eventId}?lang=en`);
  await visitor.getByLabel("Name").fill("Ana Ruiz");
  await visitor.getByLabel("Email").fill("ana.ruiz@example.org");
  await visitor.getByRole("button", { name: "Count me in" }).click();
  // A place only once the address is confirmed from the emailed link.
  const [ask] = await waitForMail(visitor.request, "ana.ruiz@example.org", {
    subject: /Confirm your RSVP/,
  });
  const confirmUrl = ask!.text.match(/https?:\/\/\S+\/rsvp\/confirm\/\S+/)![0];
  await visitor.goto(new URL(confirmUrl).pathname);
  await visitor.getByRole("button", { name: "Confirm my RSVP" }).click();
  await expect(visitor.getByRole("status")).toBeVisible();
  await visitor.close();

  const organizerContext = await browser.newContext({ viewport: DESKTOP });
  const organizer = await organizerContext.newPage();
  await loginAs(organizer, DEMO.organizer, `${board}/events/${eventId}`);

  const context = await browser.newContext({ viewport: PHONE });
  const phone = await context.newPage();
  const errors = collectConsoleErrors(phone);
  // First thing after login: "My deliveries", not the campaign list.
  await loginAs(phone, DEMO.coordChicago, "/dashboard");
  await expect(phone).toHaveURL(/\/dashboard\/my$/);
  const card = phone.locator(`section[data-event-id="${eventId}"]`);
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(
    "Miami: Miami-Dade Party Office",
  );
  await noSidewaysScroll(phone);
  await expectNoAxeViolations(phone);

  // The packet is built online; the event becomes "Packet ready" by itself.
  await card.getByRole("link", { name: "Build the packet" }).click();
  await phone.getByRole("button", { name: "Generate packet" }).click();
  await expect(phone.getByText("Ready", { exact: true })).toBeVisible({ timeout: 30_000 });
  await phone.goto("/dashboard/my");
  await expect(card.locator(".badge").first()).toHaveText("Packet ready");
  const pdfLink = card.getByRole("link", { name: /Packet, volume 1/ });
  await expect(pdfLink).toBeVisible();
  const pdfHref = (await pdfLink.getAttribute("href"))!;
  // The service worker takes over and stores the day (the page and this person's packet).
  await phone.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await phone.reload();
  await expect.poll(() => phone.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect
    .poll(() =>
      phone.evaluate(
        async (href) => !!(await caches.match(new URL(href, location.origin).href)),
        pdfHref,
      ),
    )
    .toBe(true);
  await screenshot(phone, "my-deliveries-phone");

  // The signal drops at the office. The page still opens, with the attendee and the packet.
  await context.setOffline(true);
  await phone.reload();
  await expect(phone.getByText("Offline: showing what was saved on this phone.")).toBeVisible();
  await expect(card.getByText("Ana Ruiz")).toBeVisible();
  const pdfOffline = await phone.evaluate(async (href) => {
    const res = await fetch(href);
    return { ok: res.ok, type: res.headers.get("content-type") };
  }, pdfHref);
  expect(pdfOffline).toEqual({ ok: true, type: expect.stringContaining("application/pdf") });

  await card.getByRole("button", { name: "Check in Ana Ruiz" }).click();
  await card.getByRole("button", { name: "Report the delivery" }).click();
  await card.getByLabel("Delivered at (office's local time)").fill(`${deliveredDay}T09:45`);
  await card.getByLabel("Yes, it was delivered at that time").check();
  await card.getByLabel("Received by (name)").fill("Rosa Díaz");
  await card.getByLabel("Signatures handed over").fill("1");
  await card.getByRole("button", { name: "Save the report" }).click();
  await expect(phone.getByTestId("pending-count")).toHaveText("2 changes waiting to send");
  await expect(card.getByRole("button", { name: "Undo check-in of Ana Ruiz" })).toBeVisible();
  await screenshot(phone, "my-deliveries-offline-phone");

  // Meanwhile an organizer postpones the event.
  await organizer.reload();
  await organizer.getByRole("button", { name: "Postpone" }).click();
  await expect(organizer.locator(".badge").first()).toHaveText("Postponed");

  // Back online: the check-in goes through, the report is refused and said so; nothing is left.
  await context.setOffline(false);
  await phone.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(phone.getByTestId("outbox")).toContainText("Everything is sent.", {
    timeout: 20_000,
  });
  await expect(phone.getByTestId("refusals")).toContainText(
    "Delivery report for Miami: The event had already changed (it is now “Postponed”): this change was not applied.",
  );
  await expect(card.getByRole("button", { name: "Undo check-in of Ana Ruiz" })).toBeVisible();
  await screenshot(phone, "my-deliveries-refused-phone");

  // The organizer sets it back on track; the packet is still current, so it can be "Packet ready".
  await organizer.getByRole("button", { name: "Confirm" }).click();
  await expect(organizer.locator(".badge").first()).toHaveText("Confirmed");
  await organizer.getByRole("button", { name: "Mark packet ready" }).click();
  await expect(organizer.locator(".badge").first()).toHaveText("Packet ready");

  // The coordinator reports again offline; it is sent once the network is back.
  await phone.getByRole("button", { name: "Dismiss" }).click();
  await phone.reload();
  await context.setOffline(true);
  await card.getByRole("button", { name: "Report the delivery" }).click();
  await card.getByLabel("Delivered at (office's local time)").fill(`${deliveredDay}T09:45`);
  await card.getByLabel("Yes, it was delivered at that time").check();
  await card.getByLabel("Received by (name)").fill("Rosa Díaz");
  await card.getByLabel("Their title").fill("District director");
  await card.getByLabel("Signatures handed over").fill("1");
  await card.getByRole("button", { name: "Save the report" }).click();
  await expect(phone.getByTestId("pending-count")).toHaveText("1 change waiting to send");
  await context.setOffline(false);
  await phone.evaluate(() => window.dispatchEvent(new Event("online")));
  // A report queues the signers' updates, which keep a busy test machine's database occupied.
  await expect(phone.getByTestId("outbox")).toContainText("Everything is sent.", {
    timeout: 60_000,
  });
  // The page reloads its data after sending; on a loaded machine read it again to be sure.
  await phone.reload();
  await expect(card.locator(".badge").first()).toHaveText("Delivered", { timeout: 30_000 });
  await expect(phone.getByTestId("refusals")).toHaveCount(0);
  await noSidewaysScroll(phone);
  await screenshot(phone, "my-deliveries-sent-phone");
  expect(errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|net::/.test(e))).toEqual(
    [],
  );
  await context.close();
  await organizerContext.close();
});

test("the public pages say it was delivered, at the reported time, in both languages", async ({
  page,
}) => {
  // Right after a delivery the server is busy telling the petition's signers: give it time.
  test.setTimeout(150_000);
  await page.setViewportSize(PHONE);
  await page.goto(`/events/${eventId}?lang=en`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delivered in Miami");
  await expect(page.getByTestId("delivered-at")).toContainText("9:45");
  await expect(page.getByTestId("handed-over")).toHaveText("1 signature");
  await expect(page.getByText("Rosa Díaz, District director")).toBeVisible();
  await expect(page.getByText("Come stand with us")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Count me in" })).toHaveCount(0);
  await noSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await screenshot(page, "event-delivered-phone-en");

  await page.goto(`/events/${eventId}?lang=es`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Entregada en Miami");
  await expect(page.getByTestId("delivered-at")).toContainText("9:45");
  await expect(page.getByTestId("handed-over")).toHaveText("1 firma");
  await screenshot(page, "event-delivered-phone-es");

  for (const [lang, delivered, link] of [
    ["en", "Delivered", "How the delivery in Miami went"],
    ["es", "Entregada el", "Cómo fue la entrega en Miami"],
  ] as const) {
    await page.goto(`/p/${DEMO.petitionSlug}?lang=${lang}`);
    const item = page.locator(".delivery-list li", {
      has: page.locator(`a[href^="/events/${eventId}?"]`),
    });
    await expect(item).toContainText(delivered);
    await expect(item).toContainText("9:45");
    await expect(item.getByRole("link")).toContainText(link);
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, `petition-deliveries-phone-${lang}`);
  }
  await page.setViewportSize(DESKTOP);
  await screenshot(page, "petition-deliveries-desktop-es");
});
