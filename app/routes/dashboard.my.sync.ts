// Receives one change a coordinator's phone kept while offline (see offline-changes.server.ts).
// Sent as a web form with one field, `change` (JSON text), like every other action (the request
// edge accepts only forms; ADR 014). Answers are always JSON: 200 with { ok } for applied or refused, 401 when the session is gone (the phone
// keeps the change and asks to log in), 400 for a body that is not a change.
import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { applyOfflineChange, offlineChangeSchema } from "~/domain/deliveries/offline-changes.server";
import { getSessionUser } from "~/http/session.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return data({ error: "method" }, { status: 405 });
  const user = await getSessionUser(request);
  if (!user) return data({ error: "login" }, { status: 401 });
  const form = await request.formData().catch(() => null);
  const raw = form?.get("change");
  let body: unknown = null;
  try {
    body = typeof raw === "string" ? JSON.parse(raw) : null;
  } catch {
    body = null;
  }
  const parsed = offlineChangeSchema.safeParse(body);
  if (!parsed.success) return data({ ok: false, code: "invalid" }, { status: 400 });
  return data(await applyOfflineChange({ actor: { userId: user.id }, change: parsed.data }));
}
