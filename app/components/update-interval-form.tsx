// Campaign setting: the least time between two updates of one petition (72 hours by default).
import { Form } from "@remix-run/react";
import { useT } from "~/lib/i18n";
import officeMessages from "~/locales/office";
import { OfficeField } from "./office-field";

export function UpdateIntervalForm({ hours, error }: { hours: number; error?: string | null }) {
  const t = useT(officeMessages);
  return (
    <Form method="post" className="card">
      <h3>{t.updatesHeading}</h3>
      <input type="hidden" name="intent" value="updates" />
      <OfficeField id="update-interval" label={t.intervalLabel} errors={error ? [error] : null}>
        {(describedBy, invalid) => (
          <input
            id="update-interval"
            name="updateIntervalHours"
            type="number"
            min={1}
            max={1440}
            defaultValue={hours}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </OfficeField>
      <button type="submit">{t.intervalSave}</button>
    </Form>
  );
}
