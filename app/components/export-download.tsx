// Export links that show progress. Without JavaScript (or without streams) they are plain download
// links. With it, a click fetches the CSV as a stream, counts the rows as they arrive and shows a
// percentage of the rows the server said to expect (X-Export-Rows), then hands the file to the
// browser's downloads. The server streams batch by batch, so neither side holds more than the
// file itself.
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import {
  dispositionFileName,
  EXPORT_PROGRESS_HEADER,
  EXPORT_ROWS_HEADER,
  exportPercent,
} from "~/lib/export-progress";

type State =
  | { phase: "idle" }
  | { phase: "running"; rows: number; expected: number | null }
  | { phase: "done"; rows: number }
  | { phase: "failed" }
  | { phase: "cancelled" };

export function useExportDownload() {
  const [state, setState] = useState<State>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (href: string, fallbackName: string) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: "running", rows: 0, expected: null });
    try {
      const res = await fetch(href, {
        headers: { [EXPORT_PROGRESS_HEADER]: "1" },
        signal: controller.signal,
      });
      if (!res.ok || !res.body) throw new Error(`export ${res.status}`);
      const header = res.headers.get(EXPORT_ROWS_HEADER);
      const expected = header !== null && /^\d+$/.test(header) ? Number(header) : null;
      const reader = res.body.getReader();
      const parts: Uint8Array[] = [];
      let lines = 0;
      let shown = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(value);
        for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
        // Repaint at most every ~1 % of the rows (or every 2,000 rows without a total).
        const rows = Math.max(0, lines - 1);
        if (rows - shown >= Math.max(2000, (expected ?? 0) / 100)) {
          shown = rows;
          setState({ phase: "running", rows, expected });
        }
      }
      const name = dispositionFileName(res.headers.get("Content-Disposition"), fallbackName);
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: "text/csv" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ phase: "done", rows: Math.max(0, lines - 1) });
    } catch {
      setState(controller.signal.aborted ? { phase: "cancelled" } : { phase: "failed" });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const onClick = (fallbackName: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    // Modified clicks (new tab, save as) and browsers without streams keep the plain link.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0)
      return;
    if (typeof ReadableStream === "undefined" || typeof Blob === "undefined") return;
    event.preventDefault();
    void start(event.currentTarget.href, fallbackName);
  };

  return { state, onClick, cancel: () => abort.current?.abort() };
}

export function ExportProgress({ state, cancel }: { state: State; cancel: () => void }) {
  const t = useT(organizerMessages).sig;
  const running = state.phase === "running";
  const pct = running ? exportPercent(state.rows, state.expected) : null;
  // The bar and its figures repaint often, so they are not a live region; the start and the
  // outcome are announced once.
  const announcement =
    state.phase === "running"
      ? t.exportStarting
      : state.phase === "done"
        ? t.exportDone(state.rows)
        : state.phase === "failed"
          ? t.exportFailed
          : state.phase === "cancelled"
            ? t.exportCancelled
            : "";
  return (
    <div className="export-progress" data-phase={state.phase}>
      {running ? (
        <p className="export-progress-bar">
          <progress
            aria-label={t.exportProgressLabel}
            max={100}
            value={pct ?? undefined}
            data-testid="export-progress"
          />
          <span data-testid="export-progress-text">
            {state.rows === 0 && pct === null
              ? t.exportStarting
              : pct === null
                ? t.exportRows(state.rows)
                : t.exportProgress(pct, state.rows)}
          </span>
          <button type="button" className="button secondary" onClick={cancel}>
            {t.exportCancel}
          </button>
        </p>
      ) : null}
      <p
        role="status"
        className={state.phase === "failed" ? "error" : "small"}
        data-testid="export-status"
      >
        {running ? <span className="visually-hidden">{announcement}</span> : announcement}
      </p>
    </div>
  );
}
