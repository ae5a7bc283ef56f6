// Idle memory: V8 keeps the garbage of the last requests (board pages render ~200 KB of HTML
// each) until its heap fills again, so a server that served a few boards and then went quiet sat
// on that memory indefinitely. After a few seconds without requests, one full collection returns
// it (docs/decisions/029-national-scale-organizers.md). Once per quiet period, never under load.
import vm from "node:vm";
import v8 from "node:v8";
import type { Express } from "express";

const QUIET_MS = Number(process.env.IDLE_GC_AFTER_MS ?? 3000);

let collect: (() => void) | null | undefined;
/**
 * One full collection now (a no-op where V8 refuses the flag). For long jobs that drop a large
 * amount of garbage at known points, e.g. a packet after each finished volume.
 */
export function fullGc() {
  if (collect === undefined) {
    try {
      // globalThis.gc exists with --expose-gc; otherwise enable the flag and take gc from a fresh
      // context (the flag applies to contexts created after it is set).
      if (typeof globalThis.gc === "function") collect = globalThis.gc as () => void;
      else {
        v8.setFlagsFromString("--expose-gc");
        collect = vm.runInNewContext("gc") as () => void;
      }
    } catch {
      collect = null;
    }
  }
  collect?.();
}

/** Counts requests; after QUIET_MS without one (and at least one since the last time), collects. */
export function installIdleMemoryRelease(app: Express) {
  if (QUIET_MS <= 0) return;
  let last = 0;
  let dirty = false;
  app.use((_req, _res, next) => {
    last = Date.now();
    dirty = true;
    next();
  });
  const timer = setInterval(
    () => {
      if (!dirty || Date.now() - last < QUIET_MS) return;
      dirty = false;
      fullGc();
    },
    Math.max(250, Math.floor(QUIET_MS / 3)),
  );
  timer.unref();
}
