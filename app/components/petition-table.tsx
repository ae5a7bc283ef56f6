import { Link } from "@remix-run/react";
import type { PetitionState } from "#db/schema/states";
import { formatNumber } from "~/locales/common";
import { useLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";

type Item = {
  id: number;
  slug: string;
  title: string;
  status: PetitionState;
  verifiedCount: number;
  goal: number;
};

export function PetitionTable({ petitions, base }: { petitions: Item[]; base: string }) {
  const o = useT(organizerMessages);
  const locale = useLocale();
  if (!petitions.length) return <p>{o.dash.noPetitions}</p>;
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="visually-hidden">{o.dash.petitions}</caption>
        <thead>
          <tr>
            <th scope="col">{o.dash.title}</th>
            <th scope="col">{o.dash.status}</th>
            <th scope="col">{o.dash.verified}</th>
            <th scope="col">{o.dash.goal}</th>
          </tr>
        </thead>
        <tbody>
          {petitions.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`${base}/petitions/${p.id}`}>{p.title}</Link>
                <div className="small muted">/p/{p.slug}</div>
              </td>
              <td>
                <span
                  className={`badge ${p.status === "published" ? "ok" : p.status === "closed" ? "" : "warn"}`}
                >
                  {o.states[p.status]}
                </span>
              </td>
              <td>{formatNumber(p.verifiedCount, locale)}</td>
              <td>{formatNumber(p.goal, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The campaign's petitions under a "Petitions" heading, with "New petition" for those who may add one. */
export function PetitionsSection({
  petitions,
  base,
  canManage,
}: {
  petitions: Item[];
  base: string;
  canManage: boolean;
}) {
  const o = useT(organizerMessages);
  return (
    <>
      <div className="section-head">
        <h2>{o.dash.petitions}</h2>
        {canManage ? (
          <Link className="button" to={`${base}/petitions/new`}>
            {o.dash.newPetition}
          </Link>
        ) : null}
      </div>
      <PetitionTable petitions={petitions} base={base} />
    </>
  );
}
