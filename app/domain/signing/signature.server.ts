// Signing, confirming and unsubscribing. The hot path (signPetition) goes through a group-commit
// batcher: requests arriving together share one transaction and one multi-row INSERT, and the
// confirmation emails are queued as one job per batch rather than rendered inline.
// See docs/decisions/007-sign-path.md and 003-counting.md.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { db, dbKind, rows, type DbOrTx } from "#db/client";
import { petitions, petitionTexts, signatures, type NewSignature } from "#db/schema";
import type { Locale } from "#db/schema/states";
import confirmationEmail, { type SignatureConfirmationProps } from "#emails/signature-confirmation";
import alreadySignedEmail from "#emails/signature-already-signed";
import thankYouEmail from "#emails/signature-thank-you";
import { lookupUsZip } from "~/data/us-zip";
import { enqueueEmail, enqueueEmails, type EnqueueEmailInput } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import { pickText } from "~/domain/petitions/petition.server";
import { getVerifiedCount, verifiedCountCtes } from "~/domain/petitions/petition-count.server";
import { webhookEventCtes } from "~/domain/integrations/webhook.server";
import type { SignInput } from "./signature";
import { keyedHash, randomToken, sha256 } from "~/lib/crypto.server";
import { normalizeSource } from "~/lib/source-code";
import { clientHash } from "~/domain/limits/client-limit.server";
import { env } from "~/lib/env.server";
import { takeHit } from "~/domain/limits/rate-limit.server";
import { createGroupCommit } from "~/lib/group-commit.server";
import { errorKind } from "~/lib/log.server";

// ---------------------------------------------------------------- settings

const numberFromEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && process.env[name] !== "" && process.env[name] !== undefined
    ? n
    : fallback;
};
/** A human needs a few seconds to fill in the form; bots post at once. */
export const minFillMs = () => numberFromEnv("SIGN_MIN_FILL_MS", 2_000);
/** Signatures per IP address per petition per window. Generous: a rally may share one Wi-Fi. */
// Mobile carriers put many phones behind one address (CGNAT), so the default is generous.
export const rateLimitPerWindow = () => numberFromEnv("SIGN_RATE_LIMIT", 50);
const RATE_WINDOW_MINUTES = 10;
const MAX_BATCH = 250;

// ---------------------------------------------------------------- canonical email

// Providers that ignore dots in the local part, and providers that ignore a +tag.
const DOT_BLIND = new Set(["gmail.com", "googlemail.com"]);
const PLUS_TAGS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "protonmail.com",
  "proton.me",
  "pm.me",
  "fastmail.com",
  "yahoo.com",
]);

/** The address as its provider delivers it: lower-case, dots and +tags folded where they're ignored. */
export function canonicalEmail(email: string) {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  // Yahoo's disposable addresses use "-", not "+".
  if (PLUS_TAGS.has(domain)) local = local.split(domain === "yahoo.com" ? "-" : "+")[0]!;
  if (DOT_BLIND.has(domain)) local = local.replaceAll(".", "");
  return `${local}@${domain}`;
}

// ---------------------------------------------------------------- signed references

const mac = (purpose: string, id: number, length = 22) =>
  keyedHash(`${purpose}:${id}`).slice(0, length);

/** The thank-you page's reference to a signature: lets its holder ask for a resend, nothing else. */
export const signatureRef = (id: number) => `${id}.${mac("signature-ref", id, 16)}`;
export const unsubscribeToken = (id: number) => `s${id}.${mac("unsubscribe-signature", id)}`;

function readSigned(
  value: string | null | undefined,
  purpose: string,
  length: number,
  prefix = "",
) {
  const m = new RegExp(`^${prefix}(\\d{1,15})\\.([A-Za-z0-9_-]+)$`).exec(value ?? "");
  if (!m) return null;
  const id = Number(m[1]);
  return m[2] === mac(purpose, id, length) ? id : null;
}
export const readSignatureRef = (ref: string | null | undefined) =>
  readSigned(ref, "signature-ref", 16);
export const readUnsubscribeToken = (token: string | null | undefined) =>
  readSigned(token, "unsubscribe-signature", 22, "s");

