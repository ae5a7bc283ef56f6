// Who may do what in a campaign. Every domain function that acts for a user calls
// assertCampaignPermission (or assertEventPermission) itself, so a route cannot forget.
import { and, eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { campaignMembers, deliveryEvents, eventCoordinators } from "#db/schema";
import type { CampaignRole } from "#db/schema/states";

export const PERMISSIONS = {
  "campaign.view": ["owner", "organizer", "coordinator", "viewer"],
  "campaign.update": ["owner"],
  "campaign.delete": ["owner"],
  "members.manage": ["owner"],
  "audit.view": ["owner"],
  // API tokens and webhook endpoints (docs/decisions/022-osdi-api.md).
  "integrations.manage": ["owner"],
  // The campaign's retention schedule (docs/decisions/028-retention.md).
  "retention.view": ["owner", "organizer"],
  "retention.manage": ["owner"],
  "petition.view": ["owner", "organizer", "coordinator", "viewer"],
  "petition.manage": ["owner", "organizer"],
  "signatures.view": ["owner", "organizer", "coordinator", "viewer"],
  "signatures.viewContact": ["owner", "organizer"],
  "signatures.moderate": ["owner", "organizer"],
  "signatures.export": ["owner", "organizer"],
  "signatures.exportDelivery": ["owner", "organizer", "coordinator"],
  "paper.record": ["owner", "organizer"],
  "office.view": ["owner", "organizer", "coordinator", "viewer"],
  "office.manage": ["owner", "organizer"],
  "event.view": ["owner", "organizer", "coordinator", "viewer"],
  "event.manage": ["owner", "organizer"],
  // Coordinators hold these only for the events assigned to them (see assertEventPermission).
  "event.report": ["owner", "organizer", "coordinator"],
  "event.checkin": ["owner", "organizer", "coordinator"],
  "event.attendees": ["owner", "organizer", "coordinator"],
  "packet.build": ["owner", "organizer", "coordinator"],
  "packet.download": ["owner", "organizer", "coordinator"],
} as const satisfies Record<string, readonly CampaignRole[]>;

export type Permission = keyof typeof PERMISSIONS;
export const EVENT_SCOPED_FOR_COORDINATORS: readonly Permission[] = [
  "event.report",
  "event.checkin",
  "event.attendees",
  "packet.build",
  "packet.download",
];

/** The acting user; `null` for a stranger (not logged in). */
export type Actor = { userId: number } | null;

export class ForbiddenError extends Error {
  name = "ForbiddenError";
  status = 403;
  constructor(
    public permission: string,
    message = `Not allowed: ${permission}`,
  ) {
    super(message);
  }
}

export function roleAllows(role: CampaignRole | null | undefined, permission: Permission) {
  return !!role && (PERMISSIONS[permission] as readonly string[]).includes(role);
}

export async function getCampaignRole({
  userId,
  campaignId,
  tx = db,
}: {
  userId: number;
  campaignId: number;
  tx?: DbOrTx;
}): Promise<CampaignRole | null> {
  const [member] = await tx
    .select({ role: campaignMembers.role })
    .from(campaignMembers)
    .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.userId, userId)));
  return member?.role ?? null;
}

/** Throws ForbiddenError unless the actor's role in the campaign grants the permission. Returns the role. */
export async function assertCampaignPermission({
  actor,
  campaignId,
  permission,
  tx,
}: {
  actor: Actor;
  campaignId: number;
  permission: Permission;
  tx?: DbOrTx;
}): Promise<CampaignRole> {
  if (!actor) throw new ForbiddenError(permission, "Log in first");
  const role = await getCampaignRole({ userId: actor.userId, campaignId, tx });
  if (!roleAllows(role, permission)) throw new ForbiddenError(permission);
  return role!;
}

export async function isEventCoordinator({
  userId,
  eventId,
  tx = db,
}: {
  userId: number;
  eventId: number;
  tx?: DbOrTx;
}) {
  const [row] = await tx
    .select({ userId: eventCoordinators.userId })
    .from(eventCoordinators)
    .where(and(eq(eventCoordinators.eventId, eventId), eq(eventCoordinators.userId, userId)));
  return !!row;
}

/**
 * For event-level actions: owners and organizers may act on any event of their campaign;
 * coordinators only on the events they are assigned to. Returns the event's campaign and role.
 */
export async function assertEventPermission({
  actor,
  eventId,
  permission,
  tx = db,
}: {
  actor: Actor;
  eventId: number;
  permission: Permission;
  tx?: DbOrTx;
}): Promise<{ campaignId: number; role: CampaignRole }> {
  const [event] = await tx
    .select({ campaignId: deliveryEvents.campaignId })
    .from(deliveryEvents)
    .where(eq(deliveryEvents.id, eventId));
  if (!event) throw new ForbiddenError(permission, "No such event");
  const role = await assertCampaignPermission({
    actor,
    campaignId: event.campaignId,
    permission,
    tx,
  });
  if (role === "coordinator" && EVENT_SCOPED_FOR_COORDINATORS.includes(permission)) {
    if (!(await isEventCoordinator({ userId: actor!.userId, eventId, tx }))) {
      throw new ForbiddenError(permission, "Only the event's coordinators may do this");
    }
  }
  return { campaignId: event.campaignId, role };
}
