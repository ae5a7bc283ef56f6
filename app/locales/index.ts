import type { Locale } from "../../db/schema/states";
import common from "./common";
import delivery from "./delivery";
import office from "./office";
import integrations from "./integrations";
import organizer from "./organizer";
import packet from "./packet";
import privacy from "./privacy";
import signer from "./signer";

export const messages = {
  common,
  signer,
  organizer,
  delivery,
  packet,
  office,
  privacy,
  integrations,
};
export type Namespace = keyof typeof messages;
export type Messages<N extends Namespace> = (typeof messages)[N]["en"];

export function getMessages<N extends Namespace>(ns: N, locale: Locale): Messages<N> {
  return messages[ns][locale] as Messages<N>;
}
