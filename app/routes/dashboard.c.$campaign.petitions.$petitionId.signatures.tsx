import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { SIGNATURE_STATES } from "#db/schema/states";
import { bulkInvalidateSignatures, invalidateSignature, setCommentHidden } from "~/domain/petitions/signature-moderation.server";
import { countSignatures, filterChoices, listSignatures } from "~/domain/petitions/signature-list.server";
import { filterFromSearchParams, type SignatureFilter } from "~/domain/petitions/signature-filter.server";
import { PAGE_SIZES, SORT_KEYS, type SortDir, type SortKey } from "~/domain/petitions/signature-table";
import { campaignAbilities } from "~/domain/team/authorization.server";
import { getMessages } from "~/locales";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { useLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import {
  COLUMN_IDS,
  FULL_VIEW_ONLY,
  DEFAULT_HIDDEN,
  SignaturesTable,
  type ColumnId,
} from "~/components/signatures-table";
import { FilterSelect } from "~/components/filter-select";
import { ExportProgress, useExportDownload } from "~/components/export-download";

function tableState(params: URLSearchParams) {
  const sort = (SORT_KEYS as readonly string[]).includes(params.get("sort") ?? "")
    ? (params.get("sort") as SortKey)
    : "created";
  const dir: SortDir = params.get("dir") === "asc" ? "asc" : "desc";
  const size = Number(params.get("size"));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 50;
  // "cols" marks that the column picker was submitted; without it the defaults apply.
  const visible: ColumnId[] = params.has("cols")
    ? COLUMN_IDS.filter((id) => params.getAll("col").includes(id))
    : COLUMN_IDS.filter((id) => !DEFAULT_HIDDEN.includes(id));
  return { sort, dir, pageSize, visible };
}

const hasAnyFilter = (f: SignatureFilter) => Object.values(f).some((v) => v !== undefined);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, user } = await requireCampaignMember(request, params.campaign);
  const petitionId = parseId(params.petitionId);
  const url = new URL(request.url);
  const filter = filterFromSearchParams(url.searchParams);
  const state = tableState(url.searchParams);
  const [page, total, choices] = await Promise.all([
    orHttp(
      listSignatures({
        actor,
        petitionId,
        filter,
        sort: state.sort,
        dir: state.dir,
        after: url.searchParams.get("after"),
        before: url.searchParams.get("before"),
        pageSize: state.pageSize,
        timeZone: user.timeZone,
      }),
    ),
    orHttp(countSignatures({ actor, petitionId, filter, timeZone: user.timeZone })),
    orHttp(filterChoices({ actor, petitionId })),
  ]);
  // The role in the petition's own campaign, which the listing was authorized against.
  const can = campaignAbilities(page.role);
  return {
    ...page,
    ...state,
    filter,
    total,
    choices,
    timeZone: user.timeZone,
    canModerate: can.moderateSignatures,
    canExport: can.exportSignatures,
    canExportDelivery: can.exportDeliverySignatures,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, user, locale } = await requireCampaignMember(request, params.campaign);
  const t = getMessages("organizer", locale);
  const petitionId = parseId(params.petitionId);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "hide" || intent === "show") {
    await orHttp(
      setCommentHidden({
        actor,
        petitionId,
        signatureId: parseId(String(form.get("signatureId"))),
        hidden: intent === "hide",
      }),
    );
    return { ok: intent === "hide" ? t.sig.commentHidden : t.sig.commentShown };
  }
  const reason = String(form.get("reason") ?? "").trim();
  if (intent === "invalidate") {
    const signatureId = parseId(String(form.get("signatureId")));
    if (reason.length < 3 || reason.length > 500) return { error: t.v.reasonRequired, signatureId };
    await orHttp(invalidateSignature({ actor, petitionId, signatureId, reason }));
    return { ok: t.sig.invalidated };
  }
  if (intent === "bulk") {
    const filter = filterFromSearchParams(new URLSearchParams(String(form.get("filter") ?? "")));
    if (!hasAnyFilter(filter)) return { bulkError: t.sig.bulkNeedsFilter };
    if (reason.length < 3 || reason.length > 500) return { bulkError: t.v.reasonRequired, reason };
    if (form.get("confirm") !== "yes") return { bulkError: t.sig.bulkNeedsConfirm, reason };
    const done = await orHttp(
      bulkInvalidateSignatures({ actor, petitionId, filter, reason, timeZone: user.timeZone }),
    );
    return { ok: t.sig.bulkDone(done.invalidated, done.verifiedRemoved) };
  }
  return { error: "Unknown action" };
}

