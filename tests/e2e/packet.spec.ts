// Delivery packets in the browser: a coordinator builds and prints their office's packet, the
// public verify page confirms it, nobody prints another office's packet, organizers record paper.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import {
  collectConsoleErrors,
  DEMO,
  DESKTOP,
  expectNoAxeViolations,
  loginAs,
  PHONE,
  screenshot,
} from "../support/e2e";

const campaign = `/dashboard/c/${DEMO.campaignSlug}`;
const packetPage = (eventId: number) => `${campaign}/deliveries/events/${eventId}/packet`;

/** The seeded day's event ids by office city (the lowest ids: other journeys plan more days). */
async function eventIds(page: Page) {
  await loginAs(page, DEMO.owner, "/dashboard");
  const ids: Record<string, number> = {};
  for (let id = 1; id <= 12 && Object.keys(ids).length < 2; id++) {
    const res = await page.goto(packetPage(id));
    if (res?.status() !== 200) continue;
    const heading = (await page.getByRole("heading", { level: 2 }).first().textContent()) ?? "";
    for (const [city, office] of Object.entries({
      houston: "Harris County",
      chicago: "Campaign Headquarters",
    })) {
      if (heading.includes(office) && !ids[city]) ids[city] = id;
    }
  }
  await page.context().clearCookies();
  return ids as { houston: number; chicago: number };
}

test.describe.configure({ mode: "serial" });

