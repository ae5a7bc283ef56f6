// A labelled field for the office-side forms: hint and error tied to the input (aria-describedby),
// error keys from the zod schemas shown in the page's language.
import type { ReactNode } from "react";
import { useT } from "~/utils/i18n";

export type FieldErrors = Record<string, string[] | null | undefined> | undefined;

export function OfficeField({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const t = useT("office");
  const text = errors?.length ? errors.map((e) => t.errors[e] ?? e).join(" ") : null;
  const ids =
    [hint ? `${id}-hint` : null, text ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children(ids, !!text)}
      {text ? (
        <p className="field-error" id={`${id}-error`}>
          {text}
        </p>
      ) : null}
    </div>
  );
}

/** Zod issues as a field → message keys map (what OfficeField shows). */
export function issuesToErrors(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[String(issue.path[0] ?? "")] ??= []).push(issue.message);
  return out;
}
