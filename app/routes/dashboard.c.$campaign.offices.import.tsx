// Import offices from CSV: "Preview" shows every row with its problems; "Import all" imports
// every row or, if any row is bad, nothing. The file's text rides along in a hidden field so the
// organizer doesn't have to pick it again after the preview.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { importOffices, previewOfficeCsv, type ImportPreview } from "~/domain/offices/office-import.server";
import { requireCampaignMember } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { resolveLocale, useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import styles from "~/styles/delivery.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

const MAX_BYTES = 1_000_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireCampaignMember(request, params.campaign!, {
    permission: "office.manage",
  });
  return { locale: resolveLocale(request, user.locale) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign } = await requireCampaignMember(request, params.campaign!, {
    permission: "office.manage",
  });
  const form = await request.formData();
  const file = form.get("file");
  let csv = String(form.get("csv") ?? "");
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_BYTES)
      return data(
        { csv: "", preview: null as ImportPreview | null, error: "tooManyRows" },
        { status: 400 },
      );
    csv = await file.text();
  }
  if (!csv.trim())
    return data({ csv: "", preview: null as ImportPreview | null, error: "file" }, { status: 400 });
  if (form.get("intent") === "import") {
    const result = await orHttp(importOffices({ actor, campaignId: campaign.id, csv }));
    if (result.imported > 0)
      return redirect(`/dashboard/c/${campaign.slug}/offices?imported=${result.imported}`);
    return data({ csv, preview: result.preview, error: null as string | null }, { status: 400 });
  }
  return { csv, preview: previewOfficeCsv(csv), error: null as string | null };
}

export default function ImportOffices() {
  const result = useActionData<typeof action>();
  const t = useT(deliveryMessages);
  const preview = result?.preview ?? null;
  const bad = preview ? preview.rows.filter((r) => r.errors.length).length : 0;
  const fileErrors = [...(preview?.fileErrors ?? []), ...(result?.error ? [result.error] : [])];
  return (
    <div className="stack">
      <h2>{t.importOffices}</h2>
      <p className="muted small">{t.importLead}</p>
      <Form method="post" encType="multipart/form-data" className="card">
        <div className="field">
          <label htmlFor="file">{t.csvFile}</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileErrors.length ? "file-error" : undefined}
          />
          {fileErrors.length ? (
            <p className="field-error" id="file-error">
              {fileErrors.map((e) => t.errors[e] ?? e).join(" ")}
            </p>
          ) : null}
        </div>
        <input type="hidden" name="csv" value={result?.csv ?? ""} />
        <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
          <button type="submit" name="intent" value="preview" className="secondary">
            {t.preview}
          </button>
          {preview && !bad && !preview.fileErrors.length ? (
            <button type="submit" name="intent" value="import">
              {t.importButton} ({preview.rows.length})
            </button>
          ) : null}
        </div>
      </Form>
      {preview && preview.rows.length ? (
        <section aria-labelledby="preview-heading">
          <h3 id="preview-heading">{t.preview}</h3>
          {bad ? (
            <p className="notice error" role="alert">
              {t.importErrors(bad)}
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="data import-preview">
              <thead>
                <tr>
                  <th scope="col">{t.line}</th>
                  <th scope="col">{t.officeFields.name}</th>
                  <th scope="col">{t.officeFields.city}</th>
                  <th scope="col">{t.officeFields.timeZone}</th>
                  <th scope="col">{t.problems}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line} data-line={r.line}>
                    <td>{r.line}</td>
                    <td>{r.values.name}</td>
                    <td>{r.values.city}</td>
                    <td>{r.values.timeZone}</td>
                    <td>
                      {r.errors.length
                        ? r.errors
                            .map(
                              (e) =>
                                `${t.officeFields[e.field as keyof typeof t.officeFields] ?? e.field}: ${t.errors[e.message] ?? e.message}`,
                            )
                            .join("; ")
                        : t.ok}
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
