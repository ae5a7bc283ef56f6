// The one database handle. DATABASE_URL set → postgres.js against that server;
// unset → embedded PGlite in PGLITE_DIR (default ./data/pglite). Same schema, same migrations.
import path from "node:path";
import fs from "node:fs";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";
import type { SQL } from "drizzle-orm";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** The transaction handle drizzle passes to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbConfig = { databaseUrl?: string; pgliteDir?: string; poolSize?: number };

type Handle = {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  ready: Promise<void>;
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
    const client = postgres(config.databaseUrl, {
      max: config.poolSize ?? 10,
      idle_timeout: 5,
      connect_timeout: 5,
      onnotice: () => {},
    });
    const db = drizzlePg({ client, schema, casing: "snake_case" });
    const ready = (async () => {
      await client`select 1`;
      await migratePg(db, { migrationsFolder });
    })();
    ready.catch(() => {});
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }), ready };
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
