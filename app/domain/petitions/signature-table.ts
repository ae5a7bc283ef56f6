// Shapes and choices of the organizers' signatures table, shared by server and browser.
import type { SignatureState } from "../../../db/schema/states";

export const SORT_KEYS = ["created", "lastName", "city"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
export const PAGE_SIZES = [25, 50, 100] as const;

/**
 * One row of the table. Owners and organizers receive every field; other roles (a packet view)
 * receive only id, the printed name (`named` false = "Anonymous"), city, region, status and dates —
 * the optional fields are then absent from the page's data, not just hidden.
 */
export type SignatureRow = {
  id: number;
  firstName: string;
  lastName: string;
  /** False when the signer asked not to be named (packet views show "Anonymous"). */
  named: boolean;
  /** Present only for roles allowed to see contact data. */
  email?: string;
  city: string;
  region: string;
  postalCode?: string;
  status: SignatureState;
  createdAt: string;
  verifiedAt: string | null;
  comment?: string | null;
  commentHidden?: boolean;
  showPublicly?: boolean;
  printName?: boolean;
  keepUpdated?: boolean;
  invalidatedReason?: string | null;
};
