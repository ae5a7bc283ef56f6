// The packet page of one delivery event: options, generate/regenerate, live progress, downloads.
// URL: /dashboard/c/<slug>/deliveries/events/<eventId>/packet
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
} from "@remix-run/react";
import { useEffect } from "react";
import { formatNumber } from "~/locales/common";
import { PacketOptionsSchema, type PacketErrorKey } from "~/domain/packets/packet";
import { getEventPackets } from "~/domain/packets/event-packets.server";
import { requestPacket } from "~/domain/packets/request-packet.server";
import packetStyles from "~/styles/packet.css";
import { useT } from "~/lib/i18n";
import packetMessages from "~/locales/packet";
import { parseId, userContext } from "~/http/auth.server";
import { getMessages } from "~/locales";
import { notFound, orHttp } from "~/http/errors.server";
import { formatInZone } from "~/lib/zoned-time";

export const links = () => [{ rel: "stylesheet", href: packetStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.t.packetTitle} — ${data.office.name} — Handover` : "Handover" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await userContext(request);
  const t = getMessages("packet", locale);
  const eventId = parseId(params.eventId);
  const data = await orHttp(getEventPackets({ actor, eventId }), { forbidden: t.forbidden });
  if (data.campaign.slug !== params.campaign) throw notFound("No such event in this campaign");
  const [current, ...earlier] = data.packets;
  const strip = (p: (typeof data.packets)[number]) => ({
    id: p.id,
    status: p.status,
    progress: p.progress,
    locale: p.locale,
    bilingual: p.bilingual,
    includeOthers: p.includeOthers,
    volumeSize: p.volumeSize,
    paperSize: p.paperSize,
    // Dates are formatted here: Node's and the browser's Intl data differ, which would break hydration.
    snapshotAt: p.snapshotAt ? formatInZone(p.snapshotAt, data.event.timeZone, locale) : null,
    signatureCount: p.signatureCount,
    paperCount: p.paperCount,
    localCount: p.localCount,
    totalVerified: p.totalVerified,
    pageCount: p.pageCount,
    volumeCount: p.volumeCount,
    fingerprint: p.fingerprint,
    superseded: !!p.supersededAt,
    // Erased under the retention schedule: only its count, fingerprint and /verify remain.
    listErased: !!p.listErasedAt,
    files: p.listErasedAt ? [] : p.files,
  });
  return {
    locale,
    t: { packetTitle: t.packetTitle },
    base: `/dashboard/c/${data.campaign.slug}/deliveries/events/${eventId}`,
    dayZip: data.event.deliveryDayId
      ? `/dashboard/c/${data.campaign.slug}/deliveries/days/${data.event.deliveryDayId}/packets.zip`
      : null,
    event: {
      id: eventId,
      status: data.event.status,
      startsLabel: formatInZone(data.event.startsAt, data.event.timeZone, locale),
    },
    office: {
      name: data.office.name,
      city: data.office.city,
      localRegions: data.office.localRegions,
      localPostalPrefixes: data.office.localPostalPrefixes,
    },
    petitionTitle:
      data.petition.titles[locale] ?? data.petition.titles[data.petition.defaultLocale] ?? "",
    petitionLocale: data.petition.defaultLocale,
    current: current ? strip(current) : null,
    earlier: earlier.map(strip),
    requested: new URL(request.url).searchParams.has("requested"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, locale } = await userContext(request);
  const t = getMessages("packet", locale);
  const eventId = parseId(params.eventId);
  const submission = parseWithZod(await request.formData(), { schema: PacketOptionsSchema });
  if (submission.status !== "success") return submission.reply();
  await orHttp(requestPacket({ actor, eventId, options: submission.value }), {
    forbidden: t.forbidden,
  });
  return redirect(
    `/dashboard/c/${params.campaign}/deliveries/events/${eventId}/packet?requested=1`,
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type PacketView = NonNullable<Loaded["current"]>;

function useLiveProgress(active: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [active, revalidator]);
}

export default function PacketPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT(packetMessages);
  const { current, office, event } = data;
  const building = current?.status === "queued" || current?.status === "building";
  useLiveProgress(building);
  const area = [...office.localRegions, ...office.localPostalPrefixes.map((p) => `${p}…`)].join(
    ", ",
  );
  return (
    <div className="stack packet-page">
      <p className="small">
        <Link to={data.base}>← {t.backToEvent}</Link>
      </p>
      <h2>
        {t.packetTitle}: {office.name}
      </h2>
      <p className="muted">
        {data.petitionTitle} · {t.deliveryOn}: {event.startsLabel}
      </p>
      <p>{t.packetIntro}</p>
      {data.requested && building ? (
        <p className="notice info" role="status">
          {t.generated}
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="current-packet">
        <h3 id="current-packet">{t.currentPacket}</h3>
        {current ? <CurrentPacket packet={current} base={data.base} /> : <p>{t.noPacket}</p>}
      </section>

      <section className="card" aria-labelledby="packet-options">
        <h3 id="packet-options">{t.options}</h3>
        <p className="small muted">{area ? t.localArea(area) : t.noLocalArea}</p>
        <OptionsForm current={current} petitionLocale={data.petitionLocale} busy={building} />
      </section>

      {data.earlier.length ? (
        <section className="card" aria-labelledby="earlier-packets">
          <h3 id="earlier-packets">{t.earlierPackets}</h3>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t.packetId}</th>
                  <th scope="col">{t.snapshotAt}</th>
                  <th scope="col">{t.signaturesInPacket}</th>
                  <th scope="col">{t.downloads}</th>
                </tr>
              </thead>
              <tbody>
                {data.earlier.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <code>{p.id}</code>{" "}
                      {p.superseded ? <span className="badge">{t.superseded}</span> : null}
                      {p.status === "failed" ? (
                        <span className="badge danger">{t.statusFailed.split(".")[0]}</span>
                      ) : null}
                    </td>
                    <td>{p.snapshotAt ?? "—"}</td>
                    <td>
                      {p.status === "ready"
                        ? formatNumber((p.signatureCount ?? 0) + (p.paperCount ?? 0), data.locale)
                        : "—"}
                    </td>
                    <td>
                      {p.files
                        .filter((f) => f.volume > 0)
                        .map((f) => (
                          <a
                            key={f.volume}
                            href={`${data.base}/packet/${p.id}/${f.volume}.pdf`}
                            className="packet-file-link"
                          >
                            {p.files.length > 2
                              ? t.volumeFile(f.volume, p.volumeCount ?? 1, f.pageCount)
                              : t.wholeFile(f.pageCount)}
                          </a>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function CurrentPacket({ packet, base }: { packet: PacketView; base: string }) {
  const t = useT(packetMessages);
  const data = useLoaderData<typeof loader>();
  if (packet.status === "queued" || packet.status === "building") {
    const pct = Math.max(packet.progress, packet.status === "queued" ? 0 : 1);
    return (
      <div>
        <noscript>
          <meta httpEquiv="refresh" content="3" />
        </noscript>
        <p role="status">
          {packet.status === "queued" ? t.statusQueued : t.statusBuilding} {pct}%
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label={t.progressLabel}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <span style={{ width: `${pct}%` }} />
        </div>
        <p className="small muted">
          {t.refreshHint} <a href={`${base}/packet`}>{t.refreshNow}</a>
        </p>
      </div>
    );
  }
  if (packet.status === "failed") return <p className="notice error">{t.statusFailed}</p>;
  const pdfs = packet.files.filter((f) => f.volume > 0);
  const volumes = packet.volumeCount ?? pdfs.length;
  return (
    <div className="stack">
      <p>
        <span className="badge ok">{t.statusReady}</span>{" "}
        <code className="packet-id">{packet.id}</code>
      </p>
      <dl className="packet-facts">
        <div>
          <dt>{t.signaturesInPacket}</dt>
          <dd className="count">
            {formatNumber((packet.signatureCount ?? 0) + (packet.paperCount ?? 0), data.locale)}
          </dd>
        </div>
        <div>
          <dt>{t.localSignatures}</dt>
          <dd>{formatNumber(packet.localCount ?? 0, data.locale)}</dd>
        </div>
        <div>
          <dt>{t.paperSignatures}</dt>
          <dd>{formatNumber(packet.paperCount ?? 0, data.locale)}</dd>
        </div>
        <div>
          <dt>{t.totalVerified}</dt>
          <dd>{formatNumber(packet.totalVerified ?? 0, data.locale)}</dd>
        </div>
        <div>
          <dt>{t.pages}</dt>
          <dd>{formatNumber(packet.pageCount ?? 0, data.locale)}</dd>
        </div>
        <div>
          <dt>{t.snapshotAt}</dt>
          <dd>{packet.snapshotAt ?? "—"}</dd>
        </div>
      </dl>
      <p className="small">
        {t.fingerprint}: <code className="fingerprint">{packet.fingerprint}</code>
      </p>
      {packet.listErased ? (
        <>
          <p className="notice">{t.verifyListErased}</p>
          <p>
            <a href={`/verify/${packet.id}`}>{t.verifyLink}</a>
          </p>
        </>
      ) : (
        <PacketDownloads packet={packet} pdfs={pdfs} volumes={volumes} base={base} />
      )}
    </div>
  );
}

function PacketDownloads({
  packet,
  pdfs,
  volumes,
  base,
}: {
  packet: { id: string };
  pdfs: { volume: number; fileName: string; pageCount: number }[];
  volumes: number;
  base: string;
}) {
  const data = useLoaderData<typeof loader>();
  const t = useT(packetMessages, data.locale);
  return (
    <>
      <h4>{t.downloads}</h4>
      <ul className="packet-downloads">
        {pdfs.map((f) => (
          <li key={f.volume}>
            <a href={`${base}/packet/${packet.id}/${f.volume}.pdf`} download={f.fileName}>
              {volumes > 1
                ? t.volumeFile(f.volume, volumes, f.pageCount)
                : t.wholeFile(f.pageCount)}
            </a>{" "}
            ·{" "}
            <a href={`${base}/packet/${packet.id}/print?volume=${f.volume}`}>
              {volumes > 1 ? t.printViewVolume(f.volume) : t.printView}
            </a>
          </li>
        ))}
        <li>
          <a href={`${base}/packet/${packet.id}/list.txt`}>{t.listFile}</a>
        </li>
        <li>
          <a href={`/verify/${packet.id}`}>{t.verifyLink}</a>
        </li>
        {data.dayZip ? (
          <li>
            <a href={data.dayZip}>{t.dayZip}</a>
          </li>
        ) : null}
      </ul>
    </>
  );
}

function OptionsForm({
  current,
  petitionLocale,
  busy,
}: {
  current: PacketView | null;
  petitionLocale: "en" | "es";
  busy: boolean;
}) {
  const t = useT(packetMessages);
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      language: current ? (current.bilingual ? "both" : current.locale) : petitionLocale,
      others: current && !current.includeOthers ? "none" : "all",
      volumeSize: String(current?.volumeSize ?? 5000),
      paperSize: current?.paperSize ?? "letter",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PacketOptionsSchema }),
    shouldValidate: "onBlur",
  });
  const msg = (errors: string[] | undefined) =>
    errors?.length ? errors.map((e) => t.errors[e as PacketErrorKey] ?? e).join(" ") : null;
  const submitting = navigation.state === "submitting";
  return (
    <Form method="post" {...getFormProps(form)} className="packet-options">
      {lastResult?.status === "error" ? (
        <p className="notice error" role="alert">
          {t.optionsInvalid}
        </p>
      ) : null}
      <div className="form-row packet-options-grid">
        <div className="field">
          <label htmlFor={fields.language.id}>{t.language}</label>
          <select
            {...getSelectProps(fields.language)}
            aria-describedby={fields.language.errors ? fields.language.errorId : undefined}
          >
            <option value="en">{t.languageEn}</option>
            <option value="es">{t.languageEs}</option>
            <option value="both">{t.languageBoth}</option>
          </select>
          {fields.language.errors ? (
            <p className="field-error" id={fields.language.errorId}>
              {msg(fields.language.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.paperSize.id}>{t.paperSize}</label>
          <select {...getSelectProps(fields.paperSize)}>
            <option value="letter">{t.paperLetter}</option>
            <option value="a4">{t.paperA4}</option>
          </select>
          {fields.paperSize.errors ? (
            <p className="field-error" id={fields.paperSize.errorId}>
              {msg(fields.paperSize.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.volumeSize.id}>{t.volumeSize}</label>
          <input
            {...getInputProps(fields.volumeSize, { type: "number" })}
            inputMode="numeric"
            step={1}
            aria-describedby={`${fields.volumeSize.id}-hint${fields.volumeSize.errors ? ` ${fields.volumeSize.errorId}` : ""}`}
          />
          <span className="hint" id={`${fields.volumeSize.id}-hint`}>
            {t.volumeSizeHint}
          </span>
          {fields.volumeSize.errors ? (
            <p className="field-error" id={fields.volumeSize.errorId}>
              {msg(fields.volumeSize.errors)}
            </p>
          ) : null}
        </div>
      </div>
      <fieldset className="field">
        <legend>{t.others}</legend>
        <label className="checkbox">
          <input
            {...getInputProps(fields.others, { type: "radio", value: "all" })}
            key="all"
            defaultChecked={fields.others.initialValue === "all"}
          />
          <span>{t.othersAll}</span>
        </label>
        <label className="checkbox">
          <input
            {...getInputProps(fields.others, { type: "radio", value: "none" })}
            key="none"
            defaultChecked={fields.others.initialValue === "none"}
          />
          <span>{t.othersNone}</span>
        </label>
        {fields.others.errors ? (
          <p className="field-error" id={fields.others.errorId}>
            {msg(fields.others.errors)}
          </p>
        ) : null}
      </fieldset>
      {current?.status === "ready" ? <p className="small muted">{t.regenerateHint}</p> : null}
      <button type="submit" disabled={busy || submitting}>
        {current ? t.regenerate : t.generate}
      </button>
    </Form>
  );
}
