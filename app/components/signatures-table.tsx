// The signatures table, rendered with @tanstack/react-table 9. Paging, sorting and filtering
// happen on the server (the state lives in the URL), so the table only lays out one page and
// hides the columns the organizer turned off. Moderation forms post plain HTML forms.
import {
  columnVisibilityFeature,
  createColumnHelper,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
} from "@tanstack/react-table";
import { Form, Link } from "@remix-run/react";
import { useMemo } from "react";
import type { SignatureRow, SortDir, SortKey } from "~/domain/petitions/signature-table";
import { formatInZone } from "~/lib/zoned-time";
import { useLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import packetMessages from "~/locales/packet";

const features = tableFeatures({ columnVisibilityFeature });
const helper = createColumnHelper<typeof features, SignatureRow>();

export const COLUMN_IDS = [
  "name",
  "email",
  "city",
  "region",
  "postalCode",
  "status",
  "createdAt",
  "verifiedAt",
  "comment",
  "keepUpdated",
  "printName",
  "actions",
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
export const DEFAULT_HIDDEN: ColumnId[] = ["postalCode", "verifiedAt", "printName"];
/** Columns a packet view never has data for. */
export const FULL_VIEW_ONLY: ColumnId[] = ["postalCode", "comment", "keepUpdated", "printName"];
const SORTABLE: Partial<Record<ColumnId, SortKey>> = {
  name: "lastName",
  city: "city",
  createdAt: "created",
};

type Props = {
  rows: SignatureRow[];
  visible: ColumnId[];
  canViewContact: boolean;
  /** False: a packet view (no postal code, comment or choices; unnamed signers as "Anonymous"). */
  fullView?: boolean;
  canModerate: boolean;
  sort: SortKey;
  dir: SortDir;
  sortHref: (sort: SortKey, dir: SortDir) => string;
  timeZone: string;
};

export function SignaturesTable({
  rows,
  visible,
  canViewContact,
  fullView = true,
  canModerate,
  sort,
  dir,
  sortHref,
  timeZone,
}: Props) {
  const anonymous = useT(packetMessages).pdf.anonymous;
  const t = useT(organizerMessages).sig;
  const o = useT(organizerMessages);
  const locale = useLocale();
  const when = (v: string | null) =>
    v
      ? formatInZone(v, timeZone, locale, {
          weekday: undefined,
          timeZoneName: undefined,
          year: "numeric",
        })
      : "—";

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor((r) => (r.named ? `${r.firstName} ${r.lastName}`.trim() : anonymous), {
          id: "name",
          header: t.col.name,
        }),
        // The column exists only for roles that receive email addresses at all.
        ...(canViewContact
          ? [helper.accessor((r) => r.email ?? "", { id: "email", header: t.col.email })]
          : []),
        helper.accessor("city", { header: t.col.city }),
        helper.accessor("region", { header: t.col.region }),
        helper.accessor("postalCode", { header: t.col.postalCode }),
        helper.accessor("status", {
          header: t.col.status,
          cell: (info) => {
            const s = info.getValue();
            const r = info.row.original;
            return (
              <>
                <span
                  className={`badge ${s === "verified" ? "ok" : s === "invalidated" ? "danger" : s === "pending" ? "warn" : ""}`}
                >
                  {o.sigStates[s]}
                </span>
                {r.invalidatedReason ? (
                  <div className="small muted">{r.invalidatedReason}</div>
                ) : null}
              </>
            );
          },
        }),
        helper.accessor("createdAt", {
          header: t.col.createdAt,
          cell: (info) => when(info.getValue()),
        }),
        helper.accessor("verifiedAt", {
          header: t.col.verifiedAt,
          cell: (info) => when(info.getValue()),
        }),
        helper.accessor("comment", {
          header: t.col.comment,
          cell: (info) => {
            const c = info.getValue();
            if (!c) return "";
            return info.row.original.commentHidden ? (
              <>
                <span className="comment-hidden">{c}</span>{" "}
                <span className="small muted">{t.hiddenComment}</span>
              </>
            ) : (
              c
            );
          },
        }),
        helper.accessor("keepUpdated", {
          header: t.col.keepUpdated,
          cell: (info) => (info.getValue() ? t.yes : t.no),
        }),
        helper.accessor("printName", {
          header: t.col.printName,
          cell: (info) => (info.getValue() ? t.yes : t.no),
        }),
        ...(canModerate
          ? [
              helper.display({
                id: "actions",
                header: t.col.actions,
                cell: (info) => <RowActions row={info.row.original} />,
              }),
            ]
          : []),
      ]),
    // Labels depend on the language; the rest is fixed for a page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [locale, canViewContact, canModerate, timeZone, anonymous],
  );

  const columnVisibility: ColumnVisibilityState = useMemo(
    () =>
      Object.fromEntries(
        COLUMN_IDS.map((id) => [
          id,
          id === "actions" || (visible.includes(id) && (fullView || !FULL_VIEW_ONLY.includes(id))),
        ]),
      ),
    [visible, fullView],
  );
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => String(row.id),
    state: { columnVisibility },
    onColumnVisibilityChange: () => {},
  });

  return (
    <div className="table-wrap">
      <table className="data" data-testid="signatures-table">
        <caption className="visually-hidden">{t.title}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const id = header.column.id as ColumnId;
                // A packet view cannot sort by last name (it would order hidden names).
                const key = fullView || id !== "name" ? SORTABLE[id] : undefined;
                const active = key === sort;
                const label = <table.FlexRender header={header} />;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    {key ? (
                      <Link
                        to={sortHref(key, active && dir === "desc" ? "asc" : "desc")}
                        preventScrollReset
                      >
                        {label}{" "}
                        <span aria-hidden="true">{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
                      </Link>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.id === "comment" ? "comment" : undefined}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RowActions({ row }: { row: SignatureRow }) {
  const t = useT(organizerMessages).sig;
  const name = `${row.firstName} ${row.lastName}`;
  return (
    <div className="row-actions">
      {row.comment ? (
        <Form method="post" preventScrollReset>
          <input type="hidden" name="signatureId" value={row.id} />
          <button
            type="submit"
            name="intent"
            value={row.commentHidden ? "show" : "hide"}
            className="secondary"
          >
            {row.commentHidden ? t.show : t.hide}
          </button>
        </Form>
      ) : null}
      {row.status !== "invalidated" ? (
        <Form method="post" preventScrollReset>
          <input type="hidden" name="signatureId" value={row.id} />
          <input
            type="text"
            name="reason"
            required
            minLength={3}
            maxLength={500}
            placeholder={t.reason}
            aria-label={t.reasonFor(name)}
          />
          <button type="submit" name="intent" value="invalidate" className="danger">
            {t.invalidate}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
