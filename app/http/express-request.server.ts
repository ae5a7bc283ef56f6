import type { Request as ExpressRequest } from "express";

/** Just enough of a fetch Request for the locale helpers (url and headers.get). */
export function expressAsFetchRequest(req: ExpressRequest) {
  return {
    url: `http://localhost${req.originalUrl}`,
    headers: { get: (name: string) => req.get(name) ?? null },
  } as unknown as Request;
}
