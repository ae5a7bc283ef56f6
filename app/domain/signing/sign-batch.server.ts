// The sign path's group commit: signatures arriving together share one statement that checks each
// client's rate limit, inserts the accepted rows and queues one confirmation-mail job for all of
// them. See docs/decisions/007-sign-path.md.
import { and, inArray, sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import { signatures, type NewSignature } from "#db/schema";
import { limitMax } from "~/domain/limits/rate-limit.server";
import { jobInsertCte } from "~/jobs/queue.server";
import { createGroupCommit } from "~/lib/group-commit.server";
import { errorKind } from "~/lib/log.server";
import { scheduleHousekeeping } from "./sign-housekeeping.server";
import { batchConcurrency, SIGN_LIMIT } from "./sign-settings.server";

const MAX_BATCH = 250;

type BatchItem = {
  row: NewSignature & { confirmTokenHash: string };
  /** The confirmation link's token, carried to the mail job (only its hash is stored). */
  token: string;
  /** The client's SIGN_LIMIT counter (limitKey), counted in the statement itself. */
  rateKey: string;
};
type BatchOutcome =
  { kind: "inserted"; id: number } | { kind: "duplicate"; id: number } | { kind: "rate_limited" };

/**
 * Why a signature could not be saved, without the statement, its parameters or any row: those
 * hold names, emails, postal codes and confirmation tokens, and error logs are public.
 */
export class SignUnavailableError extends Error {
  constructor(readonly kind: string) {
    super(`sign batch failed (${kind})`);
    this.name = "SignUnavailableError";
  }
}

// SIGN_BATCH_DEBUG=1 prints batch sizes and times every few seconds (for tuning with npm run bench).
const debugBatches = process.env.SIGN_BATCH_DEBUG === "1";
const stats = { batches: 0, rows: 0, ms: 0, since: Date.now() };
function noteBatch(size: number, ms: number) {
  stats.batches++;
  stats.rows += size;
  stats.ms += ms;
  if (Date.now() - stats.since > 3_000) {
    console.log(
      `sign batches: ${stats.batches}, avg ${(stats.rows / stats.batches).toFixed(1)} rows, avg ${(stats.ms / stats.batches).toFixed(1)} ms`,
    );
    Object.assign(stats, { batches: 0, rows: 0, ms: 0, since: Date.now() });
  }
}

const batches = createGroupCommit<BatchItem, BatchOutcome>({
  maxBatch: MAX_BATCH,
  maxInFlight: batchConcurrency,
  flush,
  onFailure: (error, size) =>
    console.error(`sign: a batch of ${size} failed (${errorKind(error)}); retrying in halves`),
  // One row the database refuses fails only its own request (log: kind only, never the row).
  rejectItem: (error) => {
    const kind = errorKind(error);
    console.error(`sign: one signature refused by the database (${kind})`);
    return new SignUnavailableError(kind);
  },
  onFlushed: debugBatches ? noteBatch : undefined,
});

/** Queues a signature for the next batch; resolves with its outcome once the batch commits. */
export const submitSignature = (item: BatchItem) => batches.submit(item);

/** Graceful shutdown: resolves once every queued and running sign batch has committed or failed. */
export const drainSignBatches = () => batches.drain();

/**
 * One statement per batch (atomic on its own, so no BEGIN/COMMIT round trips): count the batch's
 * hits against each client's SIGN_LIMIT (the same upsert as takeLimit, for many keys at once), insert the accepted rows (a unique (petition, canonical email)
 * turns duplicates into no-ops), and queue one mail job carrying the fresh tokens.
 */
async function flush(batch: BatchItem[]): Promise<BatchOutcome[]> {
  const nthByKey = new Map<string, number>();
  const input = batch.map((item, ord) => {
    const nth = (nthByKey.get(item.rateKey) ?? 0) + 1;
    nthByKey.set(item.rateKey, nth);
    const r = item.row;
    return {
      ord,
      nth,
      rate_key: item.rateKey,
      token: item.token,
      petition_id: r.petitionId,
      first_name: r.firstName,
      last_name: r.lastName,
      email: r.email,
      email_canonical: r.emailCanonical,
      postal_code: r.postalCode,
      city: r.city,
      region: r.region,
      country: r.country,
      comment: r.comment,
      show_publicly: r.showPublicly,
      show_in_recent: r.showInRecent,
      print_name: r.printName,
      keep_updated: r.keepUpdated,
      locale: r.locale,
      confirm_token_hash: r.confirmTokenHash,
      confirm_expires_at: (r.confirmExpiresAt as Date).toISOString(),
      source: r.source ?? null,
    };
  });
  const result = await rows<{ ord: number; accepted: boolean; id: number | null }>(
    db,
    sql`with input as (
          select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
            ord int, nth int, rate_key text, token text, petition_id int, first_name text, last_name text,
            email text, email_canonical text, postal_code text, city text, region text, country text,
            comment text, show_publicly boolean, show_in_recent boolean, print_name boolean,
            keep_updated boolean, locale text, confirm_token_hash text, confirm_expires_at timestamptz,
            source text)
        ),
        hits as (select rate_key as key, count(*)::int as n from input group by rate_key),
        rl as (
          insert into rate_limits as r (key, window_start, hits)
          select key, now(), n from hits order by key
          on conflict (key) do update set
            hits = case when r.window_start > now() - make_interval(secs => ${SIGN_LIMIT.windowSeconds}::int)
                        then r.hits + excluded.hits else excluded.hits end,
            window_start = case when r.window_start > now() - make_interval(secs => ${SIGN_LIMIT.windowSeconds}::int)
                        then r.window_start else now() end
          returning r.key, r.hits
        ),
        accepted as (
          select i.* from input i join rl on rl.key = i.rate_key join hits h on h.key = i.rate_key
          where rl.hits - h.n + i.nth <= ${limitMax(SIGN_LIMIT)}::int
        ),
        ins as (
          insert into signatures (petition_id, first_name, last_name, email, email_canonical, postal_code, city,
            region, country, comment, show_publicly, show_in_recent, print_name, keep_updated, locale,
            confirm_token_hash, confirm_expires_at, source)
          select petition_id, first_name, last_name, email, email_canonical, postal_code, city, region, country,
            comment, show_publicly, show_in_recent, print_name, keep_updated, locale::locale,
            confirm_token_hash, confirm_expires_at, source
          from accepted order by petition_id, email_canonical
          on conflict (petition_id, email_canonical) do nothing
          returning id, confirm_token_hash
        ),
        mail as (${jobInsertCte({
          kind: "signature.send-confirmations",
          payloadSql: sql`jsonb_build_object('items', jsonb_agg(jsonb_build_object('id', ins.id, 'token', a.token)))`,
          fromSql: sql`from ins join accepted a on a.confirm_token_hash = ins.confirm_token_hash
          having count(*) > 0`,
        })})
        select i.ord, (a.ord is not null) as accepted, ins.id
        from input i
        left join accepted a on a.ord = i.ord
        left join ins on ins.confirm_token_hash = i.confirm_token_hash
        order by i.ord`,
  );

  const outcomes: BatchOutcome[] = new Array(batch.length);
  const missing: { i: number; petitionId: number; emailCanonical: string }[] = [];
  for (const r of result) {
    const i = Number(r.ord);
    if (!r.accepted) outcomes[i] = { kind: "rate_limited" };
    else if (r.id !== null) outcomes[i] = { kind: "inserted", id: Number(r.id) };
    else
      missing.push({
        i,
        petitionId: batch[i]!.row.petitionId,
        emailCanonical: batch[i]!.row.emailCanonical,
      });
  }
  if (missing.length) {
    const existing = await db
      .select({
        id: signatures.id,
        petitionId: signatures.petitionId,
        emailCanonical: signatures.emailCanonical,
      })
      .from(signatures)
      .where(
        and(
          inArray(signatures.petitionId, [...new Set(missing.map((m) => m.petitionId))]),
          inArray(
            signatures.emailCanonical,
            missing.map((m) => m.emailCanonical),
          ),
        ),
      );
    for (const m of missing) {
      const row = existing.find(
        (e) => e.petitionId === m.petitionId && e.emailCanonical === m.emailCanonical,
      );
      outcomes[m.i] = { kind: "duplicate", id: row?.id ?? 0 };
    }
  }
  const signed = new Set(
    batch.filter((_, i) => outcomes[i]?.kind === "inserted").map((item) => item.row.petitionId),
  );
  if (signed.size) scheduleHousekeeping([...signed]);
  return outcomes;
}
