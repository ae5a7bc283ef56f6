import type { Locale } from "../../db/schema/states";
import common from "./common";
import delivery from "./delivery";
import integrations from "./integrations";
import organizer from "./organizer";
import packet from "./packet";
import signer from "./signer";

export const messages = { common, signer, organizer, delivery, packet, integrations };
export type Namespace = keyof typeof messages;
export type Messages<N extends Namespace> = (typeof messages)[N]["en"];

export function getMessages<N extends Namespace>(ns: N, locale: Locale): Messages<N> {
  return messages[ns][locale] as Messages<N>;
}
