// The one database handle. DATABASE_URL set → postgres.js against that server;
// unset → embedded PGlite in PGLITE_DIR (default ./data/pglite). Same schema, same migrations.
// DATABASE_POOL_MODE=transaction: DATABASE_URL points at PgBouncer in transaction pooling, so no
// named prepared statements. DATABASE_REPLICA_URL: a streaming replica for public, cacheable reads
// (`publicDb`). See docs/decisions/016-scale-out.md.
import path from "node:path";
import fs from "node:fs";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import { withReplicas } from "drizzle-orm/pg-core";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";
import type { SQL } from "drizzle-orm";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** The transaction handle drizzle passes to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbConfig = {
  databaseUrl?: string;
  pgliteDir?: string;
  poolSize?: number;
  /** "transaction" behind PgBouncer's transaction pooling: no named prepared statements. */
  poolMode?: "session" | "transaction";
  replicaUrl?: string;
};

type Handle = {
  db: Db;
  /** Public, cacheable reads: the replica when one is configured, else the primary. */
  publicDb: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  ready: Promise<void>;
  /** A cheap round trip to the primary (health checks). */
  probe?: () => Promise<void>;
};

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

const globalKey = "__handoverDb" as const;
type GlobalWithDb = typeof globalThis & { [globalKey]?: Handle };

async function openPglite(dir: string) {
  const { PGlite } = await import("@electric-sql/pglite");
  if (!dir.startsWith("memory://")) fs.mkdirSync(dir, { recursive: true });
  return PGlite.create(dir);
}

export function createDb(config: DbConfig): Handle {
  if (config.databaseUrl) {
    const options = {
      max: config.poolSize ?? 10,
      idle_timeout: 5,
      connect_timeout: 5,
      // PgBouncer in transaction pooling hands each transaction to any server connection, where a
      // statement prepared on another one does not exist.
      prepare: config.poolMode !== "transaction",
      onnotice: () => {},
    };
    const client = postgres(config.databaseUrl, options);
    const db = drizzlePg({ client, schema, casing: "snake_case" });
    const replicaClient = config.replicaUrl ? postgres(config.replicaUrl, options) : undefined;
    const publicDb = replicaClient
      ? (withReplicas(
          db,
          [drizzlePg({ client: replicaClient, schema, casing: "snake_case" })],
          (r) => (replicaUsable() ? r[0]! : db),
        ) as unknown as Db)
      : db;
    const ready = (async () => {
      await client`select 1`;
      await migratePg(db, { migrationsFolder });
    })();
    ready.catch(() => {});
    return {
      db,
      publicDb,
      kind: "postgres",
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), replicaClient?.end({ timeout: 5 })]);
      },
      ready,
      probe: async () => {
        await client`select 1`;
      },
    };
  }

  // PGlite opens asynchronously; queries made before it is ready wait on the proxy below.
  const dir = config.pgliteDir ?? path.resolve(process.cwd(), "data/pglite");
  let real: Db | undefined;
  let pg: Awaited<ReturnType<typeof openPglite>> | undefined;
  const ready = (async () => {
    pg = await openPglite(dir);
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const pgDb = drizzle({ client: pg, schema, casing: "snake_case" });
    await migrate(pgDb, { migrationsFolder });
    real = pgDb as unknown as Db;
  })();
  ready.catch(() => {});
  const db = new Proxy({} as Db, {
    get(_t, prop) {
      if (!real) throw new Error("Database used before it was ready: await dbReady() first");
      const value = (real as any)[prop];
      return typeof value === "function" ? value.bind(real) : value;
    },
  });
  return {
    db,
    publicDb: db,
    kind: "pglite",
    close: async () => {
      await ready.catch(() => {});
      await pg?.close();
    },
    ready,
  };
}

function fromEnv(): Handle {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    g[globalKey] = createDb({
      databaseUrl: process.env.DATABASE_URL || undefined,
      pgliteDir: process.env.PGLITE_DIR || undefined,
      poolSize: process.env.DB_POOL_SIZE ? Number(process.env.DB_POOL_SIZE) : undefined,
      poolMode: process.env.DATABASE_POOL_MODE === "transaction" ? "transaction" : "session",
      replicaUrl: process.env.DATABASE_REPLICA_URL || undefined,
    });
  }
  return g[globalKey]!;
}

/** The shared handle. Created on first use from the environment. */
export const db: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const real = fromEnv().db;
    const value = (real as any)[prop];
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/** For public, cacheable reads that may lag the primary by a moment (home page, public pages). */
export const publicDb: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const real = fromEnv().publicDb;
    const value = (real as any)[prop];
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export const dbKind = () => fromEnv().kind;
export const dbReady = () => fromEnv().ready;
export async function closeDb() {
  const g = globalThis as GlobalWithDb;
  const handle = g[globalKey];
  if (handle) {
    delete g[globalKey];
    await handle.close();
  }
}

/** Rows of a raw SQL query, whichever driver runs it (postgres.js returns an array, PGlite {rows}). */
export async function rows<T = Record<string, unknown>>(
  executor: DbOrTx,
  query: SQL,
): Promise<T[]> {
  const result: any = await (executor as any).execute(query);
  return (Array.isArray(result) ? result : result.rows) as T[];
}

// ---------------------------------------------------------------- availability

// Errors that mean "the database (or PgBouncer's server connection) is away", as opposed to a bad
// query: node socket errors, postgres.js connection states, SQLSTATE class 08 (connection
// exception), 57P01-03 (shutdown, crash, starting up) and 53300 (too many connections).
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** True when `error` (or one of its causes) says the database cannot be reached right now. */
export function isConnectionError(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    const code = typeof e.code === "string" ? e.code : "";
    if (CONNECTION_CODES.has(code) || code.startsWith("08")) return true;
    // PgBouncer's own refusals while it has no server connection.
    if (
      /pgbouncer cannot connect|server login has been failing|server conn crashed|query_wait_timeout/i.test(
        String(e.message ?? ""),
      )
    )
      return true;
  }
  return false;
}

let downSince: number | null = null;
let probing: NodeJS.Timeout | undefined;
let replicaDownUntil = 0;
const replicaUsable = () => Date.now() >= replicaDownUntil;

/**
 * Records that a request failed because the database is away. Until a probe gets through again,
 * `databaseAvailable()` is false: the health check says not ready and failed requests are answered
 * 503 with Retry-After rather than 500. Public reads stop using the replica for a while too.
 */
export function noteDatabaseError(error: unknown) {
  if (!isConnectionError(error)) return false;
  replicaDownUntil = Date.now() + 5_000;
  if (downSince === null) downSince = Date.now();
  if (!probing) {
    probing = setInterval(() => {
      const probe = (globalThis as GlobalWithDb)[globalKey]?.probe;
      if (!probe) {
        // No shared handle (closed, or PGlite): nothing to wait for.
        downSince = null;
        clearInterval(probing);
        probing = undefined;
        return;
      }
      probe().then(
        () => {
          downSince = null;
          clearInterval(probing);
          probing = undefined;
        },
        () => {},
      );
    }, 500);
    probing.unref?.();
  }
  return true;
}

export const databaseAvailable = () => downSince === null;
/** Since when this process has seen the database away (ms epoch), or null. */
export const databaseDownSince = () => downSince;
