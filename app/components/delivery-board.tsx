// The status board's table: @tanstack/react-table (v9) for the column model and cells; sorting,
// filtering and grouping are done by the server (links and a GET form), so the page works without
// JavaScript and stays fast with a thousand rows.
import { Link } from "@remix-run/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { Fragment, useMemo } from "react";
import type { EventState, Locale } from "#db/schema/states";
import type { BoardRow } from "~/domain/deliveries/board.server";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import { formatInZone } from "~/lib/zoned-time";
import { StatusBadge } from "./delivery-status-badge";
import { OfficeSideNote } from "./office-side-note";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, BoardRow>();

type SortKey = "time" | "city" | "status" | "updated";

export function DeliveryBoardTable({
  rows,
  locale,
  userZone,
  slug,
  sortHref,
  sort,
  dir,
  group,
  selectForm,
}: {
  /** When set, each row gets a checkbox belonging to this form (the board's bulk assignment). */
  selectForm?: string;
  rows: BoardRow[];
  locale: Locale;
  userZone: string;
  slug: string;
  sortHref: (key: SortKey) => string;
  sort: SortKey;
  dir: "asc" | "desc";
  group: "none" | "date" | "status";
}) {
  const t = useT(deliveryMessages);
  const columns = useMemo(() => {
    const sortable = (key: SortKey, label: string) => () => (
      <Link
        to={sortHref(key)}
        aria-label={`${label}${sort === key ? (dir === "asc" ? " ↑" : " ↓") : ""}`}
      >
        {label}
        {sort === key ? (dir === "asc" ? " ↑" : " ↓") : ""}
      </Link>
    );
    const select = selectForm
      ? [
          helper.display({
            id: "select",
            header: () => <span className="visually-hidden">{t.selectColumn}</span>,
            cell: (info) => (
              <input
                type="checkbox"
                name="eventId"
                value={info.row.original.id}
                form={selectForm}
                aria-label={t.selectEvent(info.row.original.city, info.row.original.officeName)}
              />
            ),
          }),
        ]
      : [];
    return helper.columns([
      ...select,
      helper.accessor("city", {
        header: sortable("city", t.colCity),
        cell: (info) => (
          <>
            <Link to={`/dashboard/c/${slug}/deliveries/events/${info.row.original.id}`}>
              {info.getValue()}
            </Link>
            {info.row.original.region ? (
              <span className="sub">{info.row.original.region}</span>
            ) : null}
          </>
        ),
      }),
      helper.accessor("officeName", { header: t.colOffice, cell: (info) => info.getValue() }),
      helper.accessor("startsAt", {
        header: sortable("time", t.colLocalTime),
        cell: (info) => {
          const r = info.row.original;
          return (
            <>
              {formatInZone(r.startsAt, r.timeZone, locale)}
              {userZone !== r.timeZone ? (
                <span className="sub">
                  {formatInZone(r.startsAt, userZone, locale, {
                    weekday: undefined,
                    month: undefined,
                    day: undefined,
                  })}
                </span>
              ) : null}
            </>
          );
        },
      }),
      helper.accessor("coordinators", {
        header: t.colCoordinator,
        cell: (info) => info.getValue() || t.noCoordinator,
      }),
      helper.accessor("status", {
        header: sortable("status", t.colStatus),
        cell: (info) => (
          <>
            <StatusBadge status={info.getValue() as EventState} />
            <OfficeSideNote event={info.row.original} />
          </>
        ),
      }),
      helper.accessor("going", {
        header: t.colRsvps,
        cell: (info) => {
          const r = info.row.original;
          return (
            <>
              {r.going}
              {r.capacity != null ? ` / ${r.capacity}` : ""}
              {r.waitlisted ? <span className="sub">{t.waitlistShort(r.waitlisted)}</span> : null}
            </>
          );
        },
      }),
      helper.accessor("packetStatus", {
        header: t.colPacket,
        cell: (info) => info.getValue() ?? t.noPacket,
      }),
      helper.accessor("updatedAt", {
        header: sortable("updated", t.colUpdated),
        cell: (info) => formatInZone(info.getValue(), userZone, locale, { weekday: undefined }),
      }),
    ]);
  }, [t, slug, locale, userZone, sortHref, sort, dir, selectForm]);

  const table = useTable({ features, columns, data: rows });
  const groupOf = (r: BoardRow) =>
    group === "date" ? r.localDate : group === "status" ? t.status[r.status as EventState] : "";

  return (
    <div className="table-wrap">
      <table className="data board-table">
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((header) => (
                <th key={header.id} scope="col">
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row, i, all) => {
            const label = groupOf(row.original);
            const startsGroup =
              group !== "none" && (i === 0 || groupOf(all[i - 1]!.original) !== label);
            return (
              <Fragment key={row.id}>
                {startsGroup ? (
                  <tr className="board-group-row">
                    <th colSpan={columns.length} scope="colgroup">
                      {label}
                    </th>
                  </tr>
                ) : null}
                <tr data-event-id={row.original.id} data-status={row.original.status}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
