import { describe, expect, it } from "vitest";
import rsvpConfirmation from "#emails/rsvp-confirmation";
import organizerInvitation from "#emails/organizer-invitation";
import officePacketDelivery from "#emails/office-packet-delivery";
import signatureThankYou from "#emails/signature-thank-you";
import { formatDateTimeWords, formatDateWords, formatInZone } from "~/lib/zoned-time";

const at = "2026-12-08T17:00:00.000Z"; // Tuesday, 11:00 in Chicago

describe("dates in words", () => {
  it("spells weekday and month out in both languages, in the zone", () => {
    expect(formatDateTimeWords(at, "America/Chicago", "en")).toBe(
      "Tuesday, December 8 at 11:00 AM CST",
    );
    expect(formatDateTimeWords(at, "America/Chicago", "es")).toMatch(
      /^martes, 8 de diciembre, a las 11:00\s?a\.\s?m\. CST$/,
    );
    expect(formatDateWords(at, "America/Chicago", "es", { year: true, weekday: false })).toBe(
      "8 de diciembre de 2026",
    );
    expect(formatDateWords(at, "Asia/Tokyo", "en")).toBe("Wednesday, December 9");
  });

  it("never abbreviates Spanish weekdays or months on the pages either", () => {
    const es = formatInZone(at, "America/Chicago", "es");
    expect(es).toMatch(/^martes, 8 de diciembre/);
    expect(es).not.toMatch(/\bmar,|\bdic\b/);
    expect(formatInZone(at, "America/Chicago", "en")).toBe("Tue, Dec 8, 11:00 AM CST");
  });
});

describe("emails", () => {
  it("the Spanish RSVP email says the day in words", () => {
    const mail = rsvpConfirmation.render(rsvpConfirmation.sample, "es");
    expect(mail.text).toContain("el martes, 8 de diciembre, a las 11:00");
    expect(mail.text).not.toMatch(/el mar, |de dic\b/);
  });

  it("footers say who the mail is for", () => {
    const signer = signatureThankYou.render(signatureThankYou.sample, "en");
    expect(signer.text).toContain("on behalf of the campaign you took part in");
    const team = organizerInvitation.render(organizerInvitation.sample, "es");
    expect(team.text).toContain("a quienes trabajan en el equipo de una campaña");
    expect(team.text).not.toContain("participaste");
    const office = officePacketDelivery.render(officePacketDelivery.sample, "en");
    expect(office.text).toContain("on behalf of the campaign delivering this petition");
    expect(office.html).not.toContain("took part in");
  });

  it("a first verified signer is not 'one of 1'", () => {
    const mail = signatureThankYou.render({ ...signatureThankYou.sample, verifiedCount: 1 }, "es");
    expect(mail.text).toContain("Eres la primera persona con firma verificada.");
    const en = signatureThankYou.render({ ...signatureThankYou.sample, verifiedCount: 1 }, "en");
    expect(en.text).not.toContain("one of 1 ");
  });
});
