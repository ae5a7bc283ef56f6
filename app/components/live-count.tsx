// The verified count and progress bar. Server-rendered; with JavaScript it polls the small
// /p/<slug>/count endpoint so the figure is at most a few seconds stale.
import { useEffect, useState } from "react";
import type { Locale } from "../../db/schema/states";
import { progressPercent } from "~/lib/goal";
import { useT } from "~/lib/i18n";
import signerMessages from "~/locales/signer";

const POLL_MS = 4_000;

export function LiveCount({
  slug,
  count: initialCount,
  goal: initialGoal,
  paperCount,
  locale,
}: {
  slug: string;
  count: number;
  goal: number;
  paperCount: number;
  locale: Locale;
}) {
  const t = useT(signerMessages, locale);
  const [{ count, goal }, setState] = useState({ count: initialCount, goal: initialGoal });
  useEffect(
    () => setState({ count: initialCount, goal: initialGoal }),
    [initialCount, initialGoal],
  );
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const res = await fetch(`/p/${slug}/count`, { headers: { Accept: "application/json" } });
        if (!res.ok || stopped) return;
        const next = (await res.json()) as { count: number; goal: number };
        setState((prev) => (next.count >= prev.count ? next : prev));
      } catch {
        // Offline for a moment: keep the last figure.
      }
    };
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [slug]);
  return (
    <div
      className="live-count"
      aria-label={t.liveCountLabel}
      role="group"
      // The petition page's script (app/islands/live-count.ts) polls with these.
      data-live-count=""
      data-slug={slug}
      data-lang={locale}
    >
      <p className="count big-count" data-testid="petition-count" data-count={count}>
        {t.verifiedCount(count)}
      </p>
      <div className="progress" role="img" aria-label={t.progressLabel(count, goal)}>
        <span style={{ width: `${progressPercent(count, goal)}%` }} />
      </div>
      <p className="small muted goal-line">{t.goal(goal)}</p>
      {paperCount > 0 ? (
        <p className="paper-line" data-testid="paper-count">
          {t.paperLine(paperCount)}
        </p>
      ) : null}
      <p className="small muted">{t.verifiedExplain}</p>
    </div>
  );
}
