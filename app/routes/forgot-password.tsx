import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getMessages } from "~/locales";
import { forgotFormSchema } from "~/domain/team/account-forms";
import { requestPasswordReset } from "~/domain/team/user.server";
import { clientIp } from "~/http/client-ip.server";
import { resolveLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { InputField } from "~/components/form-field";
import organizerStyles from "~/styles/organizer.css";

export const links = () => [{ rel: "stylesheet", href: organizerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${getMessages("organizer", data?.locale ?? "en").auth.forgotTitle} — Handover` },
];

export const loader = ({ request }: LoaderFunctionArgs) => ({ locale: resolveLocale(request) });

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getMessages("organizer", locale);
  const submission = parseWithZod(await request.formData(), { schema: forgotFormSchema(t.v) });
  if (submission.status !== "success") return { result: submission.reply(), sent: false };
  const ip = clientIp(context);
  await requestPasswordReset({
    email: submission.value.email,
    locale,
    ip: ip === "unknown" ? null : ip,
  });
  return { result: submission.reply(), sent: true };
}

export default function ForgotPassword() {
  useLoaderData<typeof loader>();
  const o = useT(organizerMessages);
  const data = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: data?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotFormSchema(o.v) }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="auth-page card">
      <h1>{o.auth.forgotTitle}</h1>
      {data?.sent ? (
        <p className="notice ok" role="status">
          {o.auth.forgotSent}
        </p>
      ) : (
        <>
          <p>{o.auth.forgotIntro}</p>
          <Form method="post" {...getFormProps(form)}>
            <InputField
              field={fields.email}
              label={o.auth.email}
              type="email"
              autoComplete="email"
            />
            <button type="submit">{o.auth.sendLink}</button>
          </Form>
        </>
      )}
    </div>
  );
}
