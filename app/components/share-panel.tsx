// Share links after signing. Without JavaScript the link is shown in a field to copy by hand; on
// the thanks and confirm pages, which ship no React, app/islands/share-panel.ts runs the button.
import { useState } from "react";
import type { Locale } from "../../db/schema/states";
import { shareLinks } from "../../emails/share-links";
import { useT } from "~/lib/i18n";
import signerMessages from "~/locales/signer";

export function SharePanel({ url, title, locale }: { url: string; title: string; locale: Locale }) {
  const t = useT(signerMessages, locale);
  const [copied, setCopied] = useState(false);
  const links = shareLinks(url, t.shareText(title));
  return (
    <section
      className="card share-panel"
      aria-labelledby="share-title"
      data-share-panel=""
      data-copied={t.copied}
    >
      <h2 id="share-title">{t.shareTitle}</h2>
      <p>{t.shareIntro}</p>
      <div className="field">
        <label htmlFor="share-url">{t.linkLabel}</label>
        <input
          id="share-url"
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <ul className="share-buttons">
        <li>
          <button
            type="button"
            className="secondary"
            data-copy=""
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(() => setCopied(true));
            }}
          >
            {copied ? t.copied : t.copyLink}
          </button>
        </li>
        <li>
          <a
            className="button share-whatsapp"
            href={links.whatsapp}
            target="_blank"
            rel="noopener noreferrer"
          >
            WhatsApp
          </a>
        </li>
        <li>
          <a
            className="button share-facebook"
            href={links.facebook}
            target="_blank"
            rel="noopener noreferrer"
          >
            Facebook
          </a>
        </li>
        <li>
          <a className="button share-x" href={links.x} target="_blank" rel="noopener noreferrer">
            X
          </a>
        </li>
        <li>
          <a className="button secondary" href={links.email}>
            {t.email}
          </a>
        </li>
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {copied ? t.copied : ""}
      </p>
    </section>
  );
}