/** A form's start time, signed so a bot can't claim it waited. */
export const formStartToken = (now = Date.now()) =>
  `${now}.${keyedHash(`form-start:${now}`).slice(0, 16)}`;
/** The signed start time of a form-start token, or null if it is not one of ours. */
export function formStartedAt(token: string | undefined) {
  const m = /^(\d{10,16})\.([A-Za-z0-9_-]{16})$/.exec(token ?? "");
  if (!m || keyedHash(`form-start:${m[1]}`).slice(0, 16) !== m[2]) return null;
  return Number(m[1]);
}
/**
 * How long a form-start token is good for (SIGN_FORM_MAX_AGE_MS, default 3 hours): long enough for
 * a signer who leaves the tab open over lunch, short enough that one harvested token cannot feed a
 * bot for a day. An expired token gets "press Sign again" with a fresh one, never a lost form.
 */
export const formMaxAgeMs = () => numberFromEnv("SIGN_FORM_MAX_AGE_MS", 3 * 3_600_000);
/** Whether a form-start token is usable now: "ok", "too_fast", "expired" or "invalid". */
export function checkFormStart(token: string | undefined, now = Date.now()) {
  const started = formStartedAt(token);
  if (started === null || started > now + 60_000) return "invalid" as const;
  if (now - started > formMaxAgeMs()) return "expired" as const;
  if (now - started < minFillMs()) return "too_fast" as const;
  return "ok" as const;
}

// ---------------------------------------------------------------- urls

const appUrl = () => env().APP_URL;
export const petitionUrl = (slug: string, locale?: Locale) =>
  `${appUrl()}/p/${slug}${locale ? `?lang=${locale}` : ""}`;
export const confirmUrl = (token: string) => `${appUrl()}/confirm/${token}`;
export const unsubscribeUrl = (id: number) => `${appUrl()}/unsubscribe/${unsubscribeToken(id)}`;
export const confirmHours = () => env().SIGNATURE_CONFIRM_HOURS;

// ---------------------------------------------------------------- petitions on the hot path

type SignablePetition = {
  id: number;
  slug: string;
  status: string;
  endsAt: Date | null;
  country: string;
};
const petitionCache = new Map<string, { value: SignablePetition | null; until: number }>();

/** A few seconds' cache: the sign path must not read the petition row on every request. */
async function signablePetition(slug: string): Promise<SignablePetition | null> {
  const hit = petitionCache.get(slug);
  if (hit && hit.until > Date.now()) return hit.value;
  const [p] = await db
    .select({
      id: petitions.id,
      slug: petitions.slug,
      status: petitions.status,
      endsAt: petitions.endsAt,
      country: petitions.country,
    })
    .from(petitions)
    .where(eq(petitions.slug, slug));
  petitionCache.set(slug, { value: p ?? null, until: Date.now() + 5_000 });
  return p ?? null;
}

/** Drops the sign path's petition cache (after an organizer changes a petition in the same process, and in tests). */
export function forgetSignablePetition(slug?: string) {
  if (slug) petitionCache.delete(slug);
  else petitionCache.clear();
}

export const isOpenForSigning = (p: { status: string; endsAt: Date | null }, now = new Date()) =>
  p.status === "published" && (!p.endsAt || p.endsAt > now);

// ---------------------------------------------------------------- group commit

type BatchItem = {
  row: NewSignature & { confirmTokenHash: string };
  token: string;
  rateKey: string;
  resolve: (outcome: BatchOutcome) => void;
  reject: (error: unknown) => void;
};
type BatchOutcome =
  { kind: "inserted"; id: number } | { kind: "duplicate"; id: number } | { kind: "rate_limited" };

const queue: BatchItem[] = [];
let inFlight = 0;
// PGlite runs one transaction at a time; on Postgres a few batches overlap to use the pool.
const maxInFlight = () => (dbKind() === "pglite" ? 1 : numberFromEnv("SIGN_BATCH_CONCURRENCY", 4));

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

function submit(item: Omit<BatchItem, "resolve" | "reject">) {
  return new Promise<BatchOutcome>((resolve, reject) => {
    queue.push({ ...item, resolve, reject });
    pump();
  });
}

