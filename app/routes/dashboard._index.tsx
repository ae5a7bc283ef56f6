import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getMessages } from "~/locales";
import { campaignAbilities } from "~/domain/team/authorization.server";
import { createCampaign, listMyCampaigns } from "~/domain/team/campaign.server";
import { coordinatesAnyEvent } from "~/domain/deliveries/my-deliveries.server";
import { campaignFormSchema } from "~/domain/team/campaign-forms";
import { userContext } from "~/http/auth.server";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import organizerMessages from "~/locales/organizer";
import { CampaignFields } from "~/components/campaign-fields";

export const meta: MetaFunction = () => [{ title: "Dashboard — Handover" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await userContext(request);
  const campaigns = await listMyCampaigns({ userId: user.id });
  const coordinates = await coordinatesAnyEvent({ actor: { userId: user.id } });
  // A coordinator's first page is their day, not the campaign list (?all=1 shows the list).
  const plansAnything = campaigns.some((c) => campaignAbilities(c.role).planDeliveries);
  if (coordinates && !plansAnything && new URL(request.url).searchParams.get("all") !== "1")
    throw redirect("/dashboard/my");
  return { campaigns, coordinates };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, locale } = await userContext(request);
  const t = getMessages("organizer", locale);
  const submission = parseWithZod(await request.formData(), { schema: campaignFormSchema(t.v) });
  if (submission.status !== "success") return submission.reply();
  const campaign = await createCampaign({ actor, ...submission.value });
  return redirect(`/dashboard/c/${campaign.slug}`);
}

export default function Dashboard() {
  const { campaigns, coordinates } = useLoaderData<typeof loader>();
  const o = useT(organizerMessages);
  const d = useT(deliveryMessages);
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { defaultLocale: "en" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: campaignFormSchema(o.v) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="stack">
      {coordinates ? (
        <p>
          <Link className="button" to="/dashboard/my">
            {d.my.title}
          </Link>
        </p>
      ) : null}
      <h1>{o.dash.myCampaigns}</h1>
      {campaigns.length === 0 ? (
        <p>{o.dash.noCampaigns}</p>
      ) : (
        <ul className="campaign-list">
          {campaigns.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/dashboard/c/${c.slug}`}>{c.name}</Link>
              </h2>
              <span className="badge">{o.roles[c.role]}</span>
              {c.description ? <p className="small muted">{c.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="new-campaign">
        <h2 id="new-campaign">{o.dash.newCampaign}</h2>
        <Form method="post" {...getFormProps(form)}>
          <CampaignFields fields={fields} />
          <button type="submit">{o.dash.create}</button>
        </Form>
      </section>
    </div>
  );
}
