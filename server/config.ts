import { z } from "zod";
import { SYNCHRONOUS_MODES, type SynchronousMode } from "./store/sqlite-store";

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** Base URL that phones use, e.g. https://poll.example.org; `undefined`: derived from the request. */
  publicUrl: string | undefined;
  /** Extra origins allowed to open sockets and post, besides the server's own. */
  allowedOrigins: string[];
  synchronous: SynchronousMode;
  dev: boolean;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("./data/tafelronde.db"),
  PUBLIC_URL: z.url().optional(),
  ALLOWED_ORIGINS: z.string().default(""),
  SQLITE_SYNCHRONOUS: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(SYNCHRONOUS_MODES))
    .default("FULL"),
  NODE_ENV: z.string().default("production"),
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
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    allowedOrigins: e.ALLOWED_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean),
    synchronous: e.SQLITE_SYNCHRONOUS,
    dev: e.NODE_ENV === "development",
  };
}
