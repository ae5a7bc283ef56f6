// Who may do what in a campaign. Every domain function that acts for a user calls
// assertCampaignPermission (or assertEventPermission, assertPetitionPermission) itself, so a route
// cannot forget; loaders hand pages the same answers as campaignAbilities and eventAbilities.
import { and, eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { campaignMembers, deliveryEvents, eventCoordinators, petitions } from "#db/schema";
import { DONE_EVENT_STATES, type CampaignRole, type EventState } from "#db/schema/states";
import {
  isOpenEvent,
  nextStates,
  permissionForTransition,
} from "~/domain/deliveries/delivery-event";

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

/** The roles a permission is granted to, for queries that look for such members (e.g. planners). */
export function rolesWith(permission: Permission): CampaignRole[] {
  return [...PERMISSIONS[permission]];
}

/**
 * What a member may do in a campaign, by name, for loaders to hand to pages: a page shows a button
 * when its flag is set and never re-derives it from the role (the domain checks again on submit).
 */
export function campaignAbilities(role: CampaignRole | null | undefined) {
  return {
    updateCampaign: roleAllows(role, "campaign.update"),
    manageMembers: roleAllows(role, "members.manage"),
    viewAudit: roleAllows(role, "audit.view"),
    manageIntegrations: roleAllows(role, "integrations.manage"),
    viewRetention: roleAllows(role, "retention.view"),
    manageRetention: roleAllows(role, "retention.manage"),
    managePetitions: roleAllows(role, "petition.manage"),
    viewContacts: roleAllows(role, "signatures.viewContact"),
    moderateSignatures: roleAllows(role, "signatures.moderate"),
    exportSignatures: roleAllows(role, "signatures.export"),
    exportDeliverySignatures: roleAllows(role, "signatures.exportDelivery"),
    recordPaper: roleAllows(role, "paper.record"),
    manageOffices: roleAllows(role, "office.manage"),
    planDeliveries: roleAllows(role, "event.manage"),
    buildPackets: roleAllows(role, "packet.build"),
  };
}
export type CampaignAbilities = ReturnType<typeof campaignAbilities>;

// The done states are reached through their own forms (the coordinator's report, the
// acknowledgement), never through a bare status button.
const MOVES_BY_FORM: readonly EventState[] = DONE_EVENT_STATES;

/**
 * What a member may do on one delivery event as it stands now. A coordinator holds the
 * event-scoped permissions only on the events assigned to them (as in assertEventPermission).
 * `moves` are the status buttons: the next states of the machine this member may make, with
 * packet_ready offered only once a packet is built (building one moves the event itself).
 */
export function eventAbilities({
  role,
  isEventCoordinator,
  status,
  hasReadyPacket,
}: {
  role: CampaignRole | null | undefined;
  isEventCoordinator: boolean;
  status: EventState;
  hasReadyPacket: boolean;
}) {
  const holds = (permission: Permission) =>
    roleAllows(role, permission) &&
    (role !== "coordinator" ||
      !EVENT_SCOPED_FOR_COORDINATORS.includes(permission) ||
      isEventCoordinator);
  const manage = holds("event.manage");
  const report = holds("event.report");
  const open = isOpenEvent(status);
  return {
    manage,
    report,
    moves: nextStates(status).filter(
      (to) =>
        !MOVES_BY_FORM.includes(to) &&
        (to !== "packet_ready" || hasReadyPacket) &&
        holds(permissionForTransition(to)),
    ),
    reschedule: manage && open,
    assignCoordinators: manage && open,
    reportDelivery: report && status === "packet_ready",
    acknowledge: report && status === "delivered",
    seeAttendees: holds("event.attendees"),
  };
}
export type EventAbilities = ReturnType<typeof eventAbilities>;

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

/**
 * For petition-level actions: the permission in the petition's campaign. A petition that does not
 * exist is refused like one of another campaign, so ids cannot be probed. Returns its campaign and
 * the role.
 */
export async function assertPetitionPermission({
  actor,
  petitionId,
  permission,
  tx = db,
}: {
  actor: Actor;
  petitionId: number;
  permission: Permission;
  tx?: DbOrTx;
}): Promise<{ campaignId: number; role: CampaignRole }> {
  const [petition] = await tx
    .select({ campaignId: petitions.campaignId })
    .from(petitions)
    .where(eq(petitions.id, petitionId));
  if (!petition) throw new ForbiddenError(permission, "No such petition");
  const role = await assertCampaignPermission({
    actor,
    campaignId: petition.campaignId,
    permission,
    tx,
  });
  return { campaignId: petition.campaignId, role };
}