let pumpScheduled = false;

/** Graceful shutdown: resolves once every queued and running sign batch has committed or failed. */
export async function drainSignBatches() {
  while (queue.length > 0 || inFlight > 0) await new Promise((r) => setTimeout(r, 10));
}

// Waits one turn of the event loop (setImmediate) so requests parsed together share a batch,
// then starts as many batches as free slots allow.
function pump() {
  if (pumpScheduled || queue.length === 0 || inFlight >= maxInFlight()) return;
  pumpScheduled = true;
  setImmediate(() => {
    pumpScheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight()) start(queue.splice(0, MAX_BATCH));
  });
}

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

function start(batch: BatchItem[]) {
  inFlight++;
  const t0 = performance.now();
  flushIsolated(batch)
    .then(() => {
      if (debugBatches) noteBatch(batch.length, performance.now() - t0);
    })
    .finally(() => {
      inFlight--;
      pump();
    });
}

/**
 * Flushes a batch; if its statement fails, splits it in halves and retries each, so one row the
 * database refuses fails only its own request, never its neighbours (log: kind and size only).
 */
async function flushIsolated(batch: BatchItem[]): Promise<void> {
  try {
    const outcomes = await flush(batch);
    batch.forEach((item, i) => item.resolve(outcomes[i]!));
  } catch (error) {
    const kind = errorKind(error);
    if (batch.length === 1) {
      console.error(`sign: one signature refused by the database (${kind})`);
      batch[0]!.reject(new SignUnavailableError(kind));
      return;
    }
    console.error(`sign: a batch of ${batch.length} failed (${kind}); retrying in halves`);
    const half = Math.ceil(batch.length / 2);
    await flushIsolated(batch.slice(0, half));
    await flushIsolated(batch.slice(half));
  }
}

/**
 * One statement per batch (atomic on its own, so no BEGIN/COMMIT round trips): count the batch's
 * hits against each IP's limit, insert the accepted rows (a unique (petition, canonical email)
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
            hits = case when r.window_start > now() - make_interval(mins => ${RATE_WINDOW_MINUTES}::int)
                        then r.hits + excluded.hits else excluded.hits end,
            window_start = case when r.window_start > now() - make_interval(mins => ${RATE_WINDOW_MINUTES}::int)
                        then r.window_start else now() end
          returning r.key, r.hits
        ),
        accepted as (
          select i.* from input i join rl on rl.key = i.rate_key join hits h on h.key = i.rate_key
          where rl.hits - h.n + i.nth <= ${rateLimitPerWindow()}::int
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
        mail as (
          insert into jobs (kind, payload)
          select 'signature.send-confirmations', jsonb_build_object('items', jsonb_agg(jsonb_build_object('id', ins.id, 'token', a.token)))
          from ins join accepted a on a.confirm_token_hash = ins.confirm_token_hash
          having count(*) > 0
          returning id
        )
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

const scheduled = new Set<string>();

/**
 * Periodic jobs, enqueued idempotently by time bucket from the write path (there is no cron).
 * Remembered per process so the hot path asks the database about once per bucket, not per batch.
 */
function scheduleHousekeeping(petitionIds: number[]) {
  const hour = Math.floor(Date.now() / 3_600_000);
  const tenMinutes = Math.floor(Date.now() / 600_000);
  const wanted = [
    {
      dedupeKey: `expire-pending:${hour}`,
      kind: "signature.expire-pending",
      payload: {},
      runAt: new Date((hour + 1) * 3_600_000),
    },
    ...petitionIds.map((petitionId) => ({
      dedupeKey: `reconcile-count:${petitionId}:${tenMinutes}`,
      kind: "petition.reconcile-count",
      payload: { petitionId },
      runAt: new Date((tenMinutes + 1) * 600_000),
    })),
  ].filter((job) => !scheduled.has(job.dedupeKey));
  if (scheduled.size > 10_000) scheduled.clear();
  for (const job of wanted) {
    scheduled.add(job.dedupeKey);
    enqueueJob(job).catch(() => scheduled.delete(job.dedupeKey));
  }
}

