// National scale: the dashboard's rollups stay equal to a full count through every kind of change,
// name search ignores accents and case (same folding in SQL and JavaScript), and the board's
// trigger-kept RSVP counts, change stamps and pages agree with the rows they summarise.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, rows } from "#db/client";
import { getBoard, getBoardVersion, parseBoardQuery } from "~/domain/deliveries/board.server";
import { getBoardChanges, getBoardLive } from "~/domain/deliveries/board-live.server";
import { createSession } from "~/http/session.server";
import { sha256 } from "~/lib/crypto.server";
import { countSignatures, listSignatures } from "~/domain/petitions/signature-list.server";
import { signatureStats } from "~/domain/petitions/signature-stats.server";
import { FOLD_FROM, foldName } from "~/lib/fold";
import {
  makeDeliveryCampaign,
  makeEvent,
  type DeliveryCampaign,
} from "../support/delivery-fixtures";
import { insertSignatures, makeCampaign, makeTeam, type Team } from "../support/organizer-fixtures";

let team: Team;
let petitionId: number;
const zone = "America/Chicago";

beforeAll(async () => {
  team = await makeTeam();
  ({
    petition: { id: petitionId },
  } = await makeCampaign(team, { n: 0 }));
  await insertSignatures(petitionId, 3_000);
}, 120_000);

const owner = () => ({ userId: team.owner.id });

/** The figures the dashboard showed before the rollups, straight from the signatures table. */
async function fullScan(unit: "day" | "hour") {
  const span = unit === "hour" ? sql`interval '48 hours'` : sql`interval '60 days'`;
  const [series, byCity, byRegion, byStatus] = await Promise.all([
    rows<{ bucket: string; n: number }>(
      db,
      sql`select to_char(date_trunc(${unit}, verified_at at time zone ${zone}), 'YYYY-MM-DD"T"HH24:00') as bucket, count(*)::int as n
          from signatures where petition_id = ${petitionId} and status = 'verified'
            and verified_at >= date_trunc('hour', now() - ${span})
          group by 1 order by 1`,
    ),
    rows<{ label: string; n: number }>(
      db,
      sql`select city as label, count(*)::int as n from signatures where petition_id = ${petitionId} and status = 'verified' and city <> ''
          group by city order by n desc, city limit 12`,
    ),
    rows<{ label: string; n: number }>(
      db,
      sql`select region as label, count(*)::int as n from signatures where petition_id = ${petitionId} and status = 'verified' and region <> ''
          group by region order by n desc, region limit 12`,
    ),
    rows<{ status: string; n: number }>(
      db,
      sql`select status, count(*)::int as n from signatures where petition_id = ${petitionId} group by status order by status::text`,
    ),
  ]);
  const num = <T extends { n: number }>(l: T[]) => l.map((r) => ({ ...r, n: Number(r.n) }));
  return {
    series: num(series),
    byCity: num(byCity),
    byRegion: num(byRegion),
    byStatus: num(byStatus),
  };
}

async function expectRollupsMatch() {
  for (const unit of ["day", "hour"] as const) {
    const stats = await signatureStats({ actor: owner(), petitionId, unit, timeZone: zone });
    const truth = await fullScan(unit);
    expect(stats.series).toEqual(truth.series);
    expect(stats.byCity).toEqual(truth.byCity);
    expect(stats.byRegion).toEqual(truth.byRegion);
    const byStatus = [...stats.byStatus].sort((a, b) => (a.status < b.status ? -1 : 1));
    expect(byStatus).toEqual(truth.byStatus);
    expect(Date.parse(stats.asOf)).toBeGreaterThan(Date.now() - 60_000);
  }
}

describe("dashboard rollups", () => {
  it("equal a full count after bulk inserts, confirmations, moves, invalidations and deletes", async () => {
    await expectRollupsMatch();
    // Confirmations one by one and concurrently (each its own statement, like the confirm page).
    const pending = await rows<{ id: number }>(
      db,
      sql`select id from signatures where petition_id = ${petitionId} and status = 'pending' order by id limit 120`,
    );
    await Promise.all(
      pending.map((p) =>
        db.execute(
          sql`update signatures set status = 'verified', verified_at = now() where id = ${p.id}`,
        ),
      ),
    );
    // A signer moves city; an organizer invalidates a batch; some rows are deleted.
    await db.execute(
      sql`update signatures set city = 'San Antonio' where petition_id = ${petitionId} and id % 17 = 0`,
    );
    await db.execute(
      sql`update signatures set status = 'invalidated', invalidated_at = now() where petition_id = ${petitionId} and id % 29 = 0`,
    );
    await db.execute(sql`delete from signatures where petition_id = ${petitionId} and id % 31 = 0`);
    // An update that changes nothing the rollups count leaves them as they were.
    await db.execute(
      sql`update signatures set comment_hidden_at = now() where petition_id = ${petitionId} and id % 7 = 0`,
    );
    await expectRollupsMatch();
  });
});

