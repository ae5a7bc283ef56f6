import { NavLink } from "@remix-run/react";
import type { CampaignAbilities } from "~/domain/team/authorization.server";
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

// The campaign's sections; every member sees those without `needs`. Links the member cannot use
// are not shown (the pages check again).
const SECTIONS: { to: string; key: Key; needs?: keyof CampaignAbilities }[] = [
  { to: "", key: "overview" },
  { to: "petitions", key: "petitions" },
  { to: "deliveries", key: "deliveries" },
  { to: "offices", key: "offices" },
  { to: "members", key: "team" },
  { to: "audit", key: "audit", needs: "viewAudit" },
  // Organizers see the retention schedule there (read-only); the owner changes everything.
  { to: "settings", key: "settings", needs: "viewRetention" },
  { to: "integrations", key: "integrations", needs: "manageIntegrations" },
];

export function CampaignNav({ slug, can }: { slug: string; can: CampaignAbilities }) {
  const t = useT(organizerMessages).nav;
  return (
    <nav aria-label={t.label} className="campaign-nav">
      <ul>
        {SECTIONS.filter((s) => !s.needs || can[s.needs]).map((s) => (
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
