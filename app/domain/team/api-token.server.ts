// Per-campaign API tokens for the OSDI API (docs/decisions/022-osdi-api.md). An owner makes them;
// the token is shown once and only its SHA-256 is kept. A request's token resolves to an ApiActor:
// the creator's user id (so every check goes through the same assertCampaignPermission as the
// pages) narrowed by the token's scope.
import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "#db/client";
import { apiTokens, campaignMembers, type ApiToken } from "#db/schema";
import { API_TOKEN_SCOPES, type ApiTokenScope } from "#db/schema/states";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { assertCampaignPermission, ForbiddenError, type Actor } from "./authorization.server";
import { recordAudit } from "./audit.server";
import { rateLimit, takeLimit } from "~/domain/limits/rate-limit.server";

export type ApiActor = {
  userId: number;
  tokenId: number;
  campaignId: number;
  scope: ApiTokenScope;
  consentVerified: boolean;
};

export const scopeIncludes = (scope: ApiTokenScope, needed: ApiTokenScope) =>
  API_TOKEN_SCOPES.indexOf(scope) >= API_TOKEN_SCOPES.indexOf(needed);

/** Throws ForbiddenError unless the token's scope covers `needed`. */
export function assertScope(actor: ApiActor, needed: ApiTokenScope) {
  if (!scopeIncludes(actor.scope, needed))
    throw new ForbiddenError(
      `scope:${needed}`,
      `This token's scope (${actor.scope}) does not allow this; it needs "${needed}".`,
    );
}

export const TOKEN_PREFIX = "hov_";

export async function createApiToken({
  actor,
  campaignId,
  name,
  scope,
  consentVerified = false,
  expiresAt,
}: {
  actor: Actor;
  campaignId: number;
  name: string;
  scope: ApiTokenScope;
  consentVerified?: boolean;
  expiresAt?: Date | null;
}): Promise<{ token: string; row: ApiToken }> {
  await assertCampaignPermission({ actor, campaignId, permission: "integrations.manage" });
  const token = `${TOKEN_PREFIX}${randomToken(30)}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      campaignId,
      name,
      scope,
      consentVerified: scope === "write" && consentVerified,
      tokenHash: sha256(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdBy: actor!.userId,
      expiresAt: expiresAt ?? null,
    })
    .returning();
  await recordAudit({
    campaignId,
    actorId: actor!.userId,
    action: "api_token.create",
    subjectType: "api_token",
    subjectId: row!.id,
    details: { name, scope, consentVerified: row!.consentVerified },
  });
  return { token, row: row! };
}

export async function listApiTokens({ actor, campaignId }: { actor: Actor; campaignId: number }) {
  await assertCampaignPermission({ actor, campaignId, permission: "integrations.manage" });
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      consentVerified: apiTokens.consentVerified,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.campaignId, campaignId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function revokeApiToken({
  actor,
  campaignId,
  tokenId,
}: {
  actor: Actor;
  campaignId: number;
  tokenId: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "integrations.manage" });
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        eq(apiTokens.campaignId, campaignId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id });
  if (row)
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "api_token.revoke",
      subjectType: "api_token",
      subjectId: tokenId,
    });
  return !!row;
}

export class ApiAuthError extends Error {
  name = "ApiAuthError";
  status = 401;
}

/**
 * The actor behind an `OSDI-API-Token` header, or ApiAuthError. The token must be unrevoked,
 * unexpired, and its creator still a member of the campaign (their role is checked per call).
 * Marks the token used at most once a minute, so reading does not write on every request.
 */
export async function authenticateApiToken(header: string | null | undefined): Promise<ApiActor> {
  const token = (header ?? "").trim();
  if (!token) throw new ApiAuthError("Send your API token in the OSDI-API-Token header.");
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100)
    throw new ApiAuthError("This API token is not valid.");
  const [row] = await db
    .select({
      id: apiTokens.id,
      campaignId: apiTokens.campaignId,
      scope: apiTokens.scope,
      consentVerified: apiTokens.consentVerified,
      createdBy: apiTokens.createdBy,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      member: campaignMembers.userId,
    })
    .from(apiTokens)
    .leftJoin(
      campaignMembers,
      and(
        eq(campaignMembers.campaignId, apiTokens.campaignId),
        eq(campaignMembers.userId, apiTokens.createdBy),
      ),
    )
    .where(eq(apiTokens.tokenHash, sha256(token)));
  if (!row || row.revokedAt) throw new ApiAuthError("This API token is not valid or was revoked.");
  if (row.expiresAt && row.expiresAt <= new Date())
    throw new ApiAuthError("This API token has expired.");
  if (!row.createdBy || !row.member)
    throw new ApiAuthError(
      "The person who made this API token is no longer on the campaign's team.",
    );
  if (!row.lastUsedAt || row.lastUsedAt.getTime() < Date.now() - 60_000)
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  return {
    userId: row.createdBy,
    tokenId: row.id,
    campaignId: row.campaignId,
    scope: row.scope,
    consentVerified: row.consentVerified,
  };
}

/** Calls per token per minute (API_RATE_LIMIT, default 600); past it, 429 with Retry-After. */
export const API_TOKEN_LIMIT = rateLimit({
  name: "api",
  max: () => {
    const n = Number(process.env.API_RATE_LIMIT);
    return Number.isInteger(n) && n > 0 ? n : 600;
  },
  windowSeconds: 60,
});

/** Counts one call of a token. Returns seconds to wait, or 0 when the call may go on. */
export async function apiRateLimit({ tokenId }: { tokenId: number }) {
  return (await takeLimit({ limit: API_TOKEN_LIMIT, subject: tokenId })).retryAfterSeconds;
}

/** Every read that returns contact data is written to the campaign's audit log (no values, just what and how many). */
export async function auditContactRead(actor: ApiActor, resource: string, count: number) {
  if (count === 0) return;
  await recordAudit({
    campaignId: actor.campaignId,
    actorId: actor.userId,
    action: "api.contact_read",
    subjectType: "api_token",
    subjectId: actor.tokenId,
    details: { resource, records: count },
  });
}
