// A labelled field for the office-side forms (delivery-field's FieldShell: hint and error tied to
// the input), with error keys from the zod schemas shown in the page's language.
import { useT } from "~/lib/i18n";
import officeMessages from "~/locales/office";
import { FieldShell } from "./delivery-field";

/** FieldShell with the office-side forms' messages. */
export function OfficeField(props: Omit<Parameters<typeof FieldShell>[0], "errorText">) {
  const t = useT(officeMessages);
  const errorText = (errors?: string[] | null) =>
    errors?.length ? errors.map((e) => t.errors[e] ?? e).join(" ") : null;
  return <FieldShell {...props} errorText={errorText} />;
}

/** Zod issues as a field → message keys map (what OfficeField shows). */
export function issuesToErrors(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[String(issue.path[0] ?? "")] ??= []).push(issue.message);
  return out;
}
