// One delivery event for the team: status moves, the coordinator's report (made for a phone),
// the acknowledgement, time and place, the attendee list with check-in, and the history.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EVENT_STATES, type EventState } from "#db/schema/states";
import { DeliveryReportView } from "~/components/delivery-report-view";
import { AcknowledgementForm, ReportDeliveryForm } from "~/components/event-report-form";
import { AttendeeList } from "~/components/event-attendees";
import { RescheduleForm } from "~/components/event-reschedule-form";
import { StatusBadge } from "~/components/delivery-status-badge";
import { EmailDeliveryLink, OfficeSideNote } from "~/components/office-side-note";
import { ForbiddenError } from "~/domain/team/authorization.server";
import { nextStates } from "~/domain/deliveries/delivery-event";
import { CoordinatorAssignmentError, listAssignableMembers, setEventCoordinators } from "~/domain/deliveries/delivery-coordinators.server";
import { getEventDetail, IllegalTransitionError, moveEventStatus, PacketNotBuiltError, updateEventSchedule } from "~/domain/deliveries/delivery-event.server";
import { acknowledgementSchema, reportSchema, rescheduleSchema } from "~/domain/deliveries/delivery-forms";
import { DeliveryTimeError, recordAcknowledgement, reportDelivery } from "~/domain/deliveries/delivery-report.server";
import { listAttendees, setCheckedIn } from "~/domain/deliveries/attendees.server";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { notFound, orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import { formatInZone, localDate, zonedTimeToUtc } from "~/lib/zoned-time";
import styles from "~/styles/delivery.css";
import { int4Id } from "~/lib/params";

export const links = () => [{ rel: "stylesheet", href: styles }];

async function load(request: Request, params: { campaign?: string; eventId?: string }) {
  const { user, actor, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const eventId = parseId(params.eventId);
  const detail = await orHttp(getEventDetail({ actor, campaignId: campaign.id, eventId }));
  if (!detail) throw notFound("No such event");
  return { user, actor, locale, campaign, detail };
}

function localInput(instant: Date, timeZone: string) {
  const hm = formatInZone(instant, timeZone, "en", {
    weekday: undefined,
    month: undefined,
    day: undefined,
    timeZoneName: undefined,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return { date: localDate(instant, timeZone), time: hm };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, locale, campaign, detail } = await load(request, params);
  const attendees = detail.can.seeAttendees
    ? await listAttendees({ actor, eventId: detail.event.id })
    : [];
  const now = localInput(new Date(), detail.event.timeZone);
  const starts = localInput(detail.event.startsAt, detail.event.timeZone);
  const assignable = detail.can.assignCoordinators
    ? await listAssignableMembers({ campaignId: campaign.id })
    : [];
  return {
    assignable,
    saved: new URL(request.url).searchParams.get("coordinators") === "1",
    locale,
    userZone: user.timeZone,
    campaign: { slug: campaign.slug },
    detail,
    attendees,
    nowLocal: `${now.date}T${now.time}`,
    startsLocal: starts,
  };
}

type Intent = "move" | "report" | "ack" | "checkin" | "schedule" | "coordinators";

// A refused action answers 4xx, and Remix skips reloading after those by default: reload anyway,
// so a move someone else made meanwhile shows up and the buttons match the real status.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  defaultShouldRevalidate,
}) => (formMethod ? true : defaultShouldRevalidate);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign, detail } = await load(request, params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  const eventId = detail.event.id;
  const back = `/dashboard/c/${campaign.slug}/deliveries/events/${eventId}`;
  try {
    if (intent === "move") {
      const to = String(formData.get("to"));
      if (!(EVENT_STATES as readonly string[]).includes(to))
        return data({ intent, error: "illegal" as const, result: undefined }, { status: 400 });
      await moveEventStatus({
        eventId,
        to: to as EventState,
        actor,
        note: String(formData.get("note") ?? ""),
      });
      return redirect(back);
    }
    if (intent === "report") {
      const submission = parseWithZod(formData, { schema: reportSchema });
      if (submission.status !== "success")
        return data({ intent, error: null, result: submission.reply() }, { status: 400 });
      const [date, time] = submission.value.deliveredAt.split("T") as [string, string];
      try {
        await reportDelivery({
          actor,
          eventId,
          input: submission.value,
          deliveredAt: zonedTimeToUtc(date, time, detail.event.timeZone),
        });
      } catch (error) {
        if (!(error instanceof DeliveryTimeError)) throw error;
        return data(
          {
            intent,
            error: null,
            offDay: error.kind === "offDay" ? error.scheduledDate : null,
            result: submission.reply({ fieldErrors: { deliveredAt: [error.kind] } }),
          },
          // Another day is a question for the coordinator (confirm and send again), not a refusal.
          { status: error.kind === "offDay" ? 200 : 400 },
        );
      }
      return redirect(`${back}?reported=1`);
    }
    if (intent === "ack") {
      const submission = parseWithZod(formData, { schema: acknowledgementSchema });
      if (submission.status !== "success")
        return data({ intent, error: null, result: submission.reply() }, { status: 400 });
      await recordAcknowledgement({ actor, eventId, input: submission.value });
      return redirect(back);
    }
    if (intent === "schedule") {
      const submission = parseWithZod(formData, { schema: rescheduleSchema });
      if (submission.status !== "success")
        return data({ intent, error: null, result: submission.reply() }, { status: 400 });
      await updateEventSchedule({ actor, eventId, input: submission.value });
      return redirect(back);
    }
    if (intent === "coordinators") {
      await setEventCoordinators({
        actor,
        campaignId: campaign.id,
        eventId,
        userIds: formData
          .getAll("coordinatorId")
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0),
      });
      return redirect(`${back}?coordinators=1`);
    }
    if (intent === "checkin") {
      await setCheckedIn({
        actor,
        eventId,
        rsvpId: int4Id(String(formData.get("rsvpId"))) ?? 0,
        checkedIn: formData.get("checked") === "1",
      });
      return redirect(`${back}#attendees`);
    }
  } catch (error) {
    if (error instanceof IllegalTransitionError)
      return data(
        { intent, error: "illegal" as const, from: error.from, to: error.to, result: undefined },
        { status: 409 },
      );
    if (error instanceof PacketNotBuiltError)
      return data({ intent, error: "packetNotBuilt" as const, result: undefined }, { status: 409 });
    if (error instanceof CoordinatorAssignmentError)
      return data({ intent, error: error.code, result: undefined }, { status: 400 });
    if (error instanceof ForbiddenError)
      return data({ intent, error: "forbidden" as const, result: undefined }, { status: 403 });
    throw error;
  }
  return data({ intent, error: "illegal" as const, result: undefined }, { status: 400 });
}

