// The organizer journey: an owner signs up, starts a campaign, invites a coordinator (who reads the
// mail and joins), writes and publishes a bilingual petition, watches a signature arrive, filters
// and exports; the coordinator sees no email addresses and cannot export contacts.
import { expect, test, type Page } from "@playwright/test";
import {
  DEMO,
  DESKTOP,
  PHONE,
  collectConsoleErrors,
  expectNoAxeViolations,
  linkFrom,
  loginAs,
  screenshot,
  waitForMail,
} from "../support/e2e";

const stamp = Date.now().toString(36);
const owner = {
  name: "Rosa Organizer",
  email: `rosa-${stamp}@team.test`,
  password: "a long enough password",
};
const coordinator = {
  name: "Tomás Coordinator",
  email: `tomas-${stamp}@team.test`,
  password: "another long password",
};
const petitionSlug = `fair-stops-${stamp}`;
const signer = {
  first: "Lucía",
  last: `Quintero${stamp}`,
  email: `lucia-${stamp}@example.org`,
  zip: "77002",
};

async function signUp(page: Page, who: { name: string; email: string; password: string }) {
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test.describe.configure({ mode: "serial" });

test("owner and coordinator: campaign, invitation, bilingual petition, signatures, filters, export", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const errors = collectConsoleErrors(page);
  await page.setViewportSize(DESKTOP);

  // Sign up, with a validation error first: the message sits next to the field and values stay.
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(owner.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectNoAxeViolations(page);

  // Start a campaign.
  await page.getByLabel("Campaign name").fill(`Fair Stops ${stamp}`);
  await page.getByLabel("Description").fill("Ending pretext traffic stops in Houston.");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { name: `Fair Stops ${stamp}` })).toBeVisible();
  const campaignUrl = new URL(page.url()).pathname;
  await expectNoAxeViolations(page);

  // Invite a coordinator.
  await page
    .getByRole("navigation", { name: "Campaign" })
    .getByRole("link", { name: "Team" })
    .click();
  await page.getByLabel("Email", { exact: true }).fill(coordinator.email);
  await page.getByLabel("Role", { exact: true }).selectOption("coordinator");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${coordinator.email}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  const [invite] = await waitForMail(request, coordinator.email, { subject: /invited/ });
  const acceptUrl = linkFrom(invite!, "/invitations/");

  // The coordinator reads the mail, signs up from the invitation and joins.
  const coordContext = await browser.newContext({ viewport: PHONE });
  const coordPage = await coordContext.newPage();
  const coordErrors = collectConsoleErrors(coordPage);
  await coordPage.goto(acceptUrl);
  await expect(coordPage.getByText(/as coordinator/)).toBeVisible();
  await coordPage.getByRole("link", { name: "Create account" }).click();
  await signUp(coordPage, coordinator);
  await expect(coordPage).toHaveURL(/\/invitations\//);
  await coordPage.getByRole("button", { name: "Accept and join" }).click();
  await expect(coordPage).toHaveURL(new RegExp(`${campaignUrl}(\\?joined=1)?$`));
  await screenshot(coordPage, "organizer-coordinator-campaign-phone");

  // Write a bilingual petition; a bad slug is refused next to its field.
  await page.goto(`${campaignUrl}/petitions/new`);
  const en = page.locator('fieldset[lang="en"]');
  const es = page.locator('fieldset[lang="es"]');
  // The address follows the default-language title as it is typed (accents removed)…
  await en.getByLabel("Title").pressSequentially("¡Alto! Niños en peligro", { delay: 5 });
  await expect(page.getByLabel("Address (slug)")).toHaveValue("alto-ninos-en-peligro");
  await screenshot(page, "organizer-slug-suggested-desktop");
  // …until the organizer types one themselves.
  await page.getByLabel("Address (slug)").fill("Not A Slug!");
  await en.getByLabel("Title").fill("");
  await en.getByLabel("Title").pressSequentially("End pretext", { delay: 5 });
  await expect(page.getByLabel("Address (slug)")).toHaveValue("Not A Slug!");
  await en.getByLabel("Title").fill("End pretext traffic stops");
  await en.getByLabel("Summary").fill("Stops for broken tail lights end in deportations.");
  await en.getByLabel("Text (Markdown)").fill("We ask the **city council** to end pretext stops.");
  await es
    .getByLabel("Título")
    .or(es.getByLabel("Title"))
    .fill("Basta de paradas de tráfico con pretexto");
  await es
    .getByLabel("Summary")
    .or(es.getByLabel("Resumen"))
    .fill("Las paradas por una luz rota terminan en deportaciones.");
  await es
    .getByLabel("Text (Markdown)")
    .or(es.getByLabel("Texto (Markdown)"))
    .fill("Pedimos al **concejo municipal** que termine estas paradas.");
  await page.getByLabel(/^Targets/).fill("Houston City Council — City Hall");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Only lower-case letters, digits and single dashes")).toBeVisible();
  await expect(en.getByLabel("Title")).toHaveValue("End pretext traffic stops");
  await page.getByLabel("Address (slug)").fill(petitionSlug);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Petition created.")).toBeVisible();
  await expect(
    page
      .locator('article[lang="es"]')
      .getByRole("heading", { name: "Basta de paradas de tráfico con pretexto" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Address (slug)")).toHaveValue(petitionSlug);
  await expectNoAxeViolations(page);
  await screenshot(page, "organizer-editor-desktop");
  // Unsaved changes: leaving asks first; staying keeps the edit.
  const subnavOverview = page
    .getByRole("navigation", { name: "Petition" })
    .getByRole("link", { name: "Overview" });
  await en.getByLabel("Title").fill("End pretext traffic stops now");
  await expect(page.getByText("You have unsaved changes.")).toBeVisible();
  page.once("dialog", (dialog) => void dialog.dismiss());
  await subnavOverview.click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(en.getByLabel("Title")).toHaveValue("End pretext traffic stops now");
  page.once("dialog", (dialog) => void dialog.accept());
  await subnavOverview.click();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published. The team has been told.")).toBeVisible();
  await waitForMail(request, owner.email, { subject: /Published: End pretext traffic stops/ });
  const petitionUrl = new URL(page.url()).pathname;

  // A signer signs on the public page (in Spanish) and confirms by email.
  const signerContext = await browser.newContext();
  const signerPage = await signerContext.newPage();
  await signerPage.goto(`/p/${petitionSlug}?lang=es`);
  await expect(signerPage.getByRole("heading", { level: 1 })).toHaveText(
    "Basta de paradas de tráfico con pretexto",
  );
  await signerPage.goto(`/p/${petitionSlug}?lang=en`);
  await signerPage.getByLabel("First name", { exact: true }).fill(signer.first);
  await signerPage.getByLabel("Last name", { exact: true }).fill(signer.last);
  await signerPage.getByLabel("Email", { exact: true }).fill(signer.email);
  await signerPage.getByLabel("ZIP code", { exact: true }).fill(signer.zip);
  await signerPage
    .getByLabel(/Why are you signing/)
    .fill("My cousin was stopped for a tail light.");
  await signerPage.waitForTimeout(2100); // the form refuses submissions faster than a person types
  await signerPage.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(
    signerPage.getByRole("heading", { name: "Almost done — check your email" }),
  ).toBeVisible();
  const [confirm] = await waitForMail(request, signer.email, { subject: /Confirm your signature/ });
  await signerPage.goto(linkFrom(confirm!, "/confirm/"));
  await signerPage.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(
    signerPage.getByRole("heading", { name: /your signature is confirmed/ }),
  ).toBeVisible();
  await signerContext.close();

  // The signature arrives in the owner's table; filters narrow it; the CSV export holds it.
  await page.goto(`${petitionUrl}/signatures`);
  const table = page.getByTestId("signatures-table");
  await expect(table.getByRole("cell", { name: `${signer.first} ${signer.last}` })).toBeVisible();
  await expect(table.getByRole("cell", { name: signer.email })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Search by name").fill("nobody-like-this");
  await page.getByRole("button", { name: "Apply" }).first().click();
  await expect(page.getByText("No signatures match these filters.")).toBeVisible();
  await page.getByLabel("Search by name").fill(`${signer.first} ${signer.last.slice(0, 6)}`);
  await page.locator("#f-status").selectOption("verified");
  await page.getByRole("button", { name: "Apply" }).first().click();
  await expect(page.getByTestId("matching-count")).toHaveText("1 matching signature");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV (with email)" }).click();
  let csv = "";
  for await (const chunk of await (await download).createReadStream()) csv += chunk;
  expect(csv.split("\r\n")[0]).toContain("email");
  expect(csv).toContain(signer.email);
  await page.getByRole("button", { name: "Hide comment" }).click();
  await expect(page.getByText("Comment hidden from the public page.")).toBeVisible();

  // A coordinator gets the packet view of their own offices' signers only (ADR 020): this
  // coordinator leads no delivery yet, so the signer is not listed, and never the address.
  await coordPage.goto(`${petitionUrl}/signatures`);
  await expect(coordPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(coordPage.getByRole("cell", { name: `${signer.first} ${signer.last}` })).toHaveCount(
    0,
  );
  expect(await coordPage.content()).not.toContain(signer.email);
  await expect(coordPage.getByRole("link", { name: "Export CSV (with email)" })).toHaveCount(0);
  await expect(coordPage.getByRole("button", { name: "Hide comment" })).toHaveCount(0);
  await expect(
    coordPage.getByRole("link", { name: "Export for delivery (no contact data)" }),
  ).toBeVisible();
  expect((await coordPage.request.get(`${petitionUrl}/signatures.csv?variant=full`)).status()).toBe(
    403,
  );
  const delivery = await coordPage.request.get(`${petitionUrl}/signatures.csv?variant=delivery`);
  expect(delivery.status()).toBe(200);
  expect(await delivery.text()).not.toContain("@");
  expect((await coordPage.request.get(`${campaignUrl}/audit`)).status()).toBe(403);
  expect(coordErrors).toEqual([]);
  await coordContext.close();

  // The owner's audit log shows what happened.
  await page.goto(`${campaignUrl}/audit`);
  await expect(page.getByText("petition.publish")).toBeVisible();
  await expect(page.getByText("signatures.export", { exact: true })).toBeVisible();
  await expect(page.getByText("signature.comment_hide")).toBeVisible();
  await expect(page.getByText("member.join")).toBeVisible();
  await expect(page.getByText("member.invite", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  expect(errors).toEqual([]);
});

test("a wrong password gets a clear message and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO.organizer);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "That email and password do not match an account.",
  );
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.organizer);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a cross-site POST to an organizer action is refused", async ({ page }) => {
  await loginAs(page, DEMO.owner, `/dashboard/c/${DEMO.campaignSlug}/members`);
  const response = await page.request.post(`/dashboard/c/${DEMO.campaignSlug}/members`, {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    form: { intent: "invite", email: "attacker@evil.example", role: "owner" },
  });
  expect(response.status()).toBe(403);
  // The same request from our own origin goes through (the refusal was about the origin).
  const base = new URL(page.url()).origin;
  const ok = await page.request.post(`/dashboard/c/${DEMO.campaignSlug}/members`, {
    headers: { Origin: base },
    form: { intent: "invite", email: "friend@team.test", role: "viewer" },
  });
  expect(ok.status()).toBeLessThan(400);
});

test("seeded petition: viewer sees the table without emails; pages pass axe on a phone", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await loginAs(page, DEMO.viewer, `/dashboard/c/${DEMO.campaignSlug}/petitions`);
  await page
    .getByRole("link", { name: /deport/i })
    .first()
    .click();
  await expect(page.getByTestId("verified-count")).not.toHaveText("0");
  await expectNoAxeViolations(page);
  await screenshot(page, "organizer-petition-dashboard-phone");
  await page.getByRole("link", { name: "Signatures", exact: true }).click();
  await expect(page.getByText(/Your role does not include contact data/)).toBeVisible();
  // Signers' addresses end in @example.org in the demo; none reaches the viewer, in the page or its data.
  expect(await page.content()).not.toContain("@example.org");
  expect(await (await page.request.get(page.url())).text()).not.toContain("@example.org");
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page.getByRole("link", { name: "← Previous page" })).toBeVisible();
  await expectNoAxeViolations(page);
  // The dashboard in Spanish.
  await page.goto(`/dashboard/c/${DEMO.campaignSlug}/members?lang=es`);
  await expect(page.getByRole("heading", { name: "Equipo", level: 2 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Salir de esta campaña" })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, "organizer-members-es-phone");
});

// Volume: the seeded petition's ~3,200 signatures for paging, filters, export and moderation.
test("seeded petition: owner filters, exports and moderates; a coordinator never receives emails", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize(DESKTOP);
  await loginAs(page, DEMO.owner, `/dashboard/c/${DEMO.campaignSlug}/petitions`);
  await page
    .getByRole("link", { name: /deport/i })
    .first()
    .click();
  await page.waitForURL(/\/petitions\/\d+$/);
  const petitionUrl = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Signatures", exact: true }).click();
  const table = page.getByTestId("signatures-table");
  await expect(table.locator("tbody tr")).toHaveCount(50);
  await expect(table.getByRole("cell", { name: /@/ }).first()).toBeVisible();
  const allCount = await page.getByTestId("matching-count").textContent();

  await page.locator("#f-city").selectOption("Houston");
  await page.locator("#f-status").selectOption("verified");
  // Only signatures from before today: other journeys sign in Houston while this one runs.
  await page
    .locator("#f-to")
    .fill(new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Apply" }).first().click();
  await expect(page.getByTestId("matching-count")).not.toHaveText(allCount!);
  const houston = Number(
    (await page.getByTestId("matching-count").textContent())!.replace(/\D/g, ""),
  );
  expect(houston).toBeGreaterThan(0);
  for (const city of await table.locator("tbody tr td:nth-child(3)").allTextContents())
    expect(city).toBe("Houston");
  await expectNoAxeViolations(page);
  await screenshot(page, "organizer-signatures-desktop");
  await page.screenshot({ path: "test-results/screens/organizer-signatures-top.png" });

  // Export the filtered set: one header line plus one line per matching signature.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV (with email)" }).click();
  const stream = await (await download).createReadStream();
  let csv = "";
  for await (const chunk of stream) csv += chunk;
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toContain("email");
  expect(lines).toHaveLength(houston + 1);
  expect(lines.slice(1).every((l) => l.includes(",Houston,"))).toBe(true);
  // The page showed the download's progress and says when it is complete.
  await expect(page.getByTestId("export-status")).toHaveText(
    `Download complete: ${houston.toLocaleString("en-US")} rows. Check your downloads folder.`,
  );

  // A long export: while it streams, a progress bar with the share of the expected rows and a
  // cancel button (the answer is held back here to see it; the server sends the rows to expect).
  await page.route("**/signatures.csv?*", async (route) => {
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, 2000));
    await route.fulfill({ response });
  });
  const slow = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export for delivery (no contact data)" }).click();
  await expect(page.getByTestId("export-progress")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel download" })).toBeVisible();
  await page.getByTestId("export-progress").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/organizer-export-progress-desktop.png" });
  const delivered = await slow;
  expect(delivered.suggestedFilename()).toMatch(/-delivery-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.getByTestId("export-status")).toHaveText(/^Download complete: [\d,]+ rows/);
  await expect(page.getByTestId("export-progress")).toHaveCount(0);
  await page.setViewportSize(PHONE);
  const slowPhone = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export for delivery (no contact data)" }).click();
  await expect(page.getByTestId("export-progress")).toBeVisible();
  await page.getByTestId("export-progress").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/organizer-export-progress-phone.png" });
  await slowPhone;
  await page.unroute("**/signatures.csv?*");
  await page.setViewportSize(DESKTOP);

  // Invalidate one signature with a reason: the count drops by one.
  const firstRow = table.locator("tbody tr").first();
  await firstRow.getByRole("textbox").fill("Duplicate under another address");
  await firstRow.getByRole("button", { name: "Invalidate" }).click();
  await expect(page.getByText("Signature invalidated; counts adjusted.")).toBeVisible();
  await expect(page.getByTestId("matching-count")).toHaveText(`${houston - 1} matching signatures`);

  await page.setViewportSize(PHONE);
  await screenshot(page, "organizer-signatures-phone");

  // Houston's coordinator: the same page without any email address, and no contact export.
  const coord = await (await browser.newContext({ viewport: PHONE })).newPage();
  await loginAs(coord, DEMO.coordHouston, `${petitionUrl}/signatures`);
  await expect(coord.getByTestId("signatures-table").locator("tbody tr")).toHaveCount(50);
  await expect(coord.getByText(/Your role does not include contact data/)).toBeVisible();
  expect(await coord.content()).not.toContain("@example.org");
  await expect(coord.getByRole("link", { name: "Export CSV (with email)" })).toHaveCount(0);
  expect((await coord.request.get(`${petitionUrl}/signatures.csv?variant=full`)).status()).toBe(
    403,
  );
  const delivery = await coord.request.get(
    `${petitionUrl}/signatures.csv?variant=delivery&city=Houston`,
  );
  expect(delivery.status()).toBe(200);
  const deliveryCsv = await delivery.text();
  expect(deliveryCsv.split("\r\n")[0]).toBe("name,city,region,verified_at");
  expect(deliveryCsv).not.toContain("@");
  await expectNoAxeViolations(coord);
});
