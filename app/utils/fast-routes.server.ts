// Plain Express handlers mounted before Remix, for the few hot paths where the framework's
// per-request cost matters (see docs/decisions). Each takes the express app.
import type { Express } from "express";

export function registerFastRoutes(_app: Express) {
  // Intentionally empty until a hot path needs it.
}
