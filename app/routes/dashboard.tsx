import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireUser } from "~/http/auth.server";
import { resolveLocale } from "~/lib/i18n";
import dashboardStyles from "~/styles/dashboard.css";
import organizerStyles from "~/styles/organizer.css";

export const links = () => [
  { rel: "stylesheet", href: dashboardStyles },
  { rel: "stylesheet", href: organizerStyles },
];

// Everything under /dashboard needs a logged-in user.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // The language switch (?lang= / cookie) wins over the account's language.
  return { locale: resolveLocale(request, user.locale) };
}

export default function DashboardLayout() {
  return (
    <div className="dashboard">
      <Outlet />
    </div>
  );
}
