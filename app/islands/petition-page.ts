// The petition page's only script (ADR 032). The page is complete without it: the server renders
// it and the form posts to the page. This adds what a phone on a slow network is worth waiting
// for, in a few kilobytes instead of React's hundred: the count keeps moving, the form answers
// in place (same schema and messages, from the lean sign endpoint), and a US ZIP fills the city.
import { keepCountLive } from "./live-count";
import { enhanceSignForm } from "./sign-form";

for (const el of document.querySelectorAll<HTMLElement>("[data-live-count]")) keepCountLive(el);
for (const form of document.querySelectorAll<HTMLFormElement>("form[data-sign-form]"))
  enhanceSignForm(form);
