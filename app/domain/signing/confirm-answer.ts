// Where the confirm button's POST sends the browser (post/redirect/get): the same page, saying
// "thank you" and the count when this very press confirmed the signature.
import { isLocale } from "~/lib/i18n";

export function confirmAnswerUrl({
  token,
  result,
  lang,
}: {
  token: string;
  result: { state: string; signatureId?: number };
  lang: unknown;
}) {
  const query = new URLSearchParams();
  if (result.state === "verified" && result.signatureId) query.set("done", "1");
  if (isLocale(lang)) query.set("lang", lang);
  const qs = query.toString();
  return `/confirm/${encodeURIComponent(token)}${qs ? `?${qs}` : ""}`;
}
