// Puts the server's answer on the form the way the server renders it (sign-form.tsx): one message
// under each field (`<id>-error`, named by the field's aria-describedby, the field aria-invalid),
// or one notice at the top; then moves focus to the first field to fix.
export function showSignErrors(
  form: HTMLFormElement,
  fieldErrors: Record<string, string[]>,
  formError: string | null,
) {
  clearErrors(form);
  if (formError) {
    const notice = document.createElement("div");
    notice.id = `${form.id}-error`;
    notice.className = "notice warn";
    notice.setAttribute("role", "alert");
    notice.textContent = formError;
    form.insertBefore(notice, form.querySelector(".form-row, .field"));
  }
  let first: HTMLElement | null = null;
  for (const [name, messages] of Object.entries(fieldErrors)) {
    const control = controlFor(form, name);
    const box = control?.closest(".field, .checkbox");
    if (!control || !box || !messages[0]) continue;
    const errorId = `${control.id || `${form.id}-${name}`}-error`;
    const message = document.createElement("p");
    message.id = errorId;
    message.className = "field-error";
    message.textContent = messages[0];
    box.append(message);
    control.setAttribute("aria-invalid", "true");
    const described = (control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    control.setAttribute("aria-describedby", [errorId, ...described].join(" "));
    first ??= control;
  }
  (first ?? form.querySelector<HTMLElement>("[role=alert]"))?.focus();
}

function clearErrors(form: HTMLFormElement) {
  for (const old of form.querySelectorAll(".field-error, [role=alert]")) {
    for (const control of form.querySelectorAll(`[aria-describedby~="${old.id}"]`)) {
      const rest = (control.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .filter((id) => id && id !== old.id);
      if (rest.length) control.setAttribute("aria-describedby", rest.join(" "));
      else control.removeAttribute("aria-describedby");
    }
    old.remove();
  }
  for (const control of form.querySelectorAll("[aria-invalid]"))
    control.removeAttribute("aria-invalid");
}

function controlFor(form: HTMLFormElement, name: string): HTMLElement | null {
  const item = form.elements.namedItem(name);
  if (item instanceof RadioNodeList) return (item[0] as HTMLElement | undefined) ?? null;
  return item instanceof HTMLElement ? item : null;
}
