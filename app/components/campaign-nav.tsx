import { NavLink } from "@remix-run/react";
import type { CampaignRole } from "#db/schema/states";

// The campaign's sections. Links a role cannot use are not shown (the pages check again).
const SECTIONS: { to: string; label: string; roles: CampaignRole[] }[] = [
  { to: "", label: "Overview", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "petitions", label: "Petitions", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "deliveries", label: "Delivery board", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "offices", label: "Offices", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "members", label: "Team", roles: ["owner", "organizer", "coordinator", "viewer"] },
  { to: "audit", label: "Audit log", roles: ["owner"] },
];

export function CampaignNav({ slug, role }: { slug: string; role: CampaignRole }) {
  return (
    <nav aria-label="Campaign" className="campaign-nav">
      <ul>
        {SECTIONS.filter((s) => s.roles.includes(role)).map((s) => (
          <li key={s.to}>
            <NavLink to={`/dashboard/c/${slug}${s.to ? `/${s.to}` : ""}`} end={s.to === ""}>
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
