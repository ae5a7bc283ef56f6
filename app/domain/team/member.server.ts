// A campaign's team: invitations, roles, removal and leaving. A campaign always keeps an owner.
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { db, rows, type Tx } from "#db/client";
import { campaignInvitations, campaignMembers, campaigns, users } from "#db/schema";
import type { CampaignRole } from "#db/schema/states";
import invitationEmail from "#emails/organizer-invitation";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";
import { recordAudit } from "./audit.server";
import { assertCampaignPermission, ForbiddenError, type Actor } from "./authorization.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { normalizeEmail } from "./user.server";

export const INVITATION_DAYS = 7;

/** A rule of the team was broken (e.g. removing the last owner); the message is for the user. */
export class MemberRuleError extends Error {
  name = "MemberRuleError";
  constructor(public code: "last_owner" | "not_member" | "already_member" | "invalid_invitation") {
    super(code);
  }
}

export async function listMembers({ actor, campaignId }: { actor: Actor; campaignId: number }) {
  await assertCampaignPermission({ actor, campaignId, permission: "campaign.view" });
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: campaignMembers.role,
      since: campaignMembers.createdAt,
    })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .where(eq(campaignMembers.campaignId, campaignId))
    .orderBy(asc(users.name));
}

export async function listOpenInvitations({
  actor,
  campaignId,
}: {
  actor: Actor;
  campaignId: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "members.manage" });
  return db
    .select({
      id: campaignInvitations.id,
      email: campaignInvitations.email,
      role: campaignInvitations.role,
      expiresAt: campaignInvitations.expiresAt,
    })
    .from(campaignInvitations)
    .where(
      and(
        eq(campaignInvitations.campaignId, campaignId),
        isNull(campaignInvitations.acceptedAt),
        isNull(campaignInvitations.revokedAt),
        gt(campaignInvitations.expiresAt, new Date()),
      ),
    )
    .orderBy(asc(campaignInvitations.createdAt));
}

/** Invites an address to the team and mails the accept link. Returns the raw token (for tests). */
export async function inviteMember({
  actor,
  campaignId,
  email,
  role,
}: {
  actor: Actor;
  campaignId: number;
  email: string;
  role: CampaignRole;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "members.manage" });
  const address = normalizeEmail(email);
  const [existing] = await db
    .select({ userId: users.id })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .where(and(eq(campaignMembers.campaignId, campaignId), eq(users.email, address)));
  if (existing) throw new MemberRuleError("already_member");
  const token = randomToken();
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  const [inviter] = await db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, actor!.userId));
  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .insert(campaignInvitations)
      .values({
        campaignId,
        email: address,
        role,
        tokenHash: sha256(token),
        invitedBy: actor!.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
      })
      .returning({ id: campaignInvitations.id });
    await enqueueEmail({
      template: invitationEmail,
      props: {
        inviterName: inviter!.name,
        campaignName: campaign!.name,
        role,
        acceptUrl: `${env().APP_URL}/invitations/${token}`,
        days: INVITATION_DAYS,
      },
      to: address,
      locale: campaign!.defaultLocale,
      dedupeKey: `organizer-invitation:${invitation!.id}`,
      tx,
    });
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "member.invite",
      subjectType: "invitation",
      subjectId: invitation!.id,
      details: { email: address, role },
      tx,
    });
  });
  return token;
}

export async function revokeInvitation({
  actor,
  campaignId,
  invitationId,
}: {
  actor: Actor;
  campaignId: number;
  invitationId: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "members.manage" });
  await db.transaction(async (tx) => {
    await tx
      .update(campaignInvitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(campaignInvitations.id, invitationId),
          eq(campaignInvitations.campaignId, campaignId),
        ),
      );
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "member.invite_revoke",
      subjectType: "invitation",
      subjectId: invitationId,
      tx,
    });
  });
}

/** What an accept link points at, or null when it is unknown, used, revoked or expired. */
export async function findInvitation(token: string) {
  const [row] = await db
    .select({
      id: campaignInvitations.id,
      email: campaignInvitations.email,
      role: campaignInvitations.role,
      campaignId: campaigns.id,
      campaignSlug: campaigns.slug,
      campaignName: campaigns.name,
    })
    .from(campaignInvitations)
    .innerJoin(campaigns, eq(campaigns.id, campaignInvitations.campaignId))
    .where(
      and(
        eq(campaignInvitations.tokenHash, sha256(token)),
        isNull(campaignInvitations.acceptedAt),
        isNull(campaignInvitations.revokedAt),
        gt(campaignInvitations.expiresAt, new Date()),
        isNull(campaigns.deletedAt),
      ),
    );
  return row ?? null;
}

