import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireUser } from "~/utils/auth.server";
import dashboardStyles from "~/styles/dashboard.css";

export const links = () => [{ rel: "stylesheet", href: dashboardStyles }];

// Everything under /dashboard needs a logged-in user.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { locale: user.locale };
}

export default function DashboardLayout() {
  return (
    <div className="dashboard">
      <Outlet />
    </div>
  );
}
