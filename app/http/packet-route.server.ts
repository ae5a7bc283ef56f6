// Shared by the packet routes: who is asking, in which language, and domain errors as HTTP answers.
import { getMessages } from "~/locales";
import { ForbiddenError } from "~/domain/team/authorization.server";
import { PacketNotFoundError } from "~/domain/packets/packet-not-found";
import { forbidden, notFound, requireUser } from "./auth.server";
import { resolveLocale } from "~/lib/i18n";

export async function packetContext(request: Request) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  return { user, actor: { userId: user.id }, locale, t: getMessages("packet", locale) };
}

/** Runs a domain call: ForbiddenError → 403, PacketNotFoundError → 404. */
export async function orHttp<T>(promise: Promise<T>, forbiddenMessage?: string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ForbiddenError) throw forbidden(forbiddenMessage ?? error.message);
    if (error instanceof PacketNotFoundError) throw notFound(error.message);
    throw error;
  }
}
