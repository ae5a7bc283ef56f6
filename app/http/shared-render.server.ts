// A short, per-process cache of anonymous page renders (docs/decisions/012-cached-petition-page.md).
// The Remix route stays the one source of the markup: a render is a real request through the
// server build, made in-process with no cookies, no session and no client address, so nothing
// personal can be in it. A crowd reading the same page then costs one render per key per second.
import zlib from "node:zlib";

export type SharedPage = {
  status: number;
  contentType: string;
  /** The render's own Content-Security-Policy (its script nonce is in the shared markup). */
  csp: string | null;
  body: Buffer;
  gzip: Buffer;
  etag: string;
  renderedAt: number;
};

type Entry = { page: SharedPage | null; renderedAt: number; pending?: Promise<void> };

/**
 * Renders younger than `freshMs` are served as they are; older ones are served while one refresh
 * runs, so at normal load a page is about `freshMs` + one render time old (~1.05 s). Only past
 * `staleMs` (an overloaded box where renders take seconds) does a request wait for the new render —
 * waiting sooner would make every request wait once renders take longer than the window.
 */
export function createSharedRenderCache({
  render,
  freshMs = 1_000,
  staleMs = 10_000,
  maxEntries = 2_000,
}: {
  render: (key: string) => Promise<Response>;
  freshMs?: number;
  staleMs?: number;
  maxEntries?: number;
}) {
  const entries = new Map<string, Entry>();

  async function refresh(key: string, entry: Entry) {
    const started = Date.now();
    try {
      const res = await render(key);
      const body = Buffer.from(await res.arrayBuffer());
      // Only complete pages are shared; redirects and errors go to the full route every time.
      entry.page =
        res.status === 200
          ? {
              status: 200,
              contentType: res.headers.get("Content-Type") ?? "text/html; charset=utf-8",
              csp: res.headers.get("Content-Security-Policy"),
              body,
              gzip: zlib.gzipSync(body, { level: 6 }),
              etag: `W/"${started.toString(36)}-${body.length.toString(36)}"`,
              renderedAt: started,
            }
          : null;
    } catch {
      entry.page = null;
    }
    entry.renderedAt = started;
  }

  /** The shared page for a key (null: not shareable, let the route answer). */
  async function get(key: string): Promise<SharedPage | null> {
    let entry = entries.get(key);
    if (!entry) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entry = { page: null, renderedAt: 0 };
      entries.set(key, entry);
    }
    const age = Date.now() - entry.renderedAt;
    if (age < freshMs) return entry.page;
    const e = entry;
    e.pending ??= refresh(key, e).finally(() => (e.pending = undefined));
    if (age < staleMs) return e.page;
    await e.pending;
    return e.page;
  }

  return { get, clear: () => entries.clear() };
}
