// The OSDI API's HTTP layer: plain Express handlers under /api/v1 (no React document per request).
// Thin by design: authenticate the token → rate-limit → parse → one domain call → JSON.
// Authorization and scopes live in the domain functions (app/domain/integrations/osdi-*.server.ts).
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { ForbiddenError } from "~/domain/team/authorization.server";
import {
  apiRateLimit,
  ApiAuthError,
  authenticateApiToken,
  type ApiActor,
} from "~/domain/team/api-token.server";
import { getAttendance, listAttendances } from "~/domain/integrations/osdi-attendances.server";
import { getDelivery, listDeliveries } from "~/domain/integrations/osdi-deliveries.server";
import { getEvent, listEvents } from "~/domain/integrations/osdi-events.server";
import { getOffice, listOffices } from "~/domain/integrations/osdi-offices.server";
import { parsePaging } from "~/domain/integrations/osdi-paging.server";
import { getPerson, listPeople } from "~/domain/integrations/osdi-people.server";
import { getPetition, listPetitions } from "~/domain/integrations/osdi-petitions.server";
import {
  ApiInputError,
  ApiNotFoundError,
  entryPoint,
} from "~/domain/integrations/osdi-resource.server";
import { getSignature, listSignatures } from "~/domain/integrations/osdi-signatures.server";
import {
  ApiValidationError,
  recordAttendanceHelper,
  recordSignatureHelper,
} from "~/domain/integrations/osdi-helpers.server";
import { openApiDocument } from "./openapi";

type Handler = (ctx: {
  actor: ApiActor;
  req: Request;
  search: URLSearchParams;
  id: (name: string) => number;
}) => Promise<Record<string, unknown> | { status: number; body: Record<string, unknown> }>;

function searchOf(req: Request) {
  const i = req.originalUrl.indexOf("?");
  return new URLSearchParams(i === -1 ? "" : req.originalUrl.slice(i + 1));
}

function send(res: Response, status: number, body: unknown) {
  res
    .status(status)
    .set("Cache-Control", "private, no-store")
    .type("application/hal+json")
    .send(JSON.stringify(body));
}

function fail(res: Response, error: unknown) {
  if (error instanceof ApiValidationError)
    return send(res, 400, { error: "invalid", message: error.message, errors: error.errors });
  if (error instanceof ApiAuthError)
    return send(res, 401, { error: "unauthorized", message: error.message });
  if (error instanceof ForbiddenError)
    return send(res, 403, {
      error: "forbidden",
      message: error.message.startsWith("Not allowed")
        ? "This token may not do this."
        : error.message,
    });
  if (error instanceof ApiNotFoundError)
    return send(res, 404, { error: "not_found", message: error.message });
  if (error instanceof ApiInputError) {
    const status = (error as ApiInputError & { status: number }).status;
    return send(res, status, {
      error: status === 409 ? "conflict" : status === 429 ? "rate_limited" : "bad_request",
      message: error.message,
    });
  }
  // Never the error's text: it may carry data. The name is enough to find it.
  console.error(`api error: ${(error as Error)?.name ?? "unknown"}`);
  send(res, 500, {
    error: "server_error",
    message: "Something went wrong on our side; try again.",
  });
}

function route(handler: Handler) {
  return async (req: Request, res: Response) => {
    try {
      const actor = await authenticateApiToken(req.get("OSDI-API-Token"));
      const wait = await apiRateLimit({ tokenId: actor.tokenId });
      if (wait > 0) {
        res.set("Retry-After", String(wait));
        return send(res, 429, {
          error: "rate_limited",
          message: `Too many requests for this token; try again in ${wait} s.`,
        });
      }
      const id = (name: string) => {
        const value = req.params[name] ?? "";
        if (!/^\d{1,9}$/.test(value))
          throw new ApiNotFoundError(`No such ${name.replace(/Id$/, "")}: ${value.slice(0, 40)}`);
        return Number(value);
      };
      const out = await handler({ actor, req, search: searchOf(req), id });
      if ("status" in out && "body" in out && typeof out.status === "number")
        send(res, out.status, out.body);
      else send(res, 200, out);
    } catch (error) {
      fail(res, error);
    }
  };
}