export default function Signatures() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    { ok?: string; error?: string; bulkError?: string; reason?: string } | undefined;
  const t = useT(organizerMessages).sig;
  const o = useT(organizerMessages);
  const exportDownload = useExportDownload();
  const locale = useLocale();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const { filter } = data;

  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const s = next.toString();
    return s ? `?${s}` : location.pathname;
  };
  // Paging and sorting keep the filters; a new sort starts from the first page.
  const sortHref = (sort: SortKey, dir: SortDir) =>
    withParams({ sort, dir, after: null, before: null });
  const filterSearch = new URLSearchParams(
    Object.entries({
      status: filter.status,
      city: filter.city,
      region: filter.region,
      from: filter.from,
      to: filter.to,
      q: filter.q,
      comment: filter.hasComment === undefined ? undefined : filter.hasComment ? "yes" : "no",
      optedIn: filter.optedIn === undefined ? undefined : filter.optedIn ? "yes" : "no",
    }).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
  const keep = (name: string) =>
    params
      .getAll(name)
      .map((v) => <input key={`${name}-${v}`} type="hidden" name={name} value={v} />);

  return (
    <div className="stack">
      {result?.ok ? (
        <p className="notice ok" role="status">
          {result.ok}
        </p>
      ) : null}
      {result?.error ? (
        <p className="notice error" role="alert">
          {result.error}
        </p>
      ) : null}
      {!data.canViewContact ? <p className="notice info">{t.contactHidden}</p> : null}

      <Form method="get" className="card" aria-labelledby="filters-heading">
        <h3 id="filters-heading">{t.filters}</h3>
        <div className="filters">
          <div className="field wide">
            <label htmlFor="f-q">{t.search}</label>
            <span className="hint" id="f-q-hint">
              {t.searchHint}
            </span>
            <input
              id="f-q"
              name="q"
              type="search"
              defaultValue={filter.q ?? ""}
              aria-describedby="f-q-hint"
            />
          </div>
          <FilterSelect
            id="f-status"
            name="status"
            label={t.status}
            anyLabel={t.any}
            defaultValue={filter.status ?? ""}
            options={SIGNATURE_STATES.map((s) => ({ value: s, label: o.sigStates[s] }))}
          />
          <FilterSelect
            id="f-city"
            name="city"
            label={t.city}
            anyLabel={t.any}
            defaultValue={filter.city ?? ""}
            options={data.choices.cities.map((c) => ({ value: c, label: c }))}
          />
          <FilterSelect
            id="f-region"
            name="region"
            label={t.region}
            anyLabel={t.any}
            defaultValue={filter.region ?? ""}
            options={data.choices.regions.map((r) => ({ value: r, label: r }))}
          />
          <div className="field">
            <label htmlFor="f-from">{t.from}</label>
            <input id="f-from" name="from" type="date" defaultValue={filter.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t.to}</label>
            <input id="f-to" name="to" type="date" defaultValue={filter.to ?? ""} />
          </div>
          {data.fullView ? (
            <>
              <div className="field">
                <label htmlFor="f-comment">{t.hasComment}</label>
                <select
                  id="f-comment"
                  name="comment"
                  defaultValue={
                    filter.hasComment === undefined ? "" : filter.hasComment ? "yes" : "no"
                  }
                >
                  <option value="">{t.any}</option>
                  <option value="yes">{t.withComment}</option>
                  <option value="no">{t.withoutComment}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor="f-opted">{t.optedIn}</label>
                <select
                  id="f-opted"
                  name="optedIn"
                  defaultValue={filter.optedIn === undefined ? "" : filter.optedIn ? "yes" : "no"}
                >
                  <option value="">{t.any}</option>
                  <option value="yes">{t.yes}</option>
                  <option value="no">{t.no}</option>
                </select>
              </div>
            </>
          ) : null}
          <div className="field">
            <label htmlFor="f-size">{t.pageSize}</label>
            <select id="f-size" name="size" defaultValue={String(data.pageSize)}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          {keep("sort")}
          {keep("dir")}
          {params.has("cols") ? keep("cols") : null}
          {params.has("cols") ? keep("col") : null}
          <div className="filter-actions">
            <button type="submit">{t.apply}</button>
            <Link className="button secondary" to={location.pathname}>
              {t.reset}
            </Link>
          </div>
        </div>
      </Form>

      <div className="section-head">
        <p className="count" data-testid="matching-count" style={{ margin: 0 }}>
          {data.total.capped ? t.matchingCapped(data.total.count) : t.matching(data.total.count)}
        </p>
        <p className="page-actions" style={{ margin: 0 }}>
          {data.canExport ? (
            <a
              className="button secondary"
              href={`signatures.csv?${filterSearch}${filterSearch ? "&" : ""}variant=full`}
              download
              onClick={exportDownload.onClick("signatures.csv")}
              aria-disabled={exportDownload.state.phase === "running" || undefined}
            >
              {t.exportFull}
            </a>
          ) : null}
          {data.canExportDelivery ? (
            <a
              className="button secondary"
              href={`signatures.csv?${filterSearch}${filterSearch ? "&" : ""}variant=delivery`}
              download
              onClick={exportDownload.onClick("delivery.csv")}
              aria-disabled={exportDownload.state.phase === "running" || undefined}
            >
              {t.exportDelivery}
            </a>
          ) : null}
        </p>
      </div>
      {data.canExport || data.canExportDelivery ? (
        <>
          <ExportProgress state={exportDownload.state} cancel={exportDownload.cancel} />
          <p className="small muted">{t.exportHint}</p>
        </>
      ) : null}

      <Form method="get" className="column-picker">
        <details>
          <summary>{t.columns}</summary>
          <input type="hidden" name="cols" value="1" />
          {[...params.entries()]
            .filter(([k]) => k !== "col" && k !== "cols" && k !== "after" && k !== "before")
            .map(([k, v]) => (
              <input key={`${k}=${v}`} type="hidden" name={k} value={v} />
            ))}
          <fieldset className="choices" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="visually-hidden">{t.showColumns}</legend>
            {COLUMN_IDS.filter(
              (id) =>
                id !== "actions" &&
                (id !== "email" || data.canViewContact) &&
                (data.fullView || !FULL_VIEW_ONLY.includes(id)),
            ).map((id) => (
              <label key={id} className="checkbox">
                <input
                  type="checkbox"
                  name="col"
                  value={id}
                  defaultChecked={data.visible.includes(id)}
                />
                {t.col[id]}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="secondary">
            {t.apply}
          </button>
        </details>
      </Form>

      {data.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <SignaturesTable
          rows={data.rows}
          visible={data.visible}
          canViewContact={data.canViewContact}
          fullView={data.fullView}
          canModerate={data.canModerate}
          sort={data.sort}
          dir={data.dir}
          sortHref={sortHref}
          timeZone={data.timeZone}
        />
      )}

      <nav className="pager" aria-label={t.title}>
        {data.prevCursor ? (
          <Link to={withParams({ before: data.prevCursor, after: null })}>← {t.prev}</Link>
        ) : (
          <span />
        )}
        {params.has("after") || params.has("before") ? (
          <Link to={withParams({ before: null, after: null })}>{t.first}</Link>
        ) : null}
        {data.nextCursor ? (
          <Link to={withParams({ after: data.nextCursor, before: null })}>{t.next} →</Link>
        ) : (
          <span />
        )}
      </nav>

      {data.canModerate && data.total.count > 0 && filterSearch ? (
        <Form method="post" className="card bulk" aria-labelledby="bulk-heading">
          <h3 id="bulk-heading">{t.bulkTitle}</h3>
          <p className="small">{t.bulkHint(data.total.count, data.total.capped)}</p>
          {result?.bulkError ? (
            <p className="field-error" role="alert" id="bulk-error">
              {result.bulkError}
            </p>
          ) : null}
          <input type="hidden" name="filter" value={filterSearch} />
          <div className="field">
            <label htmlFor="bulk-reason">{t.reason}</label>
            <input
              id="bulk-reason"
              name="reason"
              type="text"
              minLength={3}
              maxLength={500}
              required
              defaultValue={result?.reason ?? ""}
              aria-describedby={result?.bulkError ? "bulk-error" : undefined}
            />
          </div>
          <div className="checkbox">
            <input id="bulk-confirm" type="checkbox" name="confirm" value="yes" />
            <label htmlFor="bulk-confirm">{t.bulkConfirm}</label>
          </div>
          <button type="submit" name="intent" value="bulk" className="danger">
            {t.bulkButton}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
