import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { jobs } from "#db/schema";
import { reconcileCount } from "~/models/petition-count.server";
import {
  expirePendingSignatures,
  sendConfirmationEmails,
  sendThankYouEmail,
} from "~/models/signature.server";
import type { JobHandlers } from "./types";

// Job handlers for the signer side. Keys are job kinds.
export const signerHandlers: JobHandlers = {
  async "signature.send-confirmations"(job) {
    const items = (job.payload.items ?? []) as { id: number; token: string }[];
    await sendConfirmationEmails({ items });
    // The raw tokens now live only in the queued emails; don't keep a second copy.
    await db
      .update(jobs)
      .set({ payload: { sent: items.length } })
      .where(eq(jobs.id, job.id));
  },
  async "signature.send-thank-you"(job) {
    await sendThankYouEmail({ signatureId: Number(job.payload.signatureId) });
  },
  async "signature.expire-pending"() {
    await expirePendingSignatures();
  },
  async "petition.reconcile-count"(job) {
    await reconcileCount({ petitionId: Number(job.payload.petitionId) });
  },
};
