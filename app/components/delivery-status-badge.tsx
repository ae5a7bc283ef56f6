import type { EventState } from "#db/schema/states";
import { useT } from "~/lib/i18n";

// One colour per state family; the word always carries the meaning, the colour only helps scanning.
export function StatusBadge({ status }: { status: EventState }) {
  const t = useT("delivery");
  return <span className={`badge status-${status}`}>{t.status[status]}</span>;
}