test.describe("delivery packets", () => {
  let ids: { houston: number; chicago: number };
  let packetId = "";
  let fingerprint = "";

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    ids = await eventIds(page);
    await page.close();
    expect(ids.houston).toBeGreaterThan(0);
  });

  test("a coordinator builds their office's packet, sees it progress, downloads it and opens the print view", async ({
    page,
  }) => {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize(DESKTOP);
    // Héctor reads Spanish.
    await loginAs(page, DEMO.coordHouston, `${packetPage(ids.houston)}?lang=es`);
    await expect(page.getByRole("heading", { level: 2 })).toContainText(
      "Harris County Party Office",
    );
    await expect(page.getByText("Todavía no se ha generado un paquete")).toBeVisible();
    await expectNoAxeViolations(page);

    // A bad volume size gets a message in Spanish next to the field, and the value stays.
    const volume = page.getByLabel("Firmas por volumen");
    await volume.fill("12");
    await page.getByRole("button", { name: "Generar paquete" }).click();
    await expect(page.getByText("Elige entre 500 y 20.000 firmas por volumen.")).toBeVisible();
    await expect(volume).toHaveValue("12");

    await volume.fill("1000");
    await page.getByLabel("Idioma de la carta").selectOption("es");
    await page.getByRole("button", { name: "Generar paquete" }).click();
    await expect(page.getByRole("progressbar").or(page.getByText("Listo"))).toBeVisible();
    await expect(page.getByText("Listo", { exact: true })).toBeVisible({ timeout: 30_000 });
    packetId = (await page.locator(".packet-id").textContent())!.trim();
    fingerprint = (await page.locator(".fingerprint").first().textContent())!.trim();
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, "packet-ready-desktop-es");
    await page.setViewportSize(PHONE);
    await screenshot(page, "packet-ready-phone-es");
    await expectNoAxeViolations(page);

    // The PDF: local signers first, no email anywhere, pages as the header says. Same bytes twice.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole("link", { name: /Volumen 1 de|Paquete \(PDF/ })
        .first()
        .click(),
    ]);
    const file = await download.path();
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1],
    );
    expect(text).toContain(`Página ${pages} de ${pages}`);
    expect(text).not.toMatch(/@/);
    expect(text).toContain(`Paquete ${packetId}`);
    const href = (await page
      .getByRole("link", { name: /Volumen 1 de|Paquete \(PDF/ })
      .first()
      .getAttribute("href"))!;
    const again = await page.request.get(href);
    expect(Buffer.compare(await again.body(), fs.readFileSync(file))).toBe(0);

    // Print view: the same rows, a header that repeats, rows that never split across pages.
    await page.setViewportSize(DESKTOP);
    await page
      .getByRole("link", { name: /Vista para imprimir/ })
      .first()
      .click();
    await expect(page.locator(".sig-list tbody tr").first()).toBeVisible();
    await expect(page.locator(".group-row").first()).toContainText(
      "Firmas del área de Harris County Party Office",
    );
    await page.emulateMedia({ media: "print" });
    const styles = await page.evaluate(() => {
      const row = document.querySelector(".sig-list tbody tr:not(.group-row)")!;
      const head = document.querySelector(".sig-list thead")!;
      return {
        row: getComputedStyle(row).breakInside,
        head: getComputedStyle(head).display,
        header: getComputedStyle(document.querySelector(".site-header")!).display,
      };
    });
    expect(styles).toEqual({ row: "avoid", head: "table-header-group", header: "none" });
    // Printed by Chromium: running header with "Página N de M" from the print CSS, on Letter paper.
    const printed = "test-results/screens/packet-print-view.pdf";
    await page.pdf({ path: printed, preferCSSPageSize: true });
    const printedText = execFileSync("pdftotext", ["-layout", printed, "-"], { encoding: "utf8" });
    const printedPages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [printed], { encoding: "utf8" }))![1],
    );
    expect(printedPages).toBeGreaterThan(2);
    expect(printedText).toContain(`Página ${printedPages} de ${printedPages}`);
    expect(execFileSync("pdfinfo", [printed], { encoding: "utf8" })).toMatch(
      /Page size:\s+612 x 792/,
    );
    await page.emulateMedia({ media: "screen" });
    await page.goto(page.url().replace(/paper=\w+/, "") + "&paper=a4");
    await expect(page.locator(".print-view.paper-a4")).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("anyone can verify the packet's count and fingerprint, in English or Spanish, without seeing names", async ({
    page,
  }) => {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize(PHONE);
    await page.goto(`/verify/${packetId}?lang=en`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Verify a delivery packet");
    await expect(page.getByTestId("verify-fingerprint")).toHaveText(fingerprint);
    expect(
      Number((await page.getByTestId("verify-count").textContent())!.replace(/\D/g, "")),
    ).toBeGreaterThan(100);
    await expect(page.locator("body")).not.toContainText("Anonymous");
    await expectNoAxeViolations(page);
    await page.getByLabel("Fingerprint printed on the packet").fill(fingerprint.toUpperCase());
    await page.getByRole("button", { name: "Check" }).click();
    await expect(page.getByTestId("verify-result")).toContainText("matches");
    await screenshot(page, "packet-verify-phone-en");
    await page.goto(`/verify/${packetId}?lang=es&fingerprint=${"0".repeat(64)}`);
    await expect(page.getByTestId("verify-result")).toContainText("no coincide");
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });

  test("a coordinator can print only the packets of their own events; viewers none", async ({
    page,
  }) => {
    await loginAs(page, DEMO.coordHouston, `${packetPage(ids.houston)}?lang=en`);
    const dayZip = (await page.getByRole("link", { name: /one ZIP/ }).getAttribute("href"))!;
    expect(dayZip).toMatch(/\/deliveries\/days\/\d+\/packets\.zip$/);
    expect((await page.goto(packetPage(ids.chicago)))!.status()).toBe(403);
    expect((await page.request.get(`${packetPage(ids.houston)}/${packetId}/1.pdf`)).status()).toBe(
      200,
    );
    await page.context().clearCookies();
    await loginAs(page, DEMO.coordChicago, "/dashboard?all=1");
    expect((await page.request.get(`${packetPage(ids.houston)}/${packetId}/1.pdf`)).status()).toBe(
      403,
    );
    expect(
      (await page.request.get(`${packetPage(ids.houston)}/${packetId}/print?volume=1`)).status(),
    ).toBe(403);
    // The delivery day's ZIP holds only Claire's own office (Chicago has no packet yet: nothing to give).
    expect((await page.request.get(dayZip)).status()).toBe(404);
    await page.context().clearCookies();
    await loginAs(page, DEMO.coordHouston, "/dashboard?all=1");
    const zip = await page.request.get(dayZip);
    expect(zip.status()).toBe(200);
    expect(zip.headers()["content-type"]).toBe("application/zip");
    const zipFile = "test-results/screens/packets-day.zip";
    fs.writeFileSync(zipFile, await zip.body());
    const listing = execFileSync("unzip", ["-l", zipFile], { encoding: "utf8" });
    expect(listing).toContain(`houston-harris-county-party-office/packet-${packetId}`);
    expect(listing).not.toContain("chicago");
    await page.context().clearCookies();
    await loginAs(page, DEMO.viewer, "/dashboard");
    expect((await page.goto(packetPage(ids.houston)))!.status()).toBe(403);
    expect((await page.request.get(dayZip)).status()).toBe(403);
  });

  test("without JavaScript an organizer still generates a packet and sees it finish", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginAs(page, DEMO.organizer, `${packetPage(ids.chicago)}?lang=en`);
    await page.getByLabel("Local signatures only").check();
    await page.getByRole("button", { name: "Generate packet" }).click();
    // The page refreshes itself (a <noscript> meta refresh) until the packet is ready.
    await expect(page.getByText("Ready", { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("link", { name: /Packet \(PDF, \d+ pages\)/ })).toBeVisible();
    await context.close();
  });

  test("an organizer records paper signatures; they count in the totals", async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await loginAs(page, DEMO.organizer, `${campaign}/petitions`);
    const hrefs = await page
      .locator("a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const petitionId = hrefs.map((h) => /\/petitions\/(\d+)/.exec(h)?.[1]).find(Boolean);
    expect(petitionId).toBeTruthy();
    await page.goto(`${campaign}/petitions/${petitionId}/paper?lang=en`);
    const before = (await page.getByTestId("paper-totals").textContent())!;
    await page.getByLabel("City").fill("Pasadena");
    await page.getByLabel("Number of signatures").fill("0");
    await page.getByRole("button", { name: "Record paper signatures" }).click();
    await expect(
      page.getByText("Enter a number of signatures between 1 and 100,000."),
    ).toBeVisible();
    await expect(page.getByLabel("City")).toHaveValue("Pasadena");
    await page.getByLabel("State or region").fill("TX");
    await page.getByLabel("Number of signatures").fill("25");
    await page.getByLabel("Names (optional)").fill("Ada Paper\nBea Sheet");
    await page.getByRole("button", { name: "Record paper signatures" }).click();
    await expect(page.getByText("Recorded 25 paper signatures from Pasadena.")).toBeVisible();
    await expect(page.getByLabel("City")).toHaveValue("");
    await expect(page.getByTestId("paper-totals")).not.toHaveText(before);
    await expect(page.getByTestId("paper-totals")).toContainText("+ 25 on paper");
    await expectNoAxeViolations(page);
    await page.setViewportSize(PHONE);
    await screenshot(page, "paper-phone-en");
    expect(errors).toEqual([]);
  });
});
