// A labelled <select> for a GET filter form: "any" (an empty value) first, then the choices.
type Choice = { value: string | number; label: string };

export function FilterSelect({
  id,
  name,
  label,
  anyLabel,
  defaultValue,
  options,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  defaultValue: string | number;
  options: readonly Choice[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
