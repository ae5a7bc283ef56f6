// A real Print button for the print view: "use your browser's Print command" is hard to find on a
// phone. Without JavaScript the button does nothing, so it only shows once the page is hydrated.
import { useEffect, useState } from "react";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";

export function PrintButton() {
  const t = useT(deliveryMessages);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <p className="print-actions">
      {ready ? (
        <button type="button" onClick={() => window.print()}>
          {t.printButton}
        </button>
      ) : null}{" "}
      <span className="small">{t.printButtonHint}</span>
    </p>
  );
}
