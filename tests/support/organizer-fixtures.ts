// Fixtures for the organizer tests: a team with every role, a petition and a few signatures.
import { sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import { campaignMembers, petitions, petitionTexts, users } from "#db/schema";
import type { CampaignRole } from "#db/schema/states";
import { createCampaign } from "~/domain/team/campaign.server";
import { addVerifiedCount } from "~/domain/petitions/petition-count.server";
import { hashPassword } from "~/domain/team/user.server";

let passwordHash: string | undefined;
let counter = 0;

export async function makeUser(name: string) {
  passwordHash ??= await hashPassword("correct horse battery");
  counter++;
  const [user] = await db
    .insert(users)
    .values({
      email: `${name.toLowerCase()}-${counter}-${Date.now()}@team.test`,
      name,
      passwordHash,
    })
    .returning();
  return user!;
}

export type Team = Awaited<ReturnType<typeof makeTeam>>;

/** Users for every role plus a stranger; reuse across campaigns (hashing is slow). */
export async function makeTeam() {
  const [owner, coOwner, organizer, coordinator, viewer, extra, stranger] = await Promise.all(
    ["Owner", "CoOwner", "Organizer", "Coordinator", "Viewer", "Extra", "Stranger"].map(makeUser),
  );
  return {
    owner: owner!,
    coOwner: coOwner!,
    organizer: organizer!,
    coordinator: coordinator!,
    viewer: viewer!,
    extra: extra!,
    stranger: stranger!,
  };
}

/** A campaign where the team holds its roles, with a published petition and `n` signatures. */
export async function makeCampaign(team: Team, { n = 6 }: { n?: number } = {}) {
  const campaign = await createCampaign({
    actor: { userId: team.owner.id },
    name: `Campaign ${++counter}`,
  });
  const members: [number, CampaignRole][] = [
    [team.coOwner.id, "owner"],
    [team.organizer.id, "organizer"],
    [team.coordinator.id, "coordinator"],
    [team.viewer.id, "viewer"],
    [team.extra.id, "viewer"],
  ];
  await db
    .insert(campaignMembers)
    .values(members.map(([userId, role]) => ({ campaignId: campaign.id, userId, role })));
  const [petition] = await db
    .insert(petitions)
    .values({
      campaignId: campaign.id,
      slug: `petition-${counter}-${Date.now()}`,
      status: "published",
      publishedAt: new Date(),
      goal: 100,
    })
    .returning();
  await db.insert(petitionTexts).values({
    petitionId: petition!.id,
    locale: "en",
    title: "Fixture petition",
    summary: "s",
    body: "b",
  });
  if (n > 0) await insertSignatures(petition!.id, n);
  return { campaign, petition: petition! };
}

/**
 * Inserts `n` signatures in one statement: every 5th pending, the rest verified; cities cycle
 * through Houston / Miami / Chicago; every 3rd has a comment; every 2nd agreed to print its name.
 */
export async function insertSignatures(petitionId: number, n: number, start = 1) {
  const inserted = await rows<{ verified: number }>(
    db,
    sql`with ins as (
          insert into signatures (petition_id, status, first_name, last_name, email, email_canonical, city, region, postal_code,
            comment, print_name, keep_updated, created_at, verified_at)
          select ${petitionId}::int,
            (case when g % 5 = 0 then 'pending' else 'verified' end)::signature_status,
            'First' || g, 'Last' || lpad(g::text, 7, '0'), 'signer' || g || '@example.org', 'signer' || g || '@example.org',
            (array['Houston','Miami','Chicago'])[1 + g % 3], (array['TX','FL','IL'])[1 + g % 3], lpad((g % 99999)::text, 5, '0'),
            case when g % 3 = 0 then 'Comment ' || g else null end,
            g % 2 = 0, g % 4 = 0,
            now() - (g || ' minutes')::interval,
            case when g % 5 = 0 then null else now() - (g || ' minutes')::interval end
          from generate_series(${start}::int, ${start + n - 1}::int) g
          returning status)
        select count(*) filter (where status = 'verified')::int as verified from ins`,
  );
  await addVerifiedCount({ petitionId, by: Number(inserted[0]!.verified) });
}
