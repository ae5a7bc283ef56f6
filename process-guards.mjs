// What the web node (server.mjs) and the worker (worker.mjs) both do to stay up, and to stop in time.

/**
 * The database going away must not take the process down: postgres.js can reject a connection
 * attempt nobody awaits (PgBouncer refusing logins while Postgres restarts). The server build
 * recognises those; each is logged as one line and work carries on once the database is back.
 * Anything else still stops the process.
 */
export function surviveDatabaseOutages(entry) {
  process.on("unhandledRejection", (error) => {
    if (entry.noteRequestError?.(error)) {
      console.error(`database unavailable: ${error?.cause?.code ?? error?.code ?? "connection"}`);
      return;
    }
    throw error;
  });
}

/** However a shutdown goes, the process is gone after SHUTDOWN_TIMEOUT_MS (25 s). */
export function exitAfterShutdownTimeout() {
  setTimeout(() => process.exit(1), Number(process.env.SHUTDOWN_TIMEOUT_MS || 25_000)).unref();
}
