// The one rule for "does this petition take signatures now", shared by the sign path, the public
// page and the embed. Pure, so the browser may use it too.
import { SIGNABLE_STATES } from "../../../db/schema/states";

const signable: readonly string[] = SIGNABLE_STATES;

/** Open while its state is a signable one and its end date, if any, has not come. */
export const isOpenForSigning = (
  petition: { status: string; endsAt: Date | null },
  now = new Date(),
) => signable.includes(petition.status) && (!petition.endsAt || petition.endsAt > now);
