// Owners' page for connecting other systems: API tokens (shown once) and webhook endpoints with
// their delivery log, "Send test", "Resend" and "Resume".
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import * as z from "zod";
import { API_TOKEN_SCOPES, WEBHOOK_EVENT_TYPES } from "#db/schema/states";
import { createApiToken, listApiTokens, revokeApiToken } from "~/domain/team/api-token.server";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints, resendWebhookDelivery, resumeWebhookEndpoint, sendTestWebhook, WebhookUrlError } from "~/domain/integrations/webhook-endpoints.server";
import { getMessages } from "~/locales";
import { requireCampaignMember } from "~/http/auth.server";
import { httpError, orHttp } from "~/http/errors.server";
import { isStorableText } from "~/lib/text";
import { useLocale, useT } from "~/lib/i18n";
import integrationsMessages from "~/locales/integrations";
import styles from "~/styles/integrations.css";
import { dateTimeFormat, localeTag } from "~/lib/intl-format";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Integrations · Handover" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign } = await requireCampaignMember(request, params.campaign);
  const [tokens, endpoints] = await Promise.all([
    orHttp(listApiTokens({ actor, campaignId: campaign.id })),
    orHttp(listWebhookEndpoints({ actor, campaignId: campaign.id })),
  ]);
  return { tokens, endpoints, now: Date.now() };
}

const id = z.coerce.number().int().positive().max(2_147_483_647);

