// The fields of a campaign — name, description, default language — on the new-campaign and
// settings forms.
import type { FieldMetadata } from "@conform-to/react";
import { InputField, SelectField, TextareaField } from "~/components/form-field";
import { useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";

type Fields = {
  name: FieldMetadata<any>;
  description: FieldMetadata<any>;
  defaultLocale: FieldMetadata<any>;
};

export function CampaignFields({ fields }: { fields: Fields }) {
  const o = useT(organizerMessages);
  return (
    <>
      <InputField field={fields.name} label={o.dash.campaignName} />
      <TextareaField field={fields.description} label={o.dash.description} rows={3} />
      <SelectField
        field={fields.defaultLocale}
        label={o.dash.defaultLanguage}
        options={[
          { value: "en", label: o.editor.english },
          { value: "es", label: o.editor.spanish },
        ]}
      />
    </>
  );
}
