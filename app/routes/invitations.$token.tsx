import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getMessages } from "~/locales";
import { acceptInvitation, findInvitation, MemberRuleError } from "~/domain/team/member.server";
import { getOptionalUser, requireUser } from "~/http/auth.server";
import { resolveLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import organizerStyles from "~/styles/organizer.css";

export const links = () => [{ rel: "stylesheet", href: organizerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${getMessages("organizer", data?.locale ?? "en").auth.inviteTitle} — Handover` },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const invitation = await findInvitation(params.token!);
  return {
    locale: resolveLocale(request, user?.locale),
    loggedIn: !!user,
    invitation: invitation
      ? { campaignName: invitation.campaignName, role: invitation.role, email: invitation.email }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const joined = await acceptInvitation({ actor: { userId: user.id }, token: params.token! });
    return redirect(`/dashboard/c/${joined.campaignSlug}?joined=1`);
  } catch (error) {
    if (error instanceof MemberRuleError)
      return redirect(`/invitations/${encodeURIComponent(params.token!)}`);
    throw error;
  }
}

export default function Invitation() {
  const { invitation, loggedIn } = useLoaderData<typeof loader>();
  const o = useT(organizerMessages);
  // Sign-up and log-in both come back here to accept.
  const pathname = useLocation().pathname;
  const back = encodeURIComponent(pathname);
  const token = pathname.split("/").pop() ?? "";
  return (
    <div className="auth-page card">
      <h1>{o.auth.inviteTitle}</h1>
      {!invitation ? (
        <p className="notice error">{o.auth.inviteInvalid}</p>
      ) : (
        <>
          <p>
            {o.auth.inviteBody(invitation.campaignName, o.roles[invitation.role].toLowerCase())}
          </p>
          {loggedIn ? (
            <Form method="post">
              <button type="submit">{o.auth.accept}</button>
            </Form>
          ) : (
            <>
              <p>{o.auth.inviteLoginFirst}</p>
              <p className="page-actions">
                <Link
                  className="button"
                  to={`/signup?invite=${encodeURIComponent(token)}&redirectTo=${back}`}
                >
                  {o.auth.signUp}
                </Link>
                <Link className="button secondary" to={`/login?redirectTo=${back}`}>
                  {o.auth.logIn}
                </Link>
              </p>
            </>
          )}
        </>
      )}
    </div>
  );
}
