import { reconcileCount } from "~/domain/petitions/petition-count.server";
import { expirePendingSignatures } from "~/domain/signing/sign-housekeeping.server";
import { sendConfirmationEmails, sendThankYouEmail } from "~/domain/signing/signer-emails.server";
import type { Job } from "#db/schema";
import { finishJobs } from "~/jobs/queue.server";
import type { JobHandlers } from "./types";

export const SEND_CONFIRMATIONS = "signature.send-confirmations";

/**
 * Many sign batches' confirmation jobs at once: one read of their signatures, one outbox insert,
 * one update marking them done. A crowd signing thousands a second makes a job per batch; taken
 * one at a time they fell minutes behind. The raw tokens then live only in the queued emails.
 */
export async function sendConfirmationBatches(claimed: Job[]) {
  const items = claimed.flatMap(
    (job) => (job.payload.items ?? []) as { id: number; token: string }[],
  );
  await sendConfirmationEmails({ items });
  await finishJobs(
    claimed.map((j) => j.id),
    { sent: items.length },
  );
}

// Job handlers for the signer side. Keys are job kinds.
export const signerHandlers: JobHandlers = {
  async [SEND_CONFIRMATIONS](job) {
    await sendConfirmationBatches([job]);
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
