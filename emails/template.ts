import type { Locale } from "../db/schema/states";

export type RenderedEmail = { subject: string; html: string; text: string };

/** A mail template: named <recipient>-<event>, rendering HTML and text in English and Spanish. */
export type EmailTemplate<P> = {
  name: string;
  render: (props: P, locale: Locale) => RenderedEmail;
  /** Sample props, used by previews and tests. */
  sample: P;
};

export const defineEmail = <P>(template: EmailTemplate<P>) => template;
