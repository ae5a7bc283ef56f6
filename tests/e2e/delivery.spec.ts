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
import { child, parseIcs, prop, resolveLocal } from "../support/ics-parse";

test.describe.configure({ mode: "serial" });

const board = `/dashboard/c/${DEMO.campaignSlug}/deliveries`;
const CITIES = ["Chicago", "Miami", "Atlanta", "Houston", "Charlotte"];

/**
 * The Houston event of the day planned above, where Héctor coordinates (the latest Houston event on
 * the board; the seeded day's Houston event is left to the packet journey, which needs it packet-less).
 */
async function houstonEventId(page: Page, dir: "asc" | "desc" = "desc") {
  await page.goto(`${board}?city=Houston&sort=time&dir=${dir}`);
  const id = await page.locator("tr[data-event-id]").first().getAttribute("data-event-id");
  return Number(id);
}

test("an organizer plans a five-city delivery day", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize(DESKTOP);
  await loginAs(page, DEMO.organizer, `${board}/plan`);
  await expect(page.getByRole("heading", { name: "Plan a delivery day" })).toBeVisible();
  const date = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10);
  await page.getByLabel("Date", { exact: true }).fill(date);
  await page.getByLabel("Title (optional)").fill("Second delivery day");
  for (const city of CITIES) {
    const row = page.locator(`tr[data-office="${city}"]`);
    await expect(row.locator('input[name="include"]')).toBeChecked();
    await row.getByLabel(/Local time/).fill(city === "Chicago" ? "10:00" : "11:30");
  }
  await page
    .locator('tr[data-office="Houston"]')
    .getByLabel(/Coordinator/)
    .selectOption({ label: "Héctor Villanueva" });
  await screenshot(page, "delivery-plan-desktop");
  await page.getByRole("button", { name: "Plan the day" }).click();
  await expect(page).toHaveURL(/deliveries\?day=\d+/);
  await expect(page.getByRole("heading", { name: `Delivery day ${date}` })).toBeVisible();
  const rows = page.locator("tr[data-event-id]");
  await expect(rows).toHaveCount(5);
  // Each event at its local time in its own zone: 11:30 AM in Houston (CST) and Miami (EST).
  await expect(rows.filter({ hasText: "Houston" })).toContainText("11:30 AM CST");
  await expect(rows.filter({ hasText: "Miami" })).toContainText("11:30 AM EST");
  await expect(rows.filter({ hasText: "Chicago" })).toContainText("10:00 AM CST");
  await screenshot(page, "delivery-board-day-desktop");
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test("bad planning input is refused next to the field, values kept", async ({ page }) => {
  await loginAs(page, DEMO.organizer, `${board}/plan`);
  await page.getByLabel("Title (optional)").fill("Kept title");
  await page
    .locator('tr[data-office="Miami"]')
    .getByLabel(/Local time/)
    .fill("");
  await page.getByRole("button", { name: "Plan the day" }).click();
  await expect(page.locator("#date-error")).toHaveText("Enter a date (YYYY-MM-DD).");
  await expect(page.getByLabel("Title (optional)")).toHaveValue("Kept title");
});

