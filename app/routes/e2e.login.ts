import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUserByEmail } from "~/domain/team/user.server";
import { env } from "~/lib/env.server";
import { createSession } from "~/http/session.server";

// Test-only shortcut: logs in as a seeded user. Exists only when HANDOVER_E2E=1 (set by Playwright).
export async function loader({ request }: LoaderFunctionArgs) {
  if (env().HANDOVER_E2E !== "1") throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const user = await getUserByEmail(url.searchParams.get("email") ?? "");
  if (!user) throw new Response("No such user", { status: 404 });
  const cookie = await createSession({ userId: user.id, userAgent: "e2e" });
  return redirect(url.searchParams.get("to") ?? "/dashboard", {
    headers: { "Set-Cookie": cookie },
  });
}
