import { NavLink } from "@remix-run/react";
import type { CampaignRole } from "#db/schema/states";
import { useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";

type Key =
  | "overview"
  | "petitions"
  | "deliveries"
  | "offices"
  | "team"
  | "audit"
  | "settings"
  | "integrations";

// The campaign's sections. Links a role cannot use are not shown (the pages check again).
const SECTIONS: { to: string; key: Key; roles: CampaignRole[] }[] = [
  { to: "", key: "overview", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "petitions", key: "petitions", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "deliveries", key: "deliveries", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "offices", key: "offices", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "members", key: "team", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "audit", key: "audit", roles: ["owner"] },
  // Organizers see the retention schedule there (read-only); the owner changes everything.
  { to: "settings", key: "settings", roles: ["owner", "organizer"] },
  { to: "integrations", key: "integrations", roles: ["owner"] },
];

export function CampaignNav({ slug, role }: { slug: string; role: CampaignRole }) {
  const t = useT(organizerMessages).nav;
  return (
    <nav aria-label={t.label} className="campaign-nav">
      <ul>
        {SECTIONS.filter((s) => s.roles.includes(role)).map((s) => (
          <li key={s.to}>
            <NavLink to={`/dashboard/c/${slug}${s.to ? `/${s.to}` : ""}`} end={s.to === ""}>
              {t[s.key]}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