export default function EventDetail() {
  const {
    detail,
    attendees,
    campaign,
    locale,
    userZone,
    nowLocal,
    startsLocal,
    assignable,
    saved,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT(deliveryMessages);
  const { event, office, can } = detail;
  const status = event.status as EventState;
  const packetHref = `/dashboard/c/${campaign.slug}/deliveries/events/${event.id}/packet`;
  const offDay = actionData && "offDay" in actionData ? actionData.offDay : null;
  const resultFor = (intent: Intent) =>
    actionData && actionData.intent === intent ? actionData.result : undefined;

  const busy = navigation.state !== "idle";
  const whenLocal = formatInZone(event.startsAt, event.timeZone, locale);
  const whenMine = formatInZone(event.startsAt, userZone, locale);

  return (
    <div className="stack event-detail">
      <p className="small">
        <Link to={`/dashboard/c/${campaign.slug}/deliveries`}>{t.boardTitle}</Link> /
      </p>
      <header>
        <h2>
          {office.city}: {office.name}
        </h2>
        <p>
          <StatusBadge status={status} />
          <OfficeSideNote event={event} /> <span>{whenLocal}</span>
          {userZone !== event.timeZone ? (
            <span className="muted small">
              {" "}
              · {t.organizerTime(userZone)}: {whenMine}
            </span>
          ) : null}
        </p>
        <p className="small">
          <Link to={`/dashboard/c/${campaign.slug}/deliveries/events/${event.id}/packet`}>
            {t.packetLink}
          </Link>{" "}
          {can.manage ? <EmailDeliveryLink event={event} campaignSlug={campaign.slug} /> : null}·{" "}
          <a href={`/events/${event.id}?lang=${locale}`}>{t.publicPage}</a>
          {detail.coordinators.length
            ? ` · ${t.coordinator}: ${detail.coordinators.map((c) => c.name).join(", ")}`
            : ""}
        </p>
      </header>

      {actionData?.error ? (
        <p className="notice error" role="alert">
          {actionData.error === "forbidden"
            ? t.forbidden
            : actionData.error === "packetNotBuilt"
              ? t.packetNotBuilt
              : actionData.error === "illegal"
                ? "from" in actionData && actionData.from && actionData.to
                  ? t.illegalMove(
                      t.status[actionData.from as EventState],
                      t.moveTo[actionData.to as EventState],
                    )
                  : t.illegal
                : (t.errors[actionData.error] ?? t.illegal)}
        </p>
      ) : null}
      {actionData === undefined && saved ? (
        <p className="notice ok" role="status">
          {t.coordinatorsSaved}
        </p>
      ) : null}

      {!can.manage && detail.open ? (
        <p className="notice info" data-testid="waiting-for">
          {!can.report
            ? t.notYourEvent(detail.coordinators.map((c) => c.name))
            : status === "planned"
              ? t.waitingForConfirm(detail.planners)
              : status === "postponed"
                ? t.waitingForDate(detail.planners)
                : null}
          {can.report && status === "confirmed" && !detail.hasReadyPacket ? (
            <>
              {t.buildPacketFirst} <Link to={packetHref}>{t.buildPacketLink}</Link>
            </>
          ) : null}
        </p>
      ) : null}

      {can.moves.length > 0 || nextStates(status).length === 0 ? (
        <section className="card" aria-labelledby="status-heading">
          <h3 id="status-heading">{t.statusHeading}</h3>
          {nextStates(status).length === 0 ? <p>{t.noMoves}</p> : null}
          {can.moves.length > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="move" />
              <div className="field">
                <label htmlFor="move-note">{t.note}</label>
                <input id="move-note" name="note" type="text" maxLength={1000} />
              </div>
              <div className="moves">
                {can.moves.map((to) => (
                  <button
                    key={to}
                    type="submit"
                    name="to"
                    value={to}
                    className={
                      to === "cancelled" ? "danger" : to === "postponed" ? "secondary" : undefined
                    }
                    disabled={busy}
                  >
                    {t.moveTo[to]}
                  </button>
                ))}
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      {can.manage && status === "confirmed" && !detail.hasReadyPacket ? (
        <p className="notice info">
          {t.buildPacketFirst} <Link to={packetHref}>{t.buildPacketLink}</Link>
        </p>
      ) : null}

      {can.assignCoordinators ? (
        <section className="card" aria-labelledby="coordinators-heading">
          <h3 id="coordinators-heading">{t.coordinatorsHeading}</h3>
          <Form method="post">
            <input type="hidden" name="intent" value="coordinators" />
            <fieldset className="checkbox-list">
              <legend className="small muted">{t.coordinatorsHint}</legend>
              {assignable.map((m) => (
                <label key={m.id}>
                  <input
                    type="checkbox"
                    name="coordinatorId"
                    value={m.id}
                    defaultChecked={detail.coordinators.some((c) => c.id === m.id)}
                  />{" "}
                  {m.name} <span className="small muted">({t.memberRoles[m.role]})</span>
                </label>
              ))}
            </fieldset>
            <button type="submit" className="secondary" disabled={busy}>
              {t.saveCoordinators}
            </button>
          </Form>
        </section>
      ) : null}

      {can.reportDelivery ? (
        <ReportDeliveryForm
          lastResult={resultFor("report")}
          nowLocal={nowLocal}
          askOffDay={!!offDay}
          event={event}
          officeTimeZone={office.timeZone}
          locale={locale}
          busy={busy}
        />
      ) : null}

      {detail.report ? (
        <DeliveryReportView report={detail.report} timeZone={event.timeZone} locale={locale} />
      ) : null}

      {can.acknowledge ? <AcknowledgementForm lastResult={resultFor("ack")} busy={busy} /> : null}
      {detail.acknowledgement ? (
        <section className="card">
          <h3>{t.ackTitle}</h3>
          <p>
            <strong>{t.ackKinds[detail.acknowledgement.kind]}</strong> —{" "}
            {formatInZone(detail.acknowledgement.acknowledgedAt, event.timeZone, locale)}
          </p>
          {detail.acknowledgement.note ? <p>{detail.acknowledgement.note}</p> : null}
        </section>
      ) : null}

      {can.reschedule ? (
        <RescheduleForm
          lastResult={resultFor("schedule")}
          startsLocal={startsLocal}
          event={event}
          busy={busy}
        />
      ) : null}

      {can.seeAttendees ? <AttendeeList attendees={attendees} capacity={event.capacity} /> : null}

      <section className="card" aria-labelledby="history-heading">
        <h3 id="history-heading">{t.history}</h3>
        <ol className="history">
          {detail.history.map((h) => (
            <li key={h.id}>
              <StatusBadge status={h.toStatus as EventState} />{" "}
              {formatInZone(h.createdAt, event.timeZone, locale)}
              {h.actorName ? ` · ${h.actorName}` : ""}
              {h.note ? <span style={{ display: "block" }}>“{h.note}”</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