test("a volunteer RSVPs in Spanish, confirms the address, and gets the email with a valid .ics", async ({
  page,
  browser,
  request,
}) => {
  const organizer = await browser.newPage();
  await loginAs(organizer, DEMO.organizer, board);
  // The seeded Houston event (the earliest), which has a private meeting point.
  const eventId = await houstonEventId(organizer, "asc");
  await organizer.close();

  const errors = collectConsoleErrors(page);
  await page.setViewportSize(PHONE);
  await page.goto(`/events/${eventId}?lang=es`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Súmate a la entrega en Houston",
  );
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  // The private meeting point is not on the public page.
  await expect(page.getByText("Te enviamos el punto de encuentro por correo")).toBeVisible();
  await expectNoAxeViolations(page);

  // Bad email: a message in Spanish next to the field, values kept.
  await page.getByLabel("Nombre").fill("Lucía Hernández");
  await page.getByLabel("Correo electrónico").fill("lucia@");
  await page.getByRole("button", { name: "Cuenten conmigo" }).click();
  await expect(page.getByText("Escribe un correo como nombre@ejemplo.org.")).toBeVisible();
  await expect(page.getByLabel("Nombre")).toHaveValue("Lucía Hernández");

  const email = `lucia.${Date.now()}@volunteers.handover.test`;
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("¿Cómo vas a ayudar?").selectOption("photos");
  await page.getByRole("button", { name: "Cuenten conmigo" }).click();
  // No place and no meeting point before the address is confirmed.
  await expect(page.getByRole("status")).toContainText("Revisa tu correo");
  await screenshot(page, "delivery-event-phone-es");
  await expectNoAxeViolations(page);
  const [ask] = await waitForMail(request, email, { subject: /Confirma tu asistencia/ });
  expect(ask!.text).not.toContain("Punto de encuentro");
  const confirm = ask!.text.match(/https?:\/\/\S+\/rsvp\/confirm\/\S+/)![0];
  await page.goto(new URL(confirm).pathname);
  await page.getByRole("button", { name: "Confirmar mi asistencia" }).click();
  await expect(page.getByRole("status")).toContainText("¡Listo!");

  const [mail] = await waitForMail(request, email, { subject: /Confirmado: entrega en Houston/ });
  expect(mail!.text).toContain("Punto de encuentro");
  // The day in full words ("el mar, 8 de dic" read as "the sea"), and the event link in Spanish.
  expect(mail!.text).toMatch(
    /el (lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d{1,2} de [a-z]+, a las /,
  );
  expect(mail!.text).not.toMatch(/ el (lun|mar|mié|jue|vie|sáb|dom), /);
  const eventLink = mail!.text.match(/Ver el evento: (\S+)/)![1]!;
  expect(new URL(eventLink).searchParams.get("lang")).toBe("es");
  expect(mail!.text).toContain("en nombre de la campaña en la que participaste");
  const ics = mail!.attachments.find((a) => a.filename.endsWith(".ics"));
  expect(ics?.contentType).toMatch(/text\/calendar/);
  const calendar = parseIcs(Buffer.from(ics!.content, "base64").toString("utf8"));
  const vevent = child(calendar, "VEVENT")!;
  const dtstart = prop(vevent, "DTSTART")!;
  expect(dtstart.params.TZID).toBe("America/Chicago");
  expect(dtstart.value).toMatch(/T110000$/);
  expect(prop(vevent, "SUMMARY")!.value).toContain("Entrega de la petición");
  // The local 11:00 resolves, through the file's own VTIMEZONE, to 16:00 or 17:00 UTC (CDT/CST).
  expect([16, 17]).toContain(resolveLocal(calendar, dtstart).getUTCHours());

  // The cancel link works.
  const cancel = mail!.text.match(/https?:\/\/\S+\/rsvp\/(?!confirm\/)\S+/)![0];
  await page.goto(new URL(cancel).pathname);
  await page.getByRole("button", { name: "Cancelar mi asistencia" }).click();
  await expect(page.getByRole("heading", { name: "Tu asistencia quedó cancelada" })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test("a coordinator on a phone reports Houston delivered; the board shows it without reload; signers hear once the day is done", async ({
  browser,
  request,
}) => {
  const boardContext = await browser.newContext({ viewport: DESKTOP });
  const boardPage = await boardContext.newPage();
  await loginAs(boardPage, DEMO.organizer, board);
  const eventId = await houstonEventId(boardPage);
  // The organizer confirms the event (planning is theirs), then watches the whole board.
  await boardPage.goto(`${board}/events/${eventId}`);
  await boardPage.getByRole("button", { name: "Confirm" }).click();
  await expect(boardPage.locator(".badge").first()).toHaveText("Confirmed");
  await boardPage.goto(board);
  const row = boardPage.locator(`tr[data-event-id="${eventId}"]`);
  await expect(row).toHaveAttribute("data-status", "confirmed");
  const deliveredBefore = Number(
    await boardPage
      .locator('[data-testid="board-summary"] li[data-status="delivered"] strong')
      .textContent(),
  );

  const acknowledgedBefore = Number(
    await boardPage
      .locator('[data-testid="board-summary"] li[data-status="acknowledged"] strong')
      .textContent(),
  );

  const phoneContext = await browser.newContext({ viewport: PHONE });
  const phone = await phoneContext.newPage();
  const errors = collectConsoleErrors(phone);
  await loginAs(phone, DEMO.coordHouston, `${board}/events/${eventId}`);
  // A coordinator cannot postpone or cancel; "Packet ready" comes from building the packet.
  await expect(phone.getByRole("button", { name: "Cancel event" })).toHaveCount(0);
  await expect(phone.getByRole("button", { name: "Mark packet ready" })).toHaveCount(0);
  await phone.getByRole("link", { name: "Build the packet" }).click();
  await phone.getByRole("button", { name: "Generate packet" }).click();
  await expect(phone.getByText("Ready", { exact: true })).toBeVisible({ timeout: 30_000 });
  await phone.goto(`${board}/events/${eventId}`);
  await expect(phone.locator(".badge").first()).toHaveText("Packet ready");
  await expect(phone.getByRole("heading", { name: "Delivery report" })).toBeVisible();
  await phone.getByLabel("Received by (name)").fill("Jordan Lee");
  await phone.getByLabel("Their title").fill("Chief of staff");
  await phone.getByLabel("Signatures handed over").fill("many");
  await phone.getByRole("button", { name: "Mark delivered" }).click();
  await expect(phone.getByText("A whole number, 0 or more.")).toBeVisible();
  await expect(phone.getByLabel("Received by (name)")).toHaveValue("Jordan Lee");
  await phone.getByLabel("Signatures handed over").fill("412");
  await phone.getByLabel("People there").fill("9");
  await phone.getByLabel("How it went").fill("Received at the front desk; photos taken.");
  await screenshot(phone, "delivery-report-phone");
  await phone.getByRole("button", { name: "Mark delivered" }).click();
  // Reported today for a day planned weeks ahead: asked once to confirm, values kept.
  await expect(phone.getByText("That is not the scheduled day.")).toBeVisible();
  await expect(phone.getByLabel("Received by (name)")).toHaveValue("Jordan Lee");
  // The page refreshes its data after the refused post; tick the box once it has settled.
  const offDay = phone.getByLabel("Yes, it was delivered at that time");
  await expect(async () => {
    await offDay.check();
    await expect(offDay).toBeChecked();
  }).toPass({ timeout: 15_000 });
  await phone.getByRole("button", { name: "Mark delivered" }).click();
  await expect(phone.locator(".badge").first()).toHaveText("Delivered");
  await expect(phone.getByRole("heading", { name: "Acknowledgement" })).toBeVisible();
  await screenshot(phone, "delivery-event-delivered-phone");
  await expectNoAxeViolations(phone);
  expect(errors).toEqual([]);

  // No reload on the board: it follows the live feed.
  await expect(row).toHaveAttribute("data-status", "delivered", { timeout: 15_000 });
  await expect(
    boardPage.locator('[data-testid="board-summary"] li[data-status="delivered"] strong'),
  ).toHaveText(String(deliveredBefore + 1));
  // The bar at the top tells the same story at a glance (its words are for screen readers).
  await expect(boardPage.getByTestId("board-progress")).toHaveAttribute(
    "aria-label",
    new RegExp(
      `^${deliveredBefore + acknowledgedBefore + 1} of \\d+ events delivered or acknowledged$`,
    ),
  );
  await screenshot(boardPage, "delivery-board-live-desktop");

  // Signers are not emailed city by city: their one email of the day waits until every city of the
  // day is done (or the day's deadline). The team's heads-up shows the jobs have run meanwhile.
  await waitForMail(request, DEMO.coordHouston, {
    subject: /Delivered in Houston|Entregada en Houston/,
  });
  const held = await request.get(
    `/dev/mail.json?to=${encodeURIComponent("%@example.org")}&limit=500`,
  );
  const perCity = ((await held.json()) as { subject: string }[]).filter((m) =>
    /delivered in Houston|entregada en Houston/.test(m.subject),
  );
  expect(perCity).toEqual([]);
  await boardContext.close();
  await phoneContext.close();
});

test("offices: a bad time zone is refused in place; a CSV with one bad row imports nothing", async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  await loginAs(page, DEMO.organizer, `/dashboard/c/${DEMO.campaignSlug}/offices/new`);
  await page.getByLabel("Name", { exact: true }).fill("Denver party office");
  await page.getByLabel("City", { exact: true }).fill("Denver");
  await page.getByLabel("Time zone (IANA)").fill("Mountain Time");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Use an IANA time zone, like America/Chicago.")).toBeVisible();
  await expect(page.getByLabel("City", { exact: true })).toHaveValue("Denver");
  await page.getByLabel("Time zone (IANA)").fill("America/Denver");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Office saved.");
  await expect(page.getByRole("cell", { name: "Denver party office" })).toBeVisible();

  await page.goto(`/dashboard/c/${DEMO.campaignSlug}/offices/import`);
  const good =
    "name,city,state,time_zone,local_postal_prefixes\nPhoenix office,Phoenix,AZ,America/Phoenix,850\n";
  await page.getByLabel("CSV file").setInputFiles({
    name: "offices.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(good + "Broken office,,TX,Nowhere/Else,\n"),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("alert")).toContainText("1 row has errors");
  await expect(page.locator('tr[data-line="3"]')).toContainText(
    "Time zone (IANA): Use an IANA time zone",
  );
  await expect(page.getByRole("button", { name: /Import all/ })).toHaveCount(0);
  await screenshot(page, "delivery-offices-import-desktop");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "offices.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Import all (1)" }).click();
  await expect(page.getByRole("status")).toHaveText("Imported 1 office.");
  await expect(page.getByRole("cell", { name: "Phoenix office" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Broken office" })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("an organizer creates a single event; the coordinator is assigned and the time is the office's", async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  await loginAs(page, DEMO.organizer, `${board}/events/new`);
  await page
    .getByLabel("Office", { exact: true })
    .selectOption({ label: "Miami · Miami-Dade Party Office (America/New_York)" });
  const date = new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10);
  await page.getByLabel("Date", { exact: true }).fill(date);
  await page.getByLabel("Local time").fill("09:15");
  await page.getByLabel("Capacity").fill("0");
  await page.getByRole("button", { name: "Create the event" }).click();
  await expect(
    page.getByText("A whole number, at least 1 (or leave empty for no limit)."),
  ).toBeVisible();
  await page.getByLabel("Capacity").fill("12");
  await page.getByLabel("Coordinator").selectOption([{ label: "Claire Novak" }]);
  await page.getByRole("button", { name: "Create the event" }).click();
  await expect(page).toHaveURL(/deliveries\/events\/\d+$/);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(
    "Miami: Miami-Dade Party Office",
  );
  await expect(page.getByText(/9:15 AM E[SD]T/).first()).toBeVisible();
  await expect(page.getByText("Coordinator: Claire Novak")).toBeVisible();
  expect(errors).toEqual([]);
});
