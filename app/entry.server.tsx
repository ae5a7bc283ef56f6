import crypto from "node:crypto";
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { logError } from "~/lib/log.server";
import { NonceContext } from "~/lib/nonce";

// Start-up hooks for server.mjs (the build exposes this module as build.entry.module).
export { boot, shutdown, beginShutdown, noteRequestError, BootError } from "~/http/boot.server";
export { databaseAvailable } from "#db/client";
export { registerFastRoutes } from "~/http/fast-routes.server";
export { signFormOutcomeOf } from "~/http/sign-form-door.server";
export { registerBoardLive } from "~/http/board-live-route.server";
export { installIdleMemoryRelease } from "~/lib/idle-memory.server";
export {
  errorHandler,
  formBodyGuard,
  installEdge,
  jsonFieldsGuard,
  remixHandler,
  trustProxySetting,
} from "~/http/http-guard.server";

/**
 * Remix calls this for every error a loader, action or render throws (not for thrown Responses):
 * log the request id and the error's kind, never its message (it can quote SQL parameters).
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const id = (context as { requestId?: string } | undefined)?.requestId ?? "-";
  logError(id, error, `${request.method} ${new URL(request.url).pathname.split("/")[1] ?? ""}`);
};

// Headers a route's loader sets that must reach the browser even when the route exports no
// `headers` function (Remix otherwise keeps only the deepest `headers` export's answer).
const LOADER_HEADERS = ["Cache-Control", "Referrer-Policy", "X-Robots-Tag", "Vary"];

function withLoaderHeaders(responseHeaders: Headers, context: EntryContext) {
  const handler = context.staticHandlerContext;
  const found = new Map<string, string>();
  for (const match of handler.matches) {
    const id = match.route.id;
    for (const source of [handler.loaderHeaders[id], handler.actionHeaders[id]])
      for (const name of LOADER_HEADERS) {
        const value = source?.get(name);
        if (value) found.set(name, value); // deeper routes come later and win
      }
  }
  // A route's own `headers` export has already answered; keep what it chose.
  for (const [name, value] of found)
    if (!responseHeaders.has(name)) responseHeaders.set(name, value);
}

/** The document's policy: scripts only from us with this response's nonce; framing only for the embed. */
export function documentCsp(nonce: string, pathname: string) {
  const embed = /^\/p\/[^/]+\/embed\/?$/.test(pathname);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    embed ? "frame-ancestors *" : "frame-ancestors 'none'",
  ].join("; ");
}

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  const nonce = crypto.randomBytes(16).toString("base64");
  const pathname = new URL(request.url).pathname;
  withLoaderHeaders(responseHeaders, remixContext);
  responseHeaders.set("Content-Security-Policy", documentCsp(nonce, pathname));
  if (!/^\/p\/[^/]+\/embed\/?$/.test(pathname)) responseHeaders.set("X-Frame-Options", "DENY");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("X-Content-Type-Options", "nosniff");
          if (!responseHeaders.has("Referrer-Policy"))
            responseHeaders.set("Referrer-Policy", "strict-origin-when-cross-origin");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError(requestIdFrom(_loadContext), error, "render");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

function requestIdFrom(context: AppLoadContext) {
  return (context as { requestId?: string } | undefined)?.requestId ?? "-";
}
