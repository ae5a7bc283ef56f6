// The sign form, enhanced: it sends to the lean /api/sign/<slug> (the same zod schema and
// signPetition as the page's own POST) and shows the server's messages next to the fields, or
// opens the thanks page. Nothing is validated here: one schema, on the server, in the page's
// language — the form answers on submit, as the no-JavaScript form does.
import { lookupUsZip } from "~/data/us-zip";
import { showSignErrors } from "./sign-errors";

type LeanAnswer = {
  status?: string;
  thanksUrl?: string;
  fieldErrors?: Record<string, string[]>;
  message?: string;
};

export function enhanceSignForm(form: HTMLFormElement) {
  const slug = form.dataset.slug;
  if (!slug) return;
  const unavailable = form.dataset.unavailable ?? "";
  const field = (name: string) => form.elements.namedItem(name);
  const country = field("country");
  const postalCode = field("postalCode");
  const city = field("city");
  const submit = form.querySelector<HTMLButtonElement>("button[type=submit]");

  copySourceFromAddress(form);
  if (country instanceof HTMLSelectElement && postalCode instanceof HTMLInputElement) {
    const label = form.querySelector<HTMLElement>(`label[for="${postalCode.id}"]`);
    const followCountry = () => {
      const us = country.value === "US";
      postalCode.inputMode = us ? "numeric" : "text";
      const text = us ? label?.dataset.us : label?.dataset.other;
      if (label && text) label.textContent = text;
    };
    country.addEventListener("change", followCountry);
    followCountry();

    // The city filled from the ZIP: a later ZIP may replace it, never a city they typed.
    let filledCity: string | null = null;
    const fillCity = () => {
      if (country.value !== "US" || !(city instanceof HTMLInputElement)) return;
      const found = lookupUsZip(postalCode.value)?.city;
      if (!found || found === city.value) return;
      if (city.value.trim() && city.value !== filledCity) return;
      filledCity = found;
      city.value = found;
    };
    postalCode.addEventListener("input", fillCity);
    // They may have typed before this script arrived.
    fillCity();
  }

  let sending = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    if (submit) submit.disabled = true;
    void send()
      .catch(() => showSignErrors(form, {}, unavailable))
      .finally(() => {
        sending = false;
        if (submit) submit.disabled = false;
      });
  });

  async function send() {
    const body = new URLSearchParams();
    for (const [key, value] of new FormData(form))
      if (typeof value === "string") body.append(key, value);
    const res = await fetch(`/api/sign/${encodeURIComponent(slug!)}`, {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
    });
    const answer = (await res.json().catch(() => ({}))) as LeanAnswer;
    if (answer.thanksUrl) {
      window.location.assign(answer.thanksUrl);
      return;
    }
    if (answer.fieldErrors) showSignErrors(form, answer.fieldErrors, null);
    else showSignErrors(form, {}, answer.message ?? unavailable);
  }
}

/**
 * The share link's source code. The shared page (one render for everyone) cannot carry it, so the
 * browser copies `?source=` from its own address; a private render already has the field.
 */
function copySourceFromAddress(form: HTMLFormElement) {
  if (form.elements.namedItem("source")) return;
  const source = new URLSearchParams(window.location.search).get("source");
  if (!source) return;
  const input = document.createElement("input");
  input.type = "hidden";
  input.name = "source";
  input.value = source.slice(0, 64);
  form.prepend(input);
}
