import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getMessages } from "~/locales";
import { safeRedirect, signupFormSchema } from "~/domain/team/account-forms";
import { EmailTakenError, signUp, signUpThrottled } from "~/domain/team/user.server";
import { clientIp } from "~/http/client-ip.server";
import { findInvitation } from "~/domain/team/member.server";
import { getOptionalUser } from "~/http/auth.server";
import { resolveLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { createSession } from "~/http/session.server";
import { FormErrors, InputField } from "~/components/form-field";
import organizerStyles from "~/styles/organizer.css";

export const links = () => [{ rel: "stylesheet", href: organizerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${getMessages("organizer", data?.locale ?? "en").auth.signupTitle} — Handover` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const params = new URL(request.url).searchParams;
  if (user) throw redirect(safeRedirect(params.get("redirectTo")));
  // Coming from an invitation: say what the account is for and fill in the invited address.
  const token = params.get("invite");
  const invitation = token ? await findInvitation(token) : null;
  return {
    locale: resolveLocale(request),
    invitation: invitation
      ? { campaignName: invitation.campaignName, role: invitation.role, email: invitation.email }
      : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getMessages("organizer", locale);
  const submission = parseWithZod(await request.formData(), { schema: signupFormSchema(t.v) });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  // Counted per client before the address is looked at: probing addresses in bulk is slow.
  const ip = clientIp(context);
  if (await signUpThrottled(ip === "unknown" ? null : ip))
    return submission.reply({ formErrors: [t.auth.signupThrottled], hideFields: ["password"] });
  try {
    const user = await signUp({ ...submission.value, locale });
    const cookie = await createSession({
      userId: user.id,
      userAgent: request.headers.get("User-Agent"),
    });
    return redirect(safeRedirect(submission.value.redirectTo), {
      headers: { "Set-Cookie": cookie },
    });
  } catch (error) {
    if (error instanceof EmailTakenError)
      return submission.reply({
        fieldErrors: { email: [t.auth.emailTaken] },
        hideFields: ["password"],
      });
    throw error;
  }
}

export default function Signup() {
  const { invitation } = useLoaderData<typeof loader>();
  const o = useT(organizerMessages);
  const t = o.auth;
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupFormSchema(o.v) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: invitation ? { email: invitation.email } : undefined,
  });
  return (
    <div className="auth-page card">
      <h1>
        {invitation
          ? t.signupInvited(invitation.campaignName, o.roles[invitation.role].toLowerCase())
          : t.signupTitle}
      </h1>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <InputField field={fields.name} label={t.name} autoComplete="name" />
        <InputField field={fields.email} label={t.email} type="email" autoComplete="email" />
        <InputField
          field={fields.password}
          label={t.password}
          hint={t.passwordHint}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit">{t.signUp}</button>
      </Form>
      <p className="small">
        {t.haveAccount}{" "}
        <Link to={`/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>
          {t.logIn}
        </Link>
      </p>
    </div>
  );
}
