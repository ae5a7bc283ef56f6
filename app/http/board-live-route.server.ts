// The delivery board's live feed as a plain Express handler, mounted before Remix: every open
// board polls it every 2.5 s, and through Remix the framework's per-request cost was most of its
// time (docs/decisions/029-national-scale-organizers.md). The answer is the Remix route's
// (app/routes/dashboard.c.$campaign.deliveries.live.ts), which stays for anything that reaches it;
// authorization (session + campaign membership) is inside getBoardLive, in its one statement.
import type { Express } from "express";
import { ForbiddenError } from "~/domain/team/authorization.server";
import { getBoardLive } from "~/domain/deliveries/board-live.server";
import { sessionTokenHash } from "./session.server";

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function registerBoardLive(app: Express) {
  app.get("/dashboard/c/:campaign/deliveries/live", async (req, res, next) => {
    const slug = req.params.campaign!;
    if (!SLUG.test(slug)) return next();
    const raw = typeof req.query.since === "string" ? req.query.since : "";
    const sinceMs = Date.parse(raw);
    try {
      const live = await getBoardLive({
        sessionTokenHash: sessionTokenHash(req.get("cookie")),
        campaignSlug: slug,
        since: Number.isFinite(sinceMs) ? new Date(sinceMs) : null,
      });
      res.set("Cache-Control", "no-store");
      if (live.kind === "signed-out") return void res.status(401).json({ signedOut: true });
      if (live.kind === "no-campaign")
        return void res.status(404).type("text/plain").send("No such campaign");
      const { kind: _kind, ...body } = live;
      res.json(body);
    } catch (error) {
      if (error instanceof ForbiddenError)
        return void res.status(403).type("text/plain").send(error.message);
      next(error);
    }
  });
}
