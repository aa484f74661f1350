/** The server's configuration from environment variables, checked at start. */
import { z } from "zod";
import { DEFAULT_IDLE_UNLOAD_MS } from "./room/rooms";
import { DEFAULT_FLOOD_LIMITS, type FloodLimits } from "./flood-guard";
import { SYNCHRONOUS_MODES, type SynchronousMode } from "./store/sqlite-store";

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** PostgreSQL connection URL: every node that has the same one shares one store. `undefined`: SQLite. */
  databaseUrl: string | undefined;
  /** Redis URL: nodes share broadcasts, rate limits and failed-join counters through it. */
  redisUrl: string | undefined;
  /** Which Socket.IO Redis adapter carries messages between nodes. */
  socketAdapter: SocketAdapterKind;
  /** Base URL that phones use, e.g. https://poll.example.org; `undefined`: derived from the request. */
  publicUrl: string | undefined;
  /** Extra origins allowed to open sockets and post, besides the server's own. */
  allowedOrigins: string[];
  synchronous: SynchronousMode;
  dev: boolean;
  /** When set, creating a session needs this passcode. */
  createPasscode: string | undefined;
  /** Sessions older than this many days are deleted by a periodic job; 0 keeps them forever. */
  retentionDays: number;
  /**
   * How many reverse proxies of your own stand in front (0: clients connect directly). The client address is the
   * X-Forwarded-For entry that many places from the right, the one the outermost of them added.
   */
  trustProxy: number;
  limits: FloodLimits;
  /** Serve GET /api/diagnostics (memory after GC, open handles) for soak runs; off by default. */
  diagnostics: boolean;
  /** Privacy threshold: a breakdown (co-occurrence, a compared group) needs at least this many respondents. */
  minGroupSize: number;
  /** A session without sockets leaves memory after this long unused (it is loaded again when needed). */
  idleUnloadMs: number;
}

export const SOCKET_ADAPTERS = ["streams", "pubsub"] as const;
export type SocketAdapterKind = (typeof SOCKET_ADAPTERS)[number];

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("./data/tafelronde.db"),
  DATABASE_URL: z
    .url()
    .refine((u) => /^postgres(ql)?:/.test(u), "must be a postgres:// or postgresql:// URL")
    .optional(),
  REDIS_URL: z
    .url()
    .refine((u) => /^rediss?:/.test(u), "must be a redis:// or rediss:// URL")
    .optional(),
  SOCKET_ADAPTER: z.enum(SOCKET_ADAPTERS).default("streams"),
  PUBLIC_URL: z.url().optional(),
  ALLOWED_ORIGINS: z.string().default(""),
  SQLITE_SYNCHRONOUS: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(SYNCHRONOUS_MODES))
    .default("FULL"),
  NODE_ENV: z.string().default("production"),
  CREATE_PASSCODE: z.string().min(1).optional(),
  RETENTION_DAYS: z.coerce.number().min(0).default(180),
  // `true` meant "behind a proxy" before hops were counted; deployments that set it have the one nginx of the sample.
  TRUST_PROXY: z
    .string()
    .regex(/^(\d+|true|false)$/, "must be the number of reverse proxies in front (0: none, 1: one such as the sample nginx), or true (= 1) or false (= 0)")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v)))
    .default(0),
  DIAGNOSTICS: z.enum(["true", "false", "1", "0"]).default("false"),
  MIN_GROUP_SIZE: z.coerce.number().int().min(1).default(5),
  IDLE_UNLOAD_SECONDS: z.coerce.number().min(0.1).default(DEFAULT_IDLE_UNLOAD_MS / 1000),
  RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: z.coerce.number().int().min(1).default(DEFAULT_FLOOD_LIMITS.socketEventsPerSecond),
  RATE_LIMIT_FAILED_JOINS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_FLOOD_LIMITS.failedJoinsPerMinute),
  RATE_LIMIT_SESSIONS_PER_HOUR: z.coerce.number().int().min(1).default(DEFAULT_FLOOD_LIMITS.sessionCreatesPerHour),
});

/** Read the configuration from the environment; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Bad configuration: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    socketAdapter: e.SOCKET_ADAPTER,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    allowedOrigins: e.ALLOWED_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean),
    synchronous: e.SQLITE_SYNCHRONOUS,
    dev: e.NODE_ENV === "development",
    createPasscode: e.CREATE_PASSCODE,
    retentionDays: e.RETENTION_DAYS,
    trustProxy: e.TRUST_PROXY,
    diagnostics: e.DIAGNOSTICS === "true" || e.DIAGNOSTICS === "1",
    minGroupSize: e.MIN_GROUP_SIZE,
    idleUnloadMs: Math.round(e.IDLE_UNLOAD_SECONDS * 1000),
    limits: {
      ...DEFAULT_FLOOD_LIMITS,
      socketEventsPerSecond: e.RATE_LIMIT_SOCKET_EVENTS_PER_SECOND,
      failedJoinsPerMinute: e.RATE_LIMIT_FAILED_JOINS_PER_MINUTE,
      sessionCreatesPerHour: e.RATE_LIMIT_SESSIONS_PER_HOUR,
    },
  };
}
