import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listCapturedMail, mailReader } from "~/domain/mail/dev-mail.server";

export const meta: MetaFunction = () => [
  { title: "Captured mail — Handover" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const to = new URL(request.url).searchParams.get("to");
  const mail = await listCapturedMail({ reader: mailReader(request, context), to });
  return {
    to,
    mail: mail.map((m) => ({
      id: m.id,
      to: m.toAddress,
      subject: m.subject,
      createdAt: m.createdAt.toISOString(),
      template: m.headers["X-Handover-Template"] ?? "",
    })),
  };
}

export default function DevMail() {
  const { mail, to } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Captured mail</h1>
      <p className="muted">
        No <code>SMTP_URL</code> is set, so Handover keeps outgoing mail here instead of sending it.
      </p>
      <Form method="get" className="card">
        <div className="field">
          <label htmlFor="to">Recipient</label>
          <input
            id="to"
            name="to"
            type="search"
            defaultValue={to ?? ""}
            placeholder="someone@example.org"
          />
        </div>
        <button type="submit">Filter</button>
      </Form>
      {mail.length === 0 ? (
        <p>No mail yet.</p>
      ) : (
        <ul className="mail-list">
          {mail.map((m) => (
            <li key={m.id}>
              <Link to={`/dev/mail/${m.id}`}>{m.subject}</Link>
              <div className="small muted">
                to {m.to} · {m.template} ·{" "}
                <time dateTime={m.createdAt}>
                  {new Date(m.createdAt).toLocaleString("en-US", { timeZone: "UTC" })} UTC
                </time>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