// ---------------------------------------------------------------- signing

export type SignResult =
  | { status: "signed"; signatureId: number; ref: string }
  | { status: "duplicate"; signatureId: number; ref: string }
  | { status: "ignored" }
  | { status: "too_fast" }
  | { status: "expired_form" }
  | { status: "rate_limited" }
  | { status: "closed" }
  | { status: "not_found" }
  | { status: "invalid"; fieldErrors: Record<string, string[]> };

/**
 * Records a pending signature (or recognises a second one). `input` is already parsed with the
 * shared schema; `zipMessages` localise the server-only ZIP check.
 */
export async function signPetition({
  slug,
  input,
  ip,
  locale,
  zipUnknownMessage,
  now = Date.now(),
}: {
  slug: string;
  input: SignInput;
  ip: string;
  locale: Locale;
  zipUnknownMessage: string;
  now?: number;
}): Promise<SignResult> {
  const petition = await signablePetition(slug);
  if (!petition) return { status: "not_found" };
  if (!isOpenForSigning(petition, new Date(now))) return { status: "closed" };
  // Bots fill every field; people never see this one. Pretend success so the bot learns nothing.
  if (input.website) return { status: "ignored" };
  const start = checkFormStart(input.startedAt, now);
  if (start === "expired") return { status: "expired_form" };
  if (start !== "ok") return { status: "too_fast" };

  let city = input.city ?? "";
  let region = "";
  let postalCode = input.postalCode ?? "";
  if (input.country === "US") {
    const place = lookupUsZip(postalCode);
    if (!place || (!place.city && !city))
      return { status: "invalid", fieldErrors: { postalCode: [zipUnknownMessage] } };
    postalCode = postalCode.slice(0, 5);
    region = place.region;
    city = city || place.city!;
  }

  const token = randomToken(24);
  const display = input.display;
  // Today's client hash, for the rate limit only: nothing IP-derived is stored on the signature.
  const clientKey = await clientHash(ip);
  const outcome = await submit({
    token,
    rateKey: `sign:${petition.id}:${clientKey}`,
    row: {
      petitionId: petition.id,
      status: "pending",
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      emailCanonical: canonicalEmail(input.email),
      postalCode,
      city,
      region,
      country: input.country === "OTHER" ? "" : input.country,
      comment: input.comment || null,
      showPublicly: display === "name",
      showInRecent: display !== "none",
      printName: input.printName,
      keepUpdated: input.keepUpdated,
      locale,
      source: normalizeSource(input.source),
      confirmTokenHash: sha256(token),
      confirmExpiresAt: new Date(now + confirmHours() * 3_600_000),
    },
  });
  if (outcome.kind === "rate_limited") return { status: "rate_limited" };
  return {
    status: outcome.kind === "inserted" ? "signed" : "duplicate",
    signatureId: outcome.id,
    ref: signatureRef(outcome.id),
  };
}

// ---------------------------------------------------------------- emails

async function petitionTitle(petitionId: number, locale: Locale, tx: DbOrTx = db) {
  const texts = await tx
    .select()
    .from(petitionTexts)
    .where(eq(petitionTexts.petitionId, petitionId));
  const [p] = await tx
    .select({ slug: petitions.slug, defaultLocale: petitions.defaultLocale })
    .from(petitions)
    .where(eq(petitions.id, petitionId));
  return {
    title: pickText(texts, locale, p?.defaultLocale ?? "en")?.title ?? p?.slug ?? "",
    slug: p?.slug ?? "",
  };
}