describe("name search", () => {
  it("folds exactly as handover_fold() does in SQL", async () => {
    const samples = [FOLD_FROM, "María José GARCÍA-Núñez", "Nguyễn Thị Ánh", "Łukasz Øster", "Ж Ω"];
    for (const s of samples) {
      const [r] = await rows<{ f: string }>(db, sql`select handover_fold(${s}) as f`);
      expect(r!.f).toBe(foldName(s));
    }
    expect(foldName("María GARCÍA")).toBe("maria garcia");
  });

  it('finds "María García" from "maria garc" and "ANGEL" finds "Ángel", through the index', async () => {
    const { petition } = await makeCampaign(team, { n: 0 });
    const people = [
      ["María", "García"],
      ["maria", "garcia"],
      ["Mariana", "Garza"],
      ["José", "Núñez"],
      ["Ángel", "Pérez"],
      ["Ana", "Gómez"],
    ];
    for (const [i, [first, last]] of people.entries()) {
      await db.execute(
        sql`insert into signatures (petition_id, status, first_name, last_name, email, email_canonical, verified_at)
            values (${petition.id}, 'verified', ${first}, ${last}, ${`p${i}@example.org`}, ${`p${i}@example.org`}, now())`,
      );
    }
    const names = async (q: string) =>
      (await listSignatures({ actor: owner(), petitionId: petition.id, filter: { q } })).rows
        .map((r) => `${r.firstName} ${r.lastName}`)
        .sort();
    expect(await names("maria garc")).toEqual(["María García", "maria garcia"]);
    expect(await names("MARÍA GARCIA")).toEqual(["María García", "maria garcia"]);
    expect(await names("jose nun")).toEqual(["José Núñez"]);
    expect(await names("ANGEL")).toEqual(["Ángel Pérez"]);
    expect(await names("gomez")).toEqual(["Ana Gómez"]);
    expect(await names("mar")).toEqual(["María García", "Mariana Garza", "maria garcia"].sort());
    expect(await names("100%")).toEqual([]);
    const count = await countSignatures({
      actor: owner(),
      petitionId: petition.id,
      filter: { q: "maria garc" },
    });
    expect(count.count).toBe(2);
    const plan = await rows<Record<string, string>>(
      db,
      sql`explain select id from signatures where petition_id = ${petitionId} and search_last like 'last00012%'`,
    );
    expect(plan.map((l) => Object.values(l)[0]).join("\n")).toMatch(
      /signatures_petition_last_name_fold_idx/,
    );
  });
});

