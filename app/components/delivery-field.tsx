// Labelled inputs for the delivery forms: the hint and the error are tied to the input
// (aria-describedby), and error keys from the zod schemas are shown in the page's language.
import type { ReactNode } from "react";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";

export function useErrorText() {
  const t = useT(deliveryMessages);
  return (errors?: string[] | null) =>
    errors?.length ? errors.map((e) => t.errors[e] ?? e).join(" ") : null;
}

export function FieldShell({
  id,
  label,
  hint,
  errors,
  errorText,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  /** Turns error keys into words; the delivery forms' messages unless another form's are given. */
  errorText?: (errors?: string[] | null) => string | null;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const deliveryText = useErrorText();
  const text = (errorText ?? deliveryText)(errors);
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