export function registerApiRoutes(app: Express) {
  const api = express.Router();
  api.get("/openapi.json", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").json(openApiDocument());
  });
  api.use(express.json({ limit: "16kb", type: ["application/json", "application/hal+json"] }));

  const paged = (req: Request) => parsePaging(searchOf(req));
  api.get(
    "/",
    route(async () => entryPoint()),
  );
  api.get(
    "/petitions",
    route(({ actor, req, search }) => listPetitions({ actor, paging: paged(req), search })),
  );
  api.get(
    "/petitions/:petitionId",
    route(({ actor, id }) => getPetition({ actor, petitionId: id("petitionId") })),
  );
  api.get(
    "/petitions/:petitionId/signatures",
    route(({ actor, req, search, id }) =>
      listSignatures({ actor, petitionId: id("petitionId"), paging: paged(req), search }),
    ),
  );
  api.get(
    "/petitions/:petitionId/signatures/:signatureId",
    route(({ actor, id }) =>
      getSignature({ actor, petitionId: id("petitionId"), signatureId: id("signatureId") }),
    ),
  );
  api.post(
    "/petitions/:petitionId/record_signature_helper",
    route(({ actor, req, id }) =>
      recordSignatureHelper({ actor, petitionId: id("petitionId"), body: req.body }),
    ),
  );
  api.get(
    "/people",
    route(({ actor, req, search }) => listPeople({ actor, paging: paged(req), search })),
  );
  api.get(
    "/people/:personId",
    route(({ actor, req }) => getPerson({ actor, personId: req.params.personId ?? "" })),
  );
  api.get(
    "/events",
    route(({ actor, req, search }) => listEvents({ actor, paging: paged(req), search })),
  );
  api.get(
    "/events/:eventId",
    route(({ actor, id }) => getEvent({ actor, eventId: id("eventId") })),
  );
  api.get(
    "/events/:eventId/attendances",
    route(({ actor, req, search, id }) =>
      listAttendances({ actor, eventId: id("eventId"), paging: paged(req), search }),
    ),
  );
  api.get(
    "/events/:eventId/attendances/:attendanceId",
    route(({ actor, id }) =>
      getAttendance({ actor, eventId: id("eventId"), rsvpId: id("attendanceId") }),
    ),
  );
  api.post(
    "/events/:eventId/record_attendance_helper",
    route(({ actor, req, id }) =>
      recordAttendanceHelper({ actor, eventId: id("eventId"), body: req.body }),
    ),
  );
  api.get(
    "/deliveries",
    route(({ actor, req, search }) => listDeliveries({ actor, paging: paged(req), search })),
  );
  api.get(
    "/deliveries/:eventId",
    route(({ actor, id }) => getDelivery({ actor, eventId: id("eventId") })),
  );
  api.get(
    "/offices",
    route(({ actor, req, search }) => listOffices({ actor, paging: paged(req), search })),
  );
  api.get(
    "/offices/:officeId",
    route(({ actor, id }) => getOffice({ actor, officeId: id("officeId") })),
  );

  api.use((_req, res) =>
    send(res, 404, { error: "not_found", message: "No such API resource. Start at /api/v1." }),
  );
  // Body parser errors (bad JSON, too large) are the client's.
  api.use(
    (
      error: { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      if (error?.status === 413)
        return send(res, 413, {
          error: "too_large",
          message: "The request body is too large (16 KB at most).",
        });
      if (error?.status && error.status < 500)
        return send(res, 400, {
          error: "bad_request",
          message: "The request body is not valid JSON.",
        });
      fail(res, error);
    },
  );
  app.use("/api/v1", api);
}
