// The phone's outbox for "My deliveries": changes made offline are kept in localStorage (per user)
// and sent one at a time, oldest first, whenever the network is back. A change leaves the outbox
// only when the server answered for it: applied, or refused (then it is listed with the reason).
// Safe in the browser only; every storage access is guarded so server rendering never touches it.
import { useCallback, useEffect, useRef, useState } from "react";

export type Change =
  | { kind: "checkin"; eventId: number; rsvpId: number; checked: boolean }
  | { kind: "report"; eventId: number; fields: Record<string, string> };

export type Queued = { id: string; at: number; label: string; change: Change };
export type Refusal = { id: string; label: string; code: string; status?: string };
type Box = { items: Queued[]; refusals: Refusal[] };

const storageKey = (userId: number) => `handover:outbox:v1:${userId}`;

function read(userId: number): Box {
  try {
    const raw = window.localStorage.getItem(storageKey(userId));
    const box = raw ? (JSON.parse(raw) as Box) : null;
    return { items: box?.items ?? [], refusals: box?.refusals ?? [] };
  } catch {
    return { items: [], refusals: [] };
  }
}

function write(userId: number, box: Box) {
  window.localStorage.setItem(storageKey(userId), JSON.stringify(box));
}

const newId = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

export function useOfflineQueue({
  userId,
  endpoint,
  onSent,
}: {
  userId: number;
  endpoint: string;
  /** Called after at least one change was answered (to reload the page's data). */
  onSent: () => void;
}) {
  const [box, setBox] = useState<Box>({ items: [], refusals: [] });
  const [online, setOnline] = useState(true);
  const [needsLogin, setNeedsLogin] = useState(false);
  const flushing = useRef(false);
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    let answered = 0;
    try {
      for (;;) {
        const current = read(userId);
        const next = current.items[0];
        if (!next) break;
        let res: Response;
        try {
          res = await fetch(endpoint, {
            method: "POST",
            headers: { Accept: "application/json" },
            body: new URLSearchParams({ change: JSON.stringify(next.change) }),
            credentials: "same-origin",
          });
        } catch {
          setOnline(false);
          break; // Still offline: try again on the next "online" event or tick.
        }
        setOnline(true);
        if (res.status === 401) {
          setNeedsLogin(true);
          break;
        }
        if (!res.ok && res.status !== 400) break; // A server hiccup: keep it, try later.
        setNeedsLogin(false);
        const answer = (await res.json().catch(() => ({ ok: false, code: "invalid" }))) as {
          ok: boolean;
          code?: string;
          status?: string;
        };
        const after = read(userId);
        after.items = after.items.filter((i) => i.id !== next.id);
        if (!answer.ok)
          after.refusals.push({
            id: next.id,
            label: next.label,
            code: answer.code ?? "invalid",
            status: answer.status,
          });
        write(userId, after);
        setBox(after);
        answered++;
      }
    } finally {
      flushing.current = false;
      setBox(read(userId));
      if (answered) onSentRef.current();
    }
  }, [endpoint, userId]);

  useEffect(() => {
    setBox(read(userId));
    setOnline(navigator.onLine);
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    void flush();
    // Some phones never fire "online" after a tunnel: try again every 20 seconds.
    const timer = window.setInterval(() => void flush(), 20_000);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
      window.clearInterval(timer);
    };
  }, [flush, userId]);

  const enqueue = useCallback(
    (change: Change, label: string) => {
      const current = read(userId);
      current.items.push({ id: newId(), at: Date.now(), label, change });
      write(userId, current);
      setBox(current);
      void flush();
    },
    [flush, userId],
  );

  const dismiss = useCallback(
    (id: string) => {
      const current = read(userId);
      current.refusals = current.refusals.filter((r) => r.id !== id);
      write(userId, current);
      setBox(current);
    },
    [userId],
  );

  return { items: box.items, refusals: box.refusals, online, needsLogin, enqueue, dismiss, flush };
}
