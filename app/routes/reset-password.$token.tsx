import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getMessages } from "~/locales";
import { resetFormSchema } from "~/domain/team/account-forms";
import { findPasswordReset, resetPassword } from "~/domain/team/user.server";
import { resolveLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { FormErrors, InputField } from "~/components/form-field";
import organizerStyles from "~/styles/organizer.css";

export const links = () => [{ rel: "stylesheet", href: organizerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${getMessages("organizer", data?.locale ?? "en").auth.resetTitle} — Handover` },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return { locale: resolveLocale(request), valid: !!(await findPasswordReset(params.token!)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = getMessages("organizer", resolveLocale(request));
  const submission = parseWithZod(await request.formData(), { schema: resetFormSchema(t.v) });
  if (submission.status !== "success")
    return submission.reply({ hideFields: ["password", "confirm"] });
  if (!(await resetPassword({ token: params.token!, password: submission.value.password }))) {
    return submission.reply({
      formErrors: [t.auth.resetInvalid],
      hideFields: ["password", "confirm"],
    });
  }
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const o = useT(organizerMessages);
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetFormSchema(o.v) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="auth-page card">
      <h1>{o.auth.resetTitle}</h1>
      {!valid ? (
        <p className="notice error">
          {o.auth.resetInvalid} <Link to="/forgot-password">{o.auth.forgotTitle}</Link>
        </p>
      ) : (
        <>
          <FormErrors errors={form.errors} id={form.errorId} />
          <Form method="post" {...getFormProps(form)}>
            <InputField
              field={fields.password}
              label={o.auth.newPassword}
              hint={o.auth.passwordHint}
              type="password"
              autoComplete="new-password"
            />
            <InputField
              field={fields.confirm}
              label={o.auth.confirmPassword}
              type="password"
              autoComplete="new-password"
            />
            <button type="submit">{o.auth.savePassword}</button>
          </Form>
        </>
      )}
    </div>
  );
}
