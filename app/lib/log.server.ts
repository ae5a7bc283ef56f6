// Error logging that is safe to publish: a request id, where, and the error's kind (class name,
// database error code, the code locations it passed through). Never the message: driver and
// query-builder messages quote SQL parameters (emails, names, tokens) and request bodies.
const APP_FRAME =
  /\((?:[^()]*\/)?((?:app|build|db|server)[^()]*?:\d+:\d+)\)|at ((?:[^ ()]*\/)?(?:app|build|db)\/[^ ()]*:\d+:\d+)/;

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  stack?: unknown;
  status?: unknown;
};

/** "PostgresError 22021" / "TypeError" / "DrizzleQueryError <- PostgresError 22P02". */
export function errorKind(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as ErrorLike;
    const name = typeof e.name === "string" ? e.name : typeof current;
    const code =
      typeof e.code === "string" && /^[A-Z0-9_]{2,40}$/i.test(e.code) ? ` ${e.code}` : "";
    parts.push(`${name}${code}`);
    current = typeof current === "object" ? e.cause : undefined;
  }
  return parts.join(" <- ") || "unknown";
}

/** Up to three code locations (file:line:column) from the stack, without its message line. */
export function errorFrames(error: unknown): string {
  const stack = (error as ErrorLike | null)?.stack;
  if (typeof stack !== "string") return "";
  const frames: string[] = [];
  for (const line of stack.split("\n").slice(1)) {
    const m = APP_FRAME.exec(line);
    const frame = m?.[1] ?? m?.[2];
    if (frame) frames.push(frame.replace(/^.*\/(app|build|db)\//, "$1/"));
    if (frames.length === 3) break;
  }
  return frames.join(" ");
}

export function logError(requestId: string, error: unknown, where: string) {
  console.error(
    `[error] request=${requestId} ${where} kind=${errorKind(error)} at=${errorFrames(error) || "-"}`,
  );
}