describe("board aggregates and live changes", () => {
  let c: DeliveryCampaign;
  beforeAll(async () => {
    c = await makeDeliveryCampaign();
  });

  const rsvp = (eventId: number, i: number, status: "going" | "waitlisted" | "cancelled") =>
    db.execute(
      sql`insert into rsvps (event_id, name, email, email_canonical, status, cancel_token_hash)
          values (${eventId}, ${`Guest ${i}`}, ${`g${eventId}-${i}@example.org`}, ${`g${eventId}-${i}@example.org`}, ${status}, ${`h-${eventId}-${i}`})`,
    );

  it("keeps RSVP counts per event and answers what changed since T", async () => {
    const a = await makeEvent(c);
    const b = await makeEvent(c);
    for (let i = 0; i < 5; i++) await rsvp(a.id, i, i === 4 ? "waitlisted" : "going");
    await rsvp(b.id, 0, "cancelled");
    // Back-date both events, then change only one of them through an RSVP.
    await db.execute(
      sql`update delivery_events set changed_at = now() - interval '1 hour' where campaign_id = ${c.campaign.id}`,
    );
    const actor = { userId: c.users.viewer };
    const before = await getBoardVersion({ actor, campaignId: c.campaign.id });
    const since = new Date();
    await db.execute(
      sql`update rsvps set status = 'cancelled', cancelled_at = now() where event_id = ${a.id} and email = ${`g${a.id}-0@example.org`}`,
    );
    const changes = await getBoardChanges({ actor, campaignId: c.campaign.id, since });
    expect(changes.changed).toEqual([a.id]);
    expect(await getBoardVersion({ actor, campaignId: c.campaign.id })).not.toBe(before);

    const board = await getBoard({
      actor,
      campaignId: c.campaign.id,
      query: parseBoardQuery(new URLSearchParams()),
    });
    const rowA = board.rows.find((r) => r.id === a.id)!;
    const rowB = board.rows.find((r) => r.id === b.id)!;
    expect([rowA.going, rowA.waitlisted]).toEqual([3, 1]);
    expect([rowB.going, rowB.waitlisted]).toEqual([0, 0]);

    // A status change stamps the event too; nothing else is reported.
    const since2 = new Date(changes.now);
    await db.execute(
      sql`update delivery_events set changed_at = now() - interval '1 hour' where campaign_id = ${c.campaign.id}`,
    );
    await db.execute(sql`update delivery_events set status = 'confirmed' where id = ${b.id}`);
    const next = await getBoardChanges({ actor, campaignId: c.campaign.id, since: since2 });
    expect(next.changed).toEqual([b.id]);

    // Strangers get nothing.
    await expect(
      getBoardChanges({ actor: { userId: c.users.stranger }, campaignId: c.campaign.id, since }),
    ).rejects.toThrow();
  });

  /** A logged-in browser's session token hash, as the live route reads it from the cookie. */
  const sessionOf = async (userId: number) => {
    const cookie = await createSession({ userId });
    return sha256(decodeURIComponent(/handover_session=([^;]*)/.exec(cookie)![1]!));
  };

  it("answers the live feed in one statement: session, membership, version and changes since T", async () => {
    const a = await makeEvent(c);
    const b = await makeEvent(c);
    await db.execute(
      sql`update delivery_events set changed_at = now() - interval '1 hour' where campaign_id = ${c.campaign.id}`,
    );
    const viewer = await sessionOf(c.users.viewer);
    const slug = c.campaign.slug;
    const first = await getBoardLive({ sessionTokenHash: viewer, campaignSlug: slug });
    if (first.kind !== "ok") throw new Error(first.kind);
    // The same version the board's loader hands the page.
    expect(first.version).toBe(
      await getBoardVersion({ actor: { userId: c.users.viewer }, campaignId: c.campaign.id }),
    );
    expect(first.changed).toBeUndefined();

    // Nothing changed since T (the stamps are an hour old): nothing listed, same version.
    const quiet = await getBoardLive({
      sessionTokenHash: viewer,
      campaignSlug: slug,
      since: new Date(first.now),
    });
    expect(quiet).toMatchObject({ kind: "ok", version: first.version, changed: [], at: [] });

    // An RSVP on A: listed with its stamp, the version moves; a second answer inside the overlap
    // lists it again with the same stamp (a client skips what it has seen), never misses it.
    await rsvp(a.id, 1, "going");
    const since = new Date(first.now);
    const next = await getBoardLive({ sessionTokenHash: viewer, campaignSlug: slug, since });
    if (next.kind !== "ok") throw new Error(next.kind);
    expect(next.changed).toEqual([a.id]);
    expect(next.at).toHaveLength(1);
    expect(next.version).not.toBe(first.version);
    const again = await getBoardLive({
      sessionTokenHash: viewer,
      campaignSlug: slug,
      since: new Date(next.now),
    });
    if (again.kind !== "ok") throw new Error(again.kind);
    expect(again.changed).toEqual([a.id]);
    expect(again.at).toEqual(next.at);
    expect(again.version).toBe(next.version);

    // Then B's status: both, oldest change first.
    await db.execute(sql`update delivery_events set status = 'confirmed' where id = ${b.id}`);
    const both = await getBoardLive({ sessionTokenHash: viewer, campaignSlug: slug, since });
    expect(both.kind === "ok" && both.changed).toEqual([a.id, b.id]);

    // Who may not see it: no session, an unknown or revoked session, a stranger, no campaign.
    expect(await getBoardLive({ sessionTokenHash: null, campaignSlug: slug })).toEqual({
      kind: "signed-out",
    });
    expect(await getBoardLive({ sessionTokenHash: sha256("nope"), campaignSlug: slug })).toEqual({
      kind: "signed-out",
    });
    const revoked = await sessionOf(c.users.viewer);
    await db.execute(sql`update sessions set revoked_at = now() where id_hash = ${revoked}`);
    expect(await getBoardLive({ sessionTokenHash: revoked, campaignSlug: slug })).toEqual({
      kind: "signed-out",
    });
    const stranger = await sessionOf(c.users.stranger);
    await expect(
      getBoardLive({ sessionTokenHash: stranger, campaignSlug: slug, since }),
    ).rejects.toThrow(/access/);
    expect(
      await getBoardLive({ sessionTokenHash: viewer, campaignSlug: `${slug}-missing` }),
    ).toEqual({ kind: "no-campaign" });
  });

  it("pages a very large day: every event once, summary over all of them", async () => {
    await db.execute(
      sql`insert into delivery_events (campaign_id, petition_id, office_id, starts_at, ends_at, time_zone)
          select ${c.campaign.id}, ${c.petition.id}, ${c.office.id}, now() + (g || ' minutes')::interval,
                 now() + (g || ' minutes')::interval + interval '1 hour', 'America/Chicago'
          from generate_series(1, 300) g`,
    );
    const actor = { userId: c.users.owner };
    const page = (n: number) =>
      getBoard({
        actor,
        campaignId: c.campaign.id,
        query: parseBoardQuery(new URLSearchParams({ page: String(n) })),
      });
    const [p1, p2] = [await page(1), await page(2)];
    expect(p1.rows).toHaveLength(250);
    expect(p1.hasNextPage).toBe(true);
    expect(p2.hasNextPage).toBe(false);
    const ids = [...p1.rows, ...p2.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(p1.total);
    expect(p1.total).toBeGreaterThanOrEqual(302);
  });
});
