// Small additions to the delivery pages for the office's side: "by email" / "acknowledged by the
// office" beside a status, and the link to deliver a packet by email.
import { Link } from "@remix-run/react";
import { useT } from "~/lib/i18n";
import officeMessages from "~/locales/office";

type EventBits = {
  id: number;
  status: string;
  deliveryChannel?: string | null;
  acknowledgedByOffice?: boolean;
};

export function OfficeSideNote({ event }: { event: EventBits }) {
  const t = useT(officeMessages);
  const parts: string[] = [];
  if (event.acknowledgedByOffice) parts.push(t.byOffice);
  else if (
    event.deliveryChannel === "email" &&
    (event.status === "delivered" || event.status === "acknowledged")
  )
    parts.push(t.byEmail);
  if (!parts.length) return null;
  return (
    <span className="sub office-side-note" data-testid="office-side-note">
      {" "}
      ({parts.join(", ")})
    </span>
  );
}

export function EmailDeliveryLink({
  event,
  campaignSlug,
}: {
  event: EventBits;
  campaignSlug: string;
}) {
  const t = useT(officeMessages);
  if (event.status !== "packet_ready" && event.deliveryChannel !== "email") return null;
  return (
    <>
      {" · "}
      <Link to={`/dashboard/c/${campaignSlug}/deliveries/events/${event.id}/email`}>
        {t.emailNav}
      </Link>
    </>
  );
}
