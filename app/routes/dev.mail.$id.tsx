import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getCapturedMail, mailReader } from "~/domain/mail/dev-mail.server";
import { parseId } from "~/http/auth.server";

export const meta: MetaFunction = () => [
  { title: "Captured mail — Handover" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const mail = await getCapturedMail({
    reader: mailReader(request, context),
    id: parseId(params.id),
  });
  if (!mail) throw new Response("Not found", { status: 404 });
  return {
    id: mail.id,
    to: mail.toAddress,
    from: mail.fromAddress,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    headers: mail.headers,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
    })),
  };
}

export default function DevMailMessage() {
  const mail = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to="/dev/mail">← All captured mail</Link>
      </p>
      <h1>{mail.subject}</h1>
      <dl className="small">
        <dt>To</dt>
        <dd>{mail.to}</dd>
        <dt>From</dt>
        <dd>{mail.from}</dd>
        {Object.entries(mail.headers).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        {mail.attachments.length > 0 ? (
          <>
            <dt>Attachments</dt>
            <dd>
              {mail.attachments.map((a, i) => (
                <a
                  key={a.filename}
                  href={`/dev/mail/${mail.id}/attachment/${i}`}
                  style={{ marginRight: 8 }}
                >
                  {a.filename}
                </a>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>HTML</h2>
      <iframe
        title="Rendered HTML of the email"
        className="mail-frame"
        sandbox=""
        srcDoc={mail.html}
      />
      <h2>Plain text</h2>
      <pre className="mail-text">{mail.text}</pre>
    </div>
  );
}
