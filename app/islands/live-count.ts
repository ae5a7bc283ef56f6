// Keeps a server-rendered count block current by polling /p/<slug>/count. The endpoint words the
// figures in the page's language, so no strings live here.
import { progressPercent } from "~/lib/goal";

const POLL_MS = 4_000;

export type LiveCountAnswer = {
  count: number;
  goal: number;
  labels?: { count: string; goal: string; progress: string };
};

export function keepCountLive(root: HTMLElement) {
  const slug = root.dataset.slug;
  const lang = root.dataset.lang;
  const countEl = root.querySelector<HTMLElement>("[data-testid=petition-count]");
  if (!slug || !lang || !countEl) return;
  const bar = root.querySelector<HTMLElement>(".progress");
  const goalEl = root.querySelector<HTMLElement>(".goal-line");
  let shown = Number(countEl.dataset.count) || 0;

  const show = ({ count, goal, labels }: LiveCountAnswer) => {
    // A slower replica may answer with an older figure: never count backwards.
    if (count < shown || !labels) return;
    shown = count;
    countEl.dataset.count = String(count);
    countEl.textContent = labels.count;
    if (goalEl) goalEl.textContent = labels.goal;
    if (bar) {
      bar.setAttribute("aria-label", labels.progress);
      const fill = bar.firstElementChild as HTMLElement | null;
      if (fill) fill.style.width = `${progressPercent(count, goal)}%`;
    }
  };

  const poll = async () => {
    if (document.visibilityState !== "visible") return;
    try {
      const res = await fetch(`/p/${encodeURIComponent(slug)}/count?lang=${lang}`, {
        headers: { Accept: "application/json" },
      });
      if (res.ok) show((await res.json()) as LiveCountAnswer);
    } catch {
      // Offline for a moment: keep the last figure.
    }
  };
  setInterval(poll, POLL_MS);
}
