import type { EventState } from "#db/schema/states";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";

// One colour per state family; the word always carries the meaning, the colour only helps scanning.
export function StatusBadge({ status }: { status: EventState }) {
  const t = useT(deliveryMessages);
  return <span className={`badge status-${status}`}>{t.status[status]}</span>;
}
