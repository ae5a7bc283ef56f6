// The delivery event status machine. Pure data: safe to import in the browser (the event page
// shows only the moves the machine allows).
import { EVENT_STATES, OPEN_EVENT_STATES, type EventState } from "#db/schema/states";

export { EVENT_STATES, type EventState };

/**
 * Where each state may go next. The main line is planned → confirmed → packet_ready → delivered →
 * acknowledged; postponed and cancelled are side exits. A postponed event comes back as planned or
 * confirmed (never straight to packet_ready: a new date means the packet's count must be rebuilt).
 * Cancelled and acknowledged are final; delivered can only be acknowledged (a delivery happened).
 */
export const EVENT_TRANSITIONS = {
  planned: ["confirmed", "postponed", "cancelled"],
  confirmed: ["packet_ready", "postponed", "cancelled"],
  packet_ready: ["delivered", "postponed", "cancelled"],
  delivered: ["acknowledged"],
  acknowledged: [],
  postponed: ["planned", "confirmed", "cancelled"],
  cancelled: [],
} as const satisfies Record<EventState, readonly EventState[]>;

export function canTransition(from: EventState, to: EventState): boolean {
  return (EVENT_TRANSITIONS[from] as readonly EventState[]).includes(to);
}

export function nextStates(from: EventState): readonly EventState[] {
  return EVENT_TRANSITIONS[from];
}

/** Still ahead of the team: not delivered, acknowledged or cancelled. */
export function isOpenEvent(status: string): boolean {
  return (OPEN_EVENT_STATES as readonly string[]).includes(status);
}

/**
 * Milestones a coordinator reaches on the ground (with the "event.report" permission, for their
 * own events); every other move is planning and needs "event.manage".
 */
export const REPORTED_STATES = [
  "packet_ready",
  "delivered",
  "acknowledged",
] as const satisfies readonly EventState[];

export function permissionForTransition(to: EventState): "event.report" | "event.manage" {
  return (REPORTED_STATES as readonly EventState[]).includes(to) ? "event.report" : "event.manage";
}

/** The `*_at` column on delivery_events stamped when an event enters each state. */
export const STATE_TIMESTAMP = {
  planned: "plannedAt",
  confirmed: "confirmedAt",
  packet_ready: "packetReadyAt",
  delivered: "deliveredAt",
  acknowledged: "acknowledgedAt",
  postponed: "postponedAt",
  cancelled: "cancelledAt",
} as const satisfies Record<EventState, string>;
