import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getMessages } from "~/locales";
import { loginFormSchema, safeRedirect } from "~/domain/team/account-forms";
import { attemptLogin } from "~/domain/team/user.server";
import { clientIp } from "~/http/client-ip.server";
import { getOptionalUser } from "~/http/auth.server";
import { resolveLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { createSession } from "~/http/session.server";
import { FormErrors, InputField } from "~/components/form-field";
import organizerStyles from "~/styles/organizer.css";

export const links = () => [{ rel: "stylesheet", href: organizerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${getMessages("organizer", data?.locale ?? "en").auth.loginTitle} — Handover` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return { locale: resolveLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getMessages("organizer", locale);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginFormSchema(t.v) });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const result = await attemptLogin({
    email: submission.value.email,
    password: submission.value.password,
    ip: knownIp(clientIp(context)),
  });
  if (!result.ok) {
    const message =
      result.reason === "throttled" ? t.auth.throttled(result.retryAfterMinutes) : t.auth.invalid;
    return submission.reply({ formErrors: [message], hideFields: ["password"] });
  }
  const cookie = await createSession({
    userId: result.user.id,
    userAgent: request.headers.get("User-Agent"),
  });
  return redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  useLoaderData<typeof loader>();
  const t = useT(organizerMessages).auth;
  const v = useT(organizerMessages).v;
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginFormSchema(v) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const suffix = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "";
  return (
    <div className="auth-page card">
      <h1>{t.loginTitle}</h1>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <InputField field={fields.email} label={t.email} type="email" autoComplete="email" />
        <InputField
          field={fields.password}
          label={t.password}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit">{t.logIn}</button>
      </Form>
      <p className="small">
        <Link to="/forgot-password">{t.forgot}</Link>
      </p>
      <p className="small">
        {t.noAccount} <Link to={`/signup${suffix}`}>{t.signUp}</Link>
      </p>
    </div>
  );
}

function knownIp(ip: string) {
  return ip === "unknown" ? null : ip;
}