type ActionData = {
  notice?: string;
  token?: string;
  secret?: string;
  errors?: Record<string, string>;
  form?: "token" | "hook";
  values?: Record<string, string>;
};

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionData> {
  const { actor, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const t = getMessages("integrations", locale);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const campaignId = campaign.id;
  const str = (k: string) => String(form.get(k) ?? "");

  if (intent === "create-token") {
    const name = str("name").trim();
    const scope = str("scope");
    const errors: Record<string, string> = {};
    if (!name || name.length > 80) errors.name = t.errors.name;
    else if (!isStorableText(name)) errors.name = t.errors.text;
    if (!(API_TOKEN_SCOPES as readonly string[]).includes(scope)) errors.scope = t.errors.scope;
    if (Object.keys(errors).length) return { errors, form: "token", values: { name, scope } };
    const days = { "30": 30, "90": 90, "365": 365 }[str("expires")] ?? null;
    const { token } = await orHttp(
      createApiToken({
        actor,
        campaignId,
        name,
        scope: scope as (typeof API_TOKEN_SCOPES)[number],
        consentVerified: form.get("consentVerified") === "on",
        expiresAt: days ? new Date(Date.now() + days * 86400_000) : null,
      }),
    );
    return { token };
  }
  if (intent === "revoke-token") {
    const tokenId = id.safeParse(form.get("tokenId"));
    if (tokenId.success) await orHttp(revokeApiToken({ actor, campaignId, tokenId: tokenId.data }));
    return { notice: t.tokens.revokedNotice };
  }
  if (intent === "create-hook") {
    const url = str("url").trim();
    const events = form
      .getAll("events")
      .map(String)
      .filter((e) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
    const errors: Record<string, string> = {};
    if (!/^https?:\/\/\S+$/i.test(url) || url.length > 2000) errors.url = t.errors.url;
    if (events.length === 0) errors.events = t.errors.events;
    const values = { url };
    if (Object.keys(errors).length) return { errors, form: "hook", values };
    try {
      const { secret } = await createWebhookEndpoint({
        actor,
        campaignId,
        url,
        events: events as (typeof WEBHOOK_EVENT_TYPES)[number][],
        includeContact: form.get("includeContact") === "on",
      });
      return { secret };
    } catch (error) {
      if (!(error instanceof WebhookUrlError)) return httpError(error);
      const message =
        error.problem === "private"
          ? t.errors.urlPrivate
          : error.problem === "unresolvable"
            ? t.errors.urlUnresolvable
            : error.problem === "credentials"
              ? t.errors.urlCredentials
              : t.errors.url;
      return { errors: { url: message }, form: "hook", values };
    }
  }
  const endpointId = id.safeParse(form.get("endpointId"));
  if (intent === "test-hook" && endpointId.success) {
    await orHttp(sendTestWebhook({ actor, campaignId, endpointId: endpointId.data }));
    return { notice: t.hooks.testQueued };
  }
  if (intent === "resume-hook" && endpointId.success) {
    const n = await orHttp(
      resumeWebhookEndpoint({ actor, campaignId, endpointId: endpointId.data }),
    );
    return { notice: t.hooks.resumed(n) };
  }
  if (intent === "delete-hook" && endpointId.success) {
    await orHttp(deleteWebhookEndpoint({ actor, campaignId, endpointId: endpointId.data }));
    return { notice: t.hooks.removed };
  }
  const deliveryId = id.safeParse(form.get("deliveryId"));
  if (intent === "resend" && deliveryId.success) {
    await orHttp(resendWebhookDelivery({ actor, campaignId, deliveryId: deliveryId.data }));
    return { notice: t.hooks.resent };
  }
  return {};
}

function FieldError({ id: fieldId, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={fieldId}>
      {message}
    </p>
  ) : null;
}

export default function Integrations() {
  const { tokens, endpoints, now } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT(integrationsMessages);
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const when = (d: string | Date | null) =>
    d
      ? dateTimeFormat(localeTag(locale), { dateStyle: "medium", timeStyle: "short" }).format(
          new Date(d),
        )
      : t.tokens.never;
  const err = data?.errors ?? {};
  const tokenErr = data?.form === "token" ? err : {};
  const hookErr = data?.form === "hook" ? err : {};
  const invalid = (e: Record<string, string>, k: string) =>
    e[k] ? { "aria-invalid": true as const, "aria-describedby": `${k}-error` } : {};

  return (
    <div className="stack integrations">
      <h2>{t.title}</h2>
      <p>
        {t.intro} <a href="/api/v1/openapi.json">OpenAPI</a>
      </p>
      {data?.notice ? (
        <p className="notice ok" role="status">
          {data.notice}
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="tokens-title">
        <h3 id="tokens-title">{t.tokens.title}</h3>
        <p className="small">{t.tokens.intro}</p>
        {data?.token ? (
          <div className="notice ok" role="status">
            <p>{t.tokens.created}</p>
            <p>
              <code className="secret">{data.token}</code>
            </p>
            <p className="small">{t.tokens.copyHint}</p>
          </div>
        ) : null}
        {tokens.length === 0 ? (
          <p>{t.tokens.none}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">{t.tokens.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.tokens.name}</th>
                  <th scope="col">{t.tokens.scope}</th>
                  <th scope="col">{t.tokens.prefix}</th>
                  <th scope="col">{t.tokens.createdAt}</th>
                  <th scope="col">{t.tokens.expires}</th>
                  <th scope="col">{t.tokens.lastUsed}</th>
                  <th scope="col">{t.tokens.status}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.tokens.revoke}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((tok) => {
                  const expired = !!tok.expiresAt && new Date(tok.expiresAt).getTime() <= now;
                  return (
                    <tr key={tok.id}>
                      <td>{tok.name}</td>
                      <td>{t.tokens.scopes[tok.scope]}</td>
                      <td>
                        <code>{tok.prefix}…</code>
                      </td>
                      <td>{when(tok.createdAt)}</td>
                      <td>{tok.expiresAt ? when(tok.expiresAt) : t.tokens.never}</td>
                      <td>{when(tok.lastUsedAt)}</td>
                      <td>
                        {tok.revokedAt
                          ? t.tokens.revoked
                          : expired
                            ? t.tokens.expired
                            : t.tokens.active}
                      </td>
                      <td>
                        {tok.revokedAt ? null : (
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke-token" />
                            <input type="hidden" name="tokenId" value={tok.id} />
                            <button
                              type="submit"
                              className="danger small"
                              aria-label={t.tokens.revokeLabel(tok.name)}
                            >
                              {t.tokens.revoke}
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="create-token" />
          <div className="field">
            <label htmlFor="token-name">{t.tokens.name}</label>
            <input
              id="token-name"
              name="name"
              type="text"
              maxLength={80}
              defaultValue={data?.form === "token" ? data.values?.name : ""}
              aria-describedby={tokenErr.name ? "name-error" : "token-name-hint"}
              aria-invalid={tokenErr.name ? true : undefined}
            />
            <p className="small" id="token-name-hint">
              {t.tokens.nameHint}
            </p>
            <FieldError id="name-error" message={tokenErr.name} />
          </div>
          <div className="field">
            <label htmlFor="token-scope">{t.tokens.scope}</label>
            <select
              id="token-scope"
              name="scope"
              defaultValue="read"
              {...invalid(tokenErr, "scope")}
            >
              {API_TOKEN_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {t.tokens.scopes[s]}
                </option>
              ))}
            </select>
            <FieldError id="scope-error" message={tokenErr.scope} />
          </div>
          <div>
            <label className="checkbox">
              <input name="consentVerified" type="checkbox" aria-describedby="token-consent-hint" />
              <span>{t.tokens.consent}</span>
            </label>
            <p className="small" id="token-consent-hint">
              {t.tokens.consentHint}
            </p>
          </div>
          <div className="field">
            <label htmlFor="token-expires">{t.tokens.expires}</label>
            <select id="token-expires" name="expires" defaultValue="365">
              {["30", "90", "365", "never"].map((k) => (
                <option key={k} value={k}>
                  {t.tokens.expiry[k]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={busy}>
            {t.tokens.create}
          </button>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="hooks-title">
        <h3 id="hooks-title">{t.hooks.title}</h3>
        <p className="small">{t.hooks.intro}</p>
        {data?.secret ? (
          <div className="notice ok" role="status">
            <p>{t.hooks.created}</p>
            <p>
              <code className="secret">{data.secret}</code>
            </p>
            <p className="small">{t.hooks.secretHint}</p>
          </div>
        ) : null}
        {endpoints.length === 0 ? <p>{t.hooks.none}</p> : null}
        {endpoints.map((ep) => (
          <article key={ep.id} className="stack endpoint" aria-labelledby={`ep-${ep.id}`}>
            <h4 id={`ep-${ep.id}`} className="break">
              {ep.url}
            </h4>
            <p className="small">
              {ep.events.map((e) => t.hooks.eventNames[e] ?? e).join(" · ")}
              {ep.includeContact ? ` · ${t.hooks.contact}` : ""}
            </p>
            <p className={ep.pausedAt ? "notice warn" : "small"}>
              {ep.pausedAt ? t.hooks.paused(ep.consecutiveFailures) : t.hooks.active}
            </p>
            <div className="button-row">
              <Form method="post">
                <input type="hidden" name="intent" value="test-hook" />
                <input type="hidden" name="endpointId" value={ep.id} />
                <button type="submit" className="secondary">
                  {t.hooks.sendTest}
                </button>
              </Form>
              {ep.pausedAt ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="resume-hook" />
                  <input type="hidden" name="endpointId" value={ep.id} />
                  <button type="submit">{t.hooks.resume}</button>
                </Form>
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="delete-hook" />
                <input type="hidden" name="endpointId" value={ep.id} />
                <button type="submit" className="danger">
                  {t.hooks.remove}
                </button>
              </Form>
            </div>
            <h5>{t.hooks.log}</h5>
            {ep.deliveries.length === 0 ? (
              <p className="small">{t.hooks.noLog}</p>
            ) : (
              <div className="table-wrap">
                <table className="data">
                  <caption className="visually-hidden">{t.hooks.log}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.hooks.when}</th>
                      <th scope="col">{t.hooks.event}</th>
                      <th scope="col">{t.hooks.state}</th>
                      <th scope="col">{t.hooks.attempts}</th>
                      <th scope="col">{t.hooks.response}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t.hooks.resend}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {ep.deliveries.map((d) => (
                      <tr key={d.id}>
                        <td>{when(d.createdAt)}</td>
                        <td>{t.hooks.eventNames[d.eventType] ?? d.eventType}</td>
                        <td>{t.hooks.states[d.status] ?? d.status}</td>
                        <td>{d.attempts}</td>
                        <td>
                          {d.lastStatusCode ?? (d.lastError ? d.lastError.slice(0, 60) : "—")}
                        </td>
                        <td>
                          <Form method="post">
                            <input type="hidden" name="intent" value="resend" />
                            <input type="hidden" name="deliveryId" value={d.id} />
                            <button
                              type="submit"
                              className="secondary small"
                              aria-label={t.hooks.resendLabel(d.id)}
                            >
                              {t.hooks.resend}
                            </button>
                          </Form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </article>
        ))}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="create-hook" />
          <div className="field">
            <label htmlFor="hook-url">{t.hooks.url}</label>
            <input
              id="hook-url"
              name="url"
              type="url"
              inputMode="url"
              placeholder="https://"
              defaultValue={data?.form === "hook" ? data.values?.url : ""}
              aria-describedby={hookErr.url ? "url-error" : "hook-url-hint"}
              aria-invalid={hookErr.url ? true : undefined}
            />
            <p className="small" id="hook-url-hint">
              {t.hooks.urlHint}
            </p>
            <FieldError id="url-error" message={hookErr.url} />
          </div>
          <fieldset {...invalid(hookErr, "events")}>
            <legend>{t.hooks.events}</legend>
            {WEBHOOK_EVENT_TYPES.map((e) => (
              <label className="checkbox" key={e}>
                <input
                  name="events"
                  type="checkbox"
                  value={e}
                  defaultChecked={e === "signature.verified"}
                />
                <span>{t.hooks.eventNames[e]}</span>
              </label>
            ))}
            <FieldError id="events-error" message={hookErr.events} />
          </fieldset>
          <label className="checkbox">
            <input name="includeContact" type="checkbox" />
            <span>{t.hooks.contact}</span>
          </label>
          <button type="submit" disabled={busy}>
            {t.hooks.add}
          </button>
        </Form>
      </section>
    </div>
  );
}