/** Job: renders and queues the confirmation emails of one sign batch. */
export async function sendConfirmationEmails({
  items,
}: {
  items: { id: number; token: string }[];
}) {
  if (items.length === 0) return;
  const list = await db
    .select({
      id: signatures.id,
      petitionId: signatures.petitionId,
      firstName: signatures.firstName,
      email: signatures.email,
      locale: signatures.locale,
      status: signatures.status,
      confirmTokenHash: signatures.confirmTokenHash,
    })
    .from(signatures)
    .where(
      inArray(
        signatures.id,
        items.map((i) => i.id),
      ),
    );
  const byId = new Map(list.map((r) => [r.id, r]));
  const titles = new Map<string, string>();
  const due: EnqueueEmailInput<SignatureConfirmationProps>[] = [];
  for (const item of items) {
    const s = byId.get(item.id);
    // A newer token (resend) or a confirmation already made: this link would not work, skip it.
    if (!s || s.status !== "pending" || s.confirmTokenHash !== sha256(item.token)) continue;
    const key = `${s.petitionId}:${s.locale}`;
    if (!titles.has(key)) titles.set(key, (await petitionTitle(s.petitionId, s.locale)).title);
    due.push({
      template: confirmationEmail,
      to: s.email,
      locale: s.locale,
      dedupeKey: `signature-confirmation:${s.id}:${s.confirmTokenHash!.slice(0, 16)}`,
      unsubscribeUrl: unsubscribeUrl(s.id),
      props: {
        firstName: s.firstName,
        petitionTitle: titles.get(key)!,
        confirmUrl: confirmUrl(item.token),
        expiresHours: confirmHours(),
        unsubscribeUrl: unsubscribeUrl(s.id),
      },
    });
  }
  // One insert per few hundred signers: a crowd's confirmations reach the outbox in seconds.
  for (let i = 0; i < due.length; i += 500) await enqueueEmails(due.slice(i, i + 500));
}

// ---------------------------------------------------------------- confirmation

export type ConfirmState = "pending" | "verified" | "expired" | "invalid";

async function signatureByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [s] = await db
    .select({
      id: signatures.id,
      status: signatures.status,
      petitionId: signatures.petitionId,
      confirmExpiresAt: signatures.confirmExpiresAt,
      locale: signatures.locale,
    })
    .from(signatures)
    .where(eq(signatures.confirmTokenHash, sha256(token)));
  return s ?? null;
}

export type ConfirmLookup = {
  state: ConfirmState;
  petitionId: number | null;
  signatureLocale: Locale | null;
};

/** What a confirmation link stands for, in one read; nothing personal comes back. */
export async function lookupConfirmation({ token }: { token: string }): Promise<ConfirmLookup> {
  const s = await signatureByToken(token);
  if (!s) return { state: "invalid", petitionId: null, signatureLocale: null };
  const state: ConfirmState =
    s.status === "verified"
      ? "verified"
      : s.status === "pending" && s.confirmExpiresAt && s.confirmExpiresAt > new Date()
        ? "pending"
        : s.status === "pending" || s.status === "expired"
          ? "expired"
          : "invalid";
  return { state, petitionId: s.petitionId, signatureLocale: s.locale };
}

/**
 * What the confirmation page shows for a link. Never changes anything (scanners follow GETs).
 * `found`: a lookup already made (the shared render of the page passes one and no token).
 */
export async function describeConfirmation({
  token,
  locale,
  found,
}: {
  token: string;
  locale?: Locale;
  found?: ConfirmLookup;
}) {
  const f = found ?? (await lookupConfirmation({ token }));
  if (f.petitionId === null) return { ...f, petition: null };
  const petition = await petitionTitle(f.petitionId, locale ?? f.signatureLocale ?? "en");
  return { ...f, petition };
}

/** Confirms a pending signature (POST only). Counts it, thanks the signer, asks for a goal check. */
export async function confirmSignature({
  token,
}: {
  token: string;
}): Promise<{ state: ConfirmState; petitionId?: number; signatureId?: number }> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { state: "invalid" };
  const confirmed = await confirmations.submit(sha256(token));
  if (!confirmed) {
    const again = await lookupConfirmation({ token });
    return { state: again.state === "pending" ? "invalid" : again.state };
  }
  await askForGoalCheck(confirmed.petitionId);
  return { state: "verified", ...confirmed };
}

