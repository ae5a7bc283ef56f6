// The one place a domain error becomes an HTTP answer. Domain errors say how bad they are with a
// `status` (ForbiddenError 403, the *NotFoundError classes 404, state conflicts 409, rule and input
// errors 400). A route that shows some refusal inside its form calls the domain directly in a try,
// answers the errors it words itself, and ends the catch with httpError: wrapping that call in
// orHttp would turn the error into a Response before the route could word it.
import { ForbiddenError } from "~/domain/team/authorization.server";

const plainText = { "Content-Type": "text/plain; charset=utf-8" };

export const FORBIDDEN_PAGE = "You don't have access to this page.";

export function forbidden(message = FORBIDDEN_PAGE) {
  return new Response(message, { status: 403, headers: plainText });
}

export function notFound(message = "Not found") {
  return new Response(message, { status: 404, headers: plainText });
}

function clientStatus(error: unknown): number | null {
  if (error instanceof ForbiddenError) return 403;
  if (!(error instanceof Error) || !("status" in error)) return null;
  const { status } = error;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

/**
 * Throws the Response a domain error stands for; anything else (a bug, a lost database) is
 * rethrown as it is and becomes a 500. `forbidden` replaces the 403 text with the page's own
 * words, in the reader's language where the route has them.
 */
export function httpError(
  error: unknown,
  { forbidden: forbiddenText }: { forbidden?: string } = {},
): never {
  const status = clientStatus(error);
  if (status === null) throw error;
  const message = status === 403 && forbiddenText ? forbiddenText : (error as Error).message;
  throw new Response(message, { status, headers: plainText });
}

/** Awaits a domain call; a domain error becomes its HTTP answer (see httpError). */
export function orHttp<T>(promise: Promise<T>, options?: { forbidden?: string }): Promise<T> {
  return promise.catch((error: unknown) => httpError(error, options));
}