/**
 * The logged-in user joins with the invitation's role. The link is the credential (it was mailed to
 * the invitee); it works once. A user who is already a member keeps their current role.
 */
export async function acceptInvitation({ actor, token }: { actor: Actor; token: string }) {
  if (!actor) throw new ForbiddenError("invitation.accept", "Log in first");
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(campaignInvitations)
      .set({ acceptedAt: new Date(), acceptedBy: actor.userId })
      .where(
        and(
          eq(campaignInvitations.tokenHash, sha256(token)),
          isNull(campaignInvitations.acceptedAt),
          isNull(campaignInvitations.revokedAt),
          gt(campaignInvitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!invitation) throw new MemberRuleError("invalid_invitation");
    await tx
      .insert(campaignMembers)
      .values({ campaignId: invitation.campaignId, userId: actor.userId, role: invitation.role })
      .onConflictDoNothing({ target: [campaignMembers.campaignId, campaignMembers.userId] });
    await recordAudit({
      campaignId: invitation.campaignId,
      actorId: actor.userId,
      action: "member.join",
      subjectType: "user",
      subjectId: actor.userId,
      details: { role: invitation.role, invitationId: invitation.id },
      tx,
    });
    const [campaign] = await tx
      .select({ slug: campaigns.slug })
      .from(campaigns)
      .where(eq(campaigns.id, invitation.campaignId));
    return {
      campaignId: invitation.campaignId,
      campaignSlug: campaign!.slug,
      role: invitation.role,
    };
  });
}

// Locks the campaign's owner rows, then checks that `change` leaves at least one owner.
async function assertKeepsAnOwner(
  tx: Tx,
  campaignId: number,
  userId: number,
  newRole: CampaignRole | null,
) {
  const owners = await rows<{ user_id: number }>(
    tx,
    sql`select user_id from campaign_members where campaign_id = ${campaignId} and role = 'owner' for update`,
  );
  const remaining =
    owners.filter((o) => Number(o.user_id) !== userId).length + (newRole === "owner" ? 1 : 0);
  if (remaining < 1) throw new MemberRuleError("last_owner");
}

export async function changeMemberRole({
  actor,
  campaignId,
  userId,
  role,
}: {
  actor: Actor;
  campaignId: number;
  userId: number;
  role: CampaignRole;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "members.manage" });
  await db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(campaignMembers)
      .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.userId, userId)));
    if (!member) throw new MemberRuleError("not_member");
    if (member.role === role) return;
    await assertKeepsAnOwner(tx, campaignId, userId, role);
    await tx
      .update(campaignMembers)
      .set({ role, updatedAt: new Date() })
      .where(eq(campaignMembers.id, member.id));
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "member.role_change",
      subjectType: "user",
      subjectId: userId,
      details: { from: member.role, to: role },
      tx,
    });
  });
}

async function dropMember({
  actor,
  campaignId,
  userId,
  action,
}: {
  actor: Actor;
  campaignId: number;
  userId: number;
  action: string;
}) {
  await db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(campaignMembers)
      .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.userId, userId)));
    if (!member) throw new MemberRuleError("not_member");
    await assertKeepsAnOwner(tx, campaignId, userId, null);
    await tx.delete(campaignMembers).where(eq(campaignMembers.id, member.id));
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action,
      subjectType: "user",
      subjectId: userId,
      details: { role: member.role },
      tx,
    });
  });
}

export async function removeMember({
  actor,
  campaignId,
  userId,
}: {
  actor: Actor;
  campaignId: number;
  userId: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "members.manage" });
  await dropMember({ actor, campaignId, userId, action: "member.remove" });
}

/** Any member may leave, except the last owner. */
export async function leaveCampaign({ actor, campaignId }: { actor: Actor; campaignId: number }) {
  await assertCampaignPermission({ actor, campaignId, permission: "campaign.view" });
  await dropMember({ actor, campaignId, userId: actor!.userId, action: "member.leave" });
}