// Confirmations arriving together share one statement (group commit, as signing does): a crowd
// confirming at once would otherwise queue one by one on its petition's count row.
const confirmations = createGroupCommit<string, { petitionId: number; signatureId: number } | null>(
  {
    maxBatch: 200,
    maxInFlight: () => (dbKind() === "pglite" ? 1 : numberFromEnv("SIGN_BATCH_CONCURRENCY", 4)),
    onFailure: (error, size) =>
      console.error(`confirm: a batch of ${size} failed (${errorKind(error)}); retrying in halves`),
    flush: async (hashes) => {
      // One statement: the status changes, their count, the thank-you jobs and any webhook events
      // commit together or not at all.
      const done = await rows<{ id: number; petition_id: number; confirm_token_hash: string }>(
        db,
        sql`with wanted as (
            select distinct h as hash from jsonb_array_elements_text(${JSON.stringify(hashes)}::jsonb) as h
          ),
          confirmed as (
            update signatures s set status = 'verified', verified_at = now(), confirm_expires_at = null
            from wanted w
            where s.confirm_token_hash = w.hash and s.status = 'pending' and s.confirm_expires_at > now()
            returning s.id, s.petition_id, s.confirm_token_hash
          ),
          ${verifiedCountCtes(sql`confirmed`)},
          thank_you as (
            insert into jobs (kind, payload, dedupe_key)
            select 'signature.send-thank-you', jsonb_build_object('signatureId', id), 'signature-thank-you:' || id
            from confirmed
            on conflict (dedupe_key) do nothing
            returning id
          ),
          ${webhookEventCtes(
            "signature.verified",
            sql`(select c.id::text as event_key, p.campaign_id,
                        jsonb_build_object('signatureId', c.id, 'petitionId', c.petition_id) as subject
                 from confirmed c join petitions p on p.id = c.petition_id)`,
          )}
          select id, petition_id, confirm_token_hash, (select count(*) from count_added) as counted
          from confirmed`,
      );
      const byHash = new Map(
        done.map((r) => [
          r.confirm_token_hash,
          { petitionId: Number(r.petition_id), signatureId: Number(r.id) },
        ]),
      );
      return hashes.map((h) => byHash.get(h) ?? null);
    },
  },
);

/** Graceful shutdown: every confirmation under way is committed (or failed) first. */
export const drainConfirmations = () => confirmations.drain();

// The minute each petition's goal check was last asked for, in this process.
const goalCheckAsked = new Map<number, number>();

/**
 * Asks, at most once a minute per petition and process, whether the goal was reached. Outside
 * the confirmation's transaction: inserting the same job key from every confirmation made them
 * wait on each other's commits, one at a time. A check lost to a crash is asked for again by the
 * next confirmation (the job recounts; it does not depend on which confirmation asked).
 */
async function askForGoalCheck(petitionId: number) {
  const minute = Math.floor(Date.now() / 60_000);
  if (goalCheckAsked.get(petitionId) === minute) return;
  goalCheckAsked.set(petitionId, minute);
  if (goalCheckAsked.size > 10_000) goalCheckAsked.clear();
  try {
    await enqueueJob({
      kind: "petition.check-goal",
      payload: { petitionId },
      dedupeKey: `check-goal:${petitionId}:${minute}`,
    });
  } catch (error) {
    // The signature is confirmed and counted; the goal is checked on a later confirmation.
    goalCheckAsked.delete(petitionId);
    console.error(`goal check not queued: ${errorKind(error)}`);
  }
}

/** Job: the thank-you email, with the count as it stands when it is sent. */
export async function sendThankYouEmail({ signatureId }: { signatureId: number }) {
  const [s] = await db.select().from(signatures).where(eq(signatures.id, signatureId));
  if (!s || s.status !== "verified" || s.unsubscribedAt) return;
  const { title, slug } = await petitionTitle(s.petitionId, s.locale);
  await enqueueEmail({
    template: thankYouEmail,
    to: s.email,
    locale: s.locale,
    dedupeKey: `signature-thank-you:${s.id}`,
    unsubscribeUrl: unsubscribeUrl(s.id),
    props: {
      firstName: s.firstName,
      petitionTitle: title,
      petitionUrl: petitionUrl(slug, s.locale),
      verifiedCount: await getVerifiedCount(s.petitionId),
      unsubscribeUrl: unsubscribeUrl(s.id),
    },
  });
}

// ---------------------------------------------------------------- resend

