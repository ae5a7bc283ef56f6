// Signatures gathered on paper: record a batch (count per city, names optional), see the batches
// and the petition's total, online + paper.
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatNumber } from "~/locales/common";
import { PaperBatchSchema, paperNameLines, type PacketErrorKey } from "~/domain/packets/packet";
import { deletePaperBatch, listPaperBatches, recordPaperSignatures } from "~/domain/petitions/paper.server";
import { getVerifiedCount } from "~/domain/petitions/petition-count.server";
import packetStyles from "~/styles/packet.css";
import { getMessages } from "~/locales";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { notFound, orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import packetMessages from "~/locales/packet";

export const links = () => [{ rel: "stylesheet", href: packetStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} — Handover` : "Handover" },
];

async function petitionInCampaign(
  request: Request,
  params: { campaign?: string; petitionId?: string },
) {
  const member = await requireCampaignMember(request, params.campaign);
  const petitionId = parseId(params.petitionId);
  const listed = await orHttp(listPaperBatches({ actor: member.actor, petitionId }));
  if (listed.campaignId !== member.campaign.id) throw notFound("No such petition in this campaign");
  return { ...member, petitionId, listed };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, can, petitionId, listed } = await petitionInCampaign(request, params);
  const url = new URL(request.url);
  const saved = url.searchParams.get("saved");
  return {
    locale,
    title: getMessages("packet", locale).paperTitle,
    canRecord: can.recordPaper,
    online: await getVerifiedCount(petitionId),
    paper: listed.batches.reduce((n, b) => n + b.count, 0),
    batches: listed.batches.map((b) => ({
      id: b.id,
      city: b.city,
      region: b.region,
      postalCode: b.postalCode,
      count: b.count,
      names: paperNameLines(b.names).length,
      note: b.note,
      createdAt: b.createdAt.toISOString().slice(0, 10),
    })),
    saved: saved
      ? {
          id: saved,
          count: Number(url.searchParams.get("count") ?? 0),
          city: url.searchParams.get("city") ?? "",
        }
      : null,
    deleted: url.searchParams.has("deleted"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, petitionId } = await petitionInCampaign(request, params);
  const formData = await request.formData();
  const base = `/dashboard/c/${params.campaign}/petitions/${petitionId}/paper`;
  if (formData.get("intent") === "delete") {
    await orHttp(
      deletePaperBatch({
        actor,
        petitionId,
        batchId: parseId(String(formData.get("batchId"))),
      }),
    );
    return redirect(`${base}?deleted=1`);
  }
  const submission = parseWithZod(formData, { schema: PaperBatchSchema });
  if (submission.status !== "success") return submission.reply();
  const batch = await orHttp(recordPaperSignatures({ actor, petitionId, input: submission.value }));
  return redirect(
    `${base}?saved=${batch.id}&count=${batch.count}&city=${encodeURIComponent(batch.city)}`,
  );
}

export default function PaperSignatures() {
  const d = useLoaderData<typeof loader>();
  const t = useT(packetMessages);
  return (
    <div className="stack">
      <h3>{t.paperTitle}</h3>
      <p>{t.paperIntro}</p>
      <p className="count" data-testid="paper-totals">
        {t.paperTotals(d.online, d.paper)}
      </p>
      {d.saved ? (
        <p className="notice ok" role="status">
          {t.paperSaved(d.saved.count, d.saved.city)}
        </p>
      ) : null}
      {d.deleted ? (
        <p className="notice ok" role="status">
          {t.paperDeleted}
        </p>
      ) : null}
      {/* A new key after each save: the form starts empty, so a batch is not recorded twice by accident. */}
      {d.canRecord ? (
        <PaperForm key={d.saved?.id ?? "new"} />
      ) : (
        <p className="notice info">{t.paperViewOnly}</p>
      )}
      <section aria-labelledby="paper-batches" className="paper-batches">
        <h4 id="paper-batches">{t.paperBatches}</h4>
        {d.batches.length === 0 ? (
          <p className="muted">{t.paperNone}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t.paperCity}</th>
                  <th scope="col">{t.paperRegion}</th>
                  <th scope="col">{t.paperPostal}</th>
                  <th scope="col">{t.paperCount}</th>
                  <th scope="col">{t.paperNames}</th>
                  <th scope="col">{t.paperRecordedOn}</th>
                  {d.canRecord ? (
                    <th scope="col">
                      <span className="visually-hidden">{t.paperDelete}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {d.batches.map((b) => (
                  <tr key={b.id}>
                    <td>
                      {b.city} <span className="badge info">{t.paperSignatures}</span>
                      {b.note ? <div className="small muted">{b.note}</div> : null}
                    </td>
                    <td>{b.region}</td>
                    <td>{b.postalCode}</td>
                    <td>{formatNumber(b.count, d.locale)}</td>
                    <td>{b.names ? t.paperNamesCount(b.names) : t.paperCountOnly}</td>
                    <td>{b.createdAt}</td>
                    {d.canRecord ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="batchId" value={b.id} />
                          <button
                            type="submit"
                            className="secondary"
                            aria-label={`${t.paperDelete}: ${b.city}, ${b.count}`}
                          >
                            {t.paperDelete}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function PaperForm() {
  const t = useT(packetMessages);
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PaperBatchSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const msg = (errors: string[] | undefined) =>
    errors?.length ? errors.map((e) => t.errors[e as PacketErrorKey] ?? e).join(" ") : null;
  const described = (f: { errors?: string[]; errorId: string }, hint?: string) =>
    [hint, f.errors ? f.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <Form method="post" {...getFormProps(form)} className="card paper-form">
      <input type="hidden" name="intent" value="record" />
      <div className="form-row">
        <div className="field">
          <label htmlFor={fields.city.id}>{t.paperCity}</label>
          <input
            {...getInputProps(fields.city, { type: "text" })}
            autoComplete="off"
            aria-describedby={described(fields.city)}
          />
          {fields.city.errors ? (
            <p className="field-error" id={fields.city.errorId}>
              {msg(fields.city.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.region.id}>{t.paperRegion}</label>
          <input
            {...getInputProps(fields.region, { type: "text" })}
            autoComplete="off"
            aria-describedby={described(fields.region, `${fields.region.id}-hint`)}
          />
          <span className="hint" id={`${fields.region.id}-hint`}>
            {t.paperRegionHint}
          </span>
          {fields.region.errors ? (
            <p className="field-error" id={fields.region.errorId}>
              {msg(fields.region.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.postalCode.id}>{t.paperPostal}</label>
          <input
            {...getInputProps(fields.postalCode, { type: "text" })}
            autoComplete="off"
            aria-describedby={described(fields.postalCode)}
          />
          {fields.postalCode.errors ? (
            <p className="field-error" id={fields.postalCode.errorId}>
              {msg(fields.postalCode.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.count.id}>{t.paperCount}</label>
          <input
            {...getInputProps(fields.count, { type: "number" })}
            inputMode="numeric"
            min={1}
            step={1}
            aria-describedby={described(fields.count)}
          />
          {fields.count.errors ? (
            <p className="field-error" id={fields.count.errorId}>
              {msg(fields.count.errors)}
            </p>
          ) : null}
        </div>
      </div>
      <div className="field">
        <label htmlFor={fields.names.id}>{t.paperNames}</label>
        <textarea
          {...getTextareaProps(fields.names)}
          aria-describedby={described(fields.names, `${fields.names.id}-hint`)}
        />
        <span className="hint" id={`${fields.names.id}-hint`}>
          {t.paperNamesHint}
        </span>
        {fields.names.errors ? (
          <p className="field-error" id={fields.names.errorId}>
            {msg(fields.names.errors)}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={fields.note.id}>{t.paperNote}</label>
        <input
          {...getInputProps(fields.note, { type: "text" })}
          aria-describedby={described(fields.note)}
        />
        {fields.note.errors ? (
          <p className="field-error" id={fields.note.errorId}>
            {msg(fields.note.errors)}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={navigation.state === "submitting"}>
        {t.paperSave}
      </button>
    </Form>
  );
}
