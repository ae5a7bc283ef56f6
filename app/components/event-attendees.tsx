// Who is coming to a delivery, with check-in buttons for the day (for the event's coordinators
// and the planners; contact details only as the domain hands them out).
import { Form } from "@remix-run/react";
import type { RsvpRole, RsvpState } from "#db/schema/states";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";

export type Attendee = {
  id: number;
  name: string;
  email?: string;
  phone: string;
  role: RsvpRole;
  status: RsvpState;
  checkedInAt: string | Date | null;
};

export function AttendeeList({
  attendees,
  capacity,
}: {
  attendees: Attendee[];
  capacity: number | null;
}) {
  const t = useT(deliveryMessages);
  return (
    <section className="card" id="attendees" aria-labelledby="attendees-heading">
      <h3 id="attendees-heading">
        {t.attendees} ({attendees.filter((a) => a.status === "going").length}
        {capacity != null ? ` / ${capacity}` : ""})
      </h3>
      {attendees.every((a) => a.status === "cancelled") ? <p>{t.noAttendees}</p> : null}
      <ul className="attendee-list">
        {attendees
          .filter((a) => a.status !== "cancelled")
          .map((a) => (
            <li key={a.id}>
              <span>
                <strong>{a.name}</strong> · {t.roles[a.role]}
                {a.status === "waitlisted" ? ` · ${t.waitlisted}` : ""}
                <span className="small muted" style={{ display: "block" }}>
                  {a.email}
                  {a.phone ? ` · ${a.phone}` : ""}
                </span>
              </span>
              {a.status === "going" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="checkin" />
                  <input type="hidden" name="rsvpId" value={a.id} />
                  <input type="hidden" name="checked" value={a.checkedInAt ? "0" : "1"} />
                  <button
                    type="submit"
                    className="secondary"
                    aria-label={`${a.checkedInAt ? t.undoCheckIn : t.checkIn}: ${a.name}`}
                  >
                    {a.checkedInAt ? `✓ ${t.checkedIn}` : t.checkIn}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
      </ul>
    </section>
  );
}