/**
 * "Send it again" from the thank-you page: a new link for a pending (or expired) signature, or a
 * reminder that a confirmed one already counts. At most 3 per signature per hour.
 */
export async function resendConfirmation({
  ref,
}: {
  ref: string;
}): Promise<{ status: "sent" | "limited" | "invalid" }> {
  const id = readSignatureRef(ref);
  if (!id) return { status: "invalid" };
  const [s] = await db.select().from(signatures).where(eq(signatures.id, id));
  if (!s || s.status === "invalidated" || s.unsubscribedAt) return { status: "invalid" };
  const { hits } = await takeHit({ key: `resend:${id}`, windowSeconds: 3600 });
  if (hits > 3) return { status: "limited" };
  const { title, slug } = await petitionTitle(s.petitionId, s.locale);
  if (s.status === "verified") {
    await enqueueEmail({
      template: alreadySignedEmail,
      to: s.email,
      locale: s.locale,
      dedupeKey: `signature-already-signed:${id}:${Date.now()}`,
      unsubscribeUrl: unsubscribeUrl(id),
      props: {
        firstName: s.firstName,
        petitionTitle: title,
        petitionUrl: petitionUrl(slug, s.locale),
        unsubscribeUrl: unsubscribeUrl(id),
      },
    });
    return { status: "sent" };
  }
  const token = randomToken(24);
  const hash = sha256(token);
  await db.transaction(async (tx) => {
    await tx
      .update(signatures)
      .set({
        status: "pending",
        confirmTokenHash: hash,
        confirmExpiresAt: new Date(Date.now() + confirmHours() * 3_600_000),
      })
      .where(and(eq(signatures.id, id), inArray(signatures.status, ["pending", "expired"])));
    await enqueueEmail({
      tx,
      template: confirmationEmail,
      to: s.email,
      locale: s.locale,
      dedupeKey: `signature-confirmation:${id}:${hash.slice(0, 16)}`,
      unsubscribeUrl: unsubscribeUrl(id),
      props: {
        firstName: s.firstName,
        petitionTitle: title,
        confirmUrl: confirmUrl(token),
        expiresHours: confirmHours(),
        unsubscribeUrl: unsubscribeUrl(id),
      },
    });
  });
  return { status: "sent" };
}

/** Which petition and state a thank-you reference points to (for the thank-you page). */
export async function describeSignatureRef({ ref }: { ref: string | null }) {
  const id = readSignatureRef(ref);
  if (!id) return null;
  const [s] = await db
    .select({ id: signatures.id, status: signatures.status, petitionId: signatures.petitionId })
    .from(signatures)
    .where(eq(signatures.id, id));
  return s ?? null;
}

// ---------------------------------------------------------------- unsubscribe

export async function describeUnsubscribe({ token, locale }: { token: string; locale: Locale }) {
  const id = readUnsubscribeToken(token);
  if (!id) return null;
  const [s] = await db
    .select({
      petitionId: signatures.petitionId,
      unsubscribedAt: signatures.unsubscribedAt,
      locale: signatures.locale,
    })
    .from(signatures)
    .where(eq(signatures.id, id));
  if (!s) return null;
  const { title, slug } = await petitionTitle(s.petitionId, locale);
  return { title, slug, unsubscribed: !!s.unsubscribedAt, signatureLocale: s.locale };
}

/** Stops every email to this signer about this petition (one-click, RFC 8058). Idempotent. */
export async function unsubscribeSignature({ token }: { token: string }) {
  const id = readUnsubscribeToken(token);
  if (!id) return false;
  await db
    .update(signatures)
    .set({ unsubscribedAt: sql`coalesce(${signatures.unsubscribedAt}, now())`, keepUpdated: false })
    .where(eq(signatures.id, id));
  return true;
}

// ---------------------------------------------------------------- housekeeping

/** Pending signatures whose link has run out become `expired` (they were never counted). */
export async function expirePendingSignatures({ now = new Date() }: { now?: Date } = {}) {
  const expired = await db
    .update(signatures)
    .set({ status: "expired" })
    .where(and(eq(signatures.status, "pending"), lt(signatures.confirmExpiresAt, now)))
    .returning({ id: signatures.id });
  return expired.length;
}
