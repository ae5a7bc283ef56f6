// A labelled input/textarea/select bound to a conform field, with its error next to it.
import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import type { ReactNode } from "react";

type Base = { field: FieldMetadata<any>; label: ReactNode; hint?: ReactNode; className?: string };

export function FieldError({ field }: { field: FieldMetadata<any> }) {
  return field.errors?.length ? (
    <p className="field-error" id={field.errorId}>
      {field.errors[0]}
    </p>
  ) : null;
}

function Hint({ field, hint }: { field: FieldMetadata<any>; hint?: ReactNode }) {
  return hint ? (
    <span className="hint" id={field.descriptionId}>
      {hint}
    </span>
  ) : null;
}

export function InputField({
  field,
  label,
  hint,
  type = "text",
  className,
  ...rest
}: Base & {
  type?: "text" | "email" | "password" | "number" | "date" | "url" | "search";
  autoComplete?: string;
  lang?: string;
  min?: number;
  max?: number;
}) {
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={field.id}>{label}</label>
      <Hint field={field} hint={hint} />
      <input
        {...getInputProps(field, { type, ariaDescribedBy: hint ? field.descriptionId : undefined })}
        {...rest}
      />
      <FieldError field={field} />
    </div>
  );
}

export function TextareaField({
  field,
  label,
  hint,
  className,
  rows = 4,
  lang,
}: Base & { rows?: number; lang?: string }) {
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={field.id}>{label}</label>
      <Hint field={field} hint={hint} />
      <textarea
        {...getTextareaProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined })}
        rows={rows}
        lang={lang}
      />
      <FieldError field={field} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  hint,
  className,
  options,
}: Base & { options: { value: string; label: string }[] }) {
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={field.id}>{label}</label>
      <Hint field={field} hint={hint} />
      <select {...getSelectProps(field)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError field={field} />
    </div>
  );
}

/** Form-level errors (e.g. "wrong password"), announced to screen readers. */
export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  return errors?.length ? (
    <div className="notice error" role="alert" id={id}>
      {errors.map((e) => (
        <p key={e} style={{ margin: 0 }}>
          {e}
        </p>
      ))}
    </div>
  ) : null;
}
