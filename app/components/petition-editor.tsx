// The petition editor: basics, then English and Spanish side by side. Works without JavaScript;
// with it, fields validate as you go and leaving with unsaved changes asks first.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useBlocker } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { petitionFormSchema } from "~/domain/petitions/petition";
import { useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { slugify } from "~/lib/slug";
import { FieldError, FormErrors, InputField, SelectField, TextareaField } from "./form-field";

export type EditorDefaults = Partial<Record<string, string>>;

export function PetitionEditor({
  lastResult,
  defaultValue,
  published,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: EditorDefaults;
  published: boolean;
  submitLabel: string;
}) {
  const o = useT(organizerMessages);
  const e = o.editor;
  const [dirty, setDirtyState] = useState(false);
  // The blocker reads a ref, so a click right after typing is caught even before React re-renders.
  const dirtyRef = useRef(false);
  const setDirty = (value: boolean) => {
    dirtyRef.current = value;
    setDirtyState(value);
  };
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: petitionFormSchema(o.v) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const formProps = getFormProps(form);
  // The address follows the title in the default language until the organizer types one
  // themselves (an address that was already saved is theirs too). Emptying it lets it follow again.
  const slugOwn = useRef(!!defaultValue.slug);
  const suggestSlug = (target: EventTarget) => {
    if (!(target instanceof HTMLInputElement)) return;
    if (target.name === fields.slug.name) {
      slugOwn.current = target.value.trim() !== "";
      return;
    }
    if (slugOwn.current) return;
    const defaultLocale = target.form?.elements.namedItem(fields.defaultLocale.name);
    const suffix =
      defaultLocale instanceof HTMLSelectElement && defaultLocale.value === "es" ? "Es" : "En";
    if (target.name !== fields[`title${suffix}`].name) return;
    form.update({ name: fields.slug.name, value: slugify(target.value) });
  };
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirtyRef.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state === "blocked") {
      if (window.confirm(e.unsaved)) blocker.proceed();
      else blocker.reset();
    }
  }, [blocker, e.unsaved]);
  // The server refused the save: the edits are still unsaved.
  useEffect(() => {
    if (lastResult?.status === "error") setDirty(true);
  }, [lastResult]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const lang = (code: "en" | "es", suffix: "En" | "Es", legend: string) => (
    <fieldset lang={code}>
      <legend>{legend}</legend>
      <InputField field={fields[`title${suffix}`]} label={e.titleLabel} lang={code} />
      <TextareaField
        field={fields[`summary${suffix}`]}
        label={e.summaryLabel}
        rows={3}
        lang={code}
      />
      <TextareaField field={fields[`body${suffix}`]} label={e.bodyLabel} rows={12} lang={code} />
    </fieldset>
  );

  return (
    <Form
      method="post"
      {...formProps}
      onChange={() => setDirty(true)}
      onInput={(event) => {
        setDirty(true);
        suggestSlug(event.target);
      }}
      onSubmit={(event) => {
        formProps.onSubmit(event);
        // Client-side errors keep the edits unsaved; a submission that goes ahead is leaving on purpose.
        if (!event.defaultPrevented) setDirty(false);
      }}
      className="stack"
    >
      {form.errors?.length ? (
        <FormErrors errors={form.errors} id={form.errorId} />
      ) : lastResult?.status === "error" ? (
        <FormErrors errors={[e.fixErrors]} />
      ) : null}
      <fieldset className="editor-basics">
        <legend>{e.basics}</legend>
        <div className="form-row two">
          <InputField field={fields.slug} label={e.slug} hint={e.slugHint} autoComplete="off" />
          <SelectField
            field={fields.defaultLocale}
            label={e.defaultLanguage}
            options={[
              { value: "en", label: e.english },
              { value: "es", label: e.spanish },
            ]}
          />
        </div>
        {published ? (
          <div className="checkbox">
            <input
              {...getInputProps(fields.confirmSlugChange, { type: "checkbox", value: "yes" })}
            />
            <label htmlFor={fields.confirmSlugChange.id}>{e.confirmSlug}</label>
          </div>
        ) : null}
        {published ? <FieldError field={fields.confirmSlugChange} /> : null}
        <div className="form-row two">
          <InputField field={fields.goal} label={e.goal} type="number" min={1} />
          <InputField field={fields.endsOn} label={e.endsOn} type="date" />
        </div>
        <InputField field={fields.imageUrl} label={e.imageUrl} type="url" />
        <TextareaField field={fields.targets} label={e.targets} rows={3} />
      </fieldset>
      <div className="editor-langs">
        {lang("en", "En", e.english)}
        {lang("es", "Es", e.spanish)}
      </div>
      <div className="editor-actions">
        <button type="submit">{submitLabel}</button>
        {dirty ? (
          <p className="unsaved" role="status">
            {e.unsaved}
          </p>
        ) : null}
      </div>
    </Form>
  );
}
