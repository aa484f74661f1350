/** Test helper: a real PostgreSQL server in a temporary folder on a random port. */
import type { SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { run, ServerExited, waitUntilAnswers, type Running } from "./child-server";
import { findPostgresBin, freeLoopbackPort, POSTGRES_USER, runningAsRoot, systemUser } from "./services";

export interface PostgresInstance {
  /** URL of the database `tafelronde` on this server (user postgres, no password: trust on loopback). */
  readonly url: string;
  readonly port: number;
  /** The temporary folder: data directory, Unix socket. */
  readonly dir: string;
  /** A new empty database on this server; resolves with its URL (for tests that need a fresh schema). */
  createDatabase(name?: string): Promise<string>;
  /** Fast shutdown (connections are cut, a checkpoint is written); the data stays. */
  stop(): Promise<void>;
  /** Start again on the same port with the same data. */
  start(): Promise<void>;
  /** Stop and delete the folder. */
  destroy(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;
const BIND_ATTEMPTS = 8;

/** Environment without PG* variables of the caller (PGDATA, PGPORT...) that would override our arguments. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PG"))) as NodeJS.ProcessEnv;
}

/** Connect for real and check that the answering server is ours (another worker's may hold a port we tried). */
async function answers(port: number, dataDir: string): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres", connectionTimeoutMillis: 2_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const result = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    return result.rows[0]?.dir === dataDir;
  } catch {
    // Refused while starting, or "the database system is starting up" (57P03): try again.
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function waitUntilReady(server: Running, port: number, dataDir: string): Promise<void> {
  return waitUntilAnswers(server, () => answers(port, dataDir), `PostgreSQL on port ${port}`, STARTUP_TIMEOUT_MS);
}

const bindFailed = (log: string) => /could not bind|address already in use|could not create any TCP\/IP sockets/i.test(log);

/**
 * A PostgreSQL server of its own for a test: a new cluster in a temporary folder (initdb, trust on loopback),
 * listening on a random port of 127.0.0.1 and a Unix socket in that folder, with fsync on as in production.
 * Resolves once the server accepts a real connection. As root the server runs as the `postgres` user, because
 * PostgreSQL refuses to run as root.
 */
export async function startPostgres(): Promise<PostgresInstance> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql");
  const dir = mkdtempSync(join(tmpdir(), "tafelronde-pg-"));
  const dataDir = join(dir, "data");
  // Node sets uid and gid of the child itself (and drops root's groups): the postmaster is our direct child, so
  // stopping it is a signal and its exit an event, with no runuser or su in between.
  let owner: { uid: number; gid: number } | undefined;
  if (runningAsRoot()) {
    owner = systemUser(POSTGRES_USER);
    if (!owner) throw new Error(`running as root needs a '${POSTGRES_USER}' user to run PostgreSQL: apt-get install -y postgresql`);
    chownSync(dir, owner.uid, owner.gid);
  }
  const spawnOptions: SpawnOptions = { cwd: dir, env: cleanEnv(), ...owner };

  try {
    // --no-sync only skips initdb's final flush of the new cluster to disk; the server itself runs with fsync on.
    const initdb = run(join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], spawnOptions);
    await initdb.exited;
    if (initdb.child.exitCode !== 0) throw new Error(`initdb failed (exit ${initdb.child.exitCode}):\n${initdb.log()}`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const launch = (port: number) => {
    // An immediate shutdown if the test process ends first: the data of a test server does not matter then.
    const server = run(join(bin, "postgres"), ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-k", dir], spawnOptions, "SIGQUIT");
    return server;
  };
  const stopServer = async (server: Running) => {
    if (server.hasExited()) return;
    // SIGINT is PostgreSQL's fast shutdown: open transactions are rolled back, clients disconnected.
    server.child.kill("SIGINT");
    await server.exited;
  };

  let port = 0;
  let server: Running | undefined;
  try {
    for (let attempt = 1; !server; attempt++) {
      port = await freeLoopbackPort();
      const candidate = launch(port);
      try {
        await waitUntilReady(candidate, port, dataDir);
        server = candidate;
      } catch (error) {
        await stopServer(candidate);
        if (!(error instanceof ServerExited && bindFailed(candidate.log()) && attempt < BIND_ATTEMPTS)) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const urlOf = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const createDatabase = async (name = `test_${randomBytes(6).toString("hex")}`) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    const client = new pg.Client({ connectionString: urlOf("postgres") });
    client.on("error", () => {});
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return urlOf(name);
  };
  await createDatabase("tafelronde");

  let current: Running | undefined = server;
  let destroyed = false;
  return {
    url: urlOf("tafelronde"),
    port,
    dir,
    createDatabase,
    async stop() {
      if (current) await stopServer(current);
      current = undefined;
    },
    async start() {
      if (destroyed) throw new Error("this PostgreSQL instance was destroyed");
      if (current) return;
      const next = launch(port);
      try {
        await waitUntilReady(next, port, dataDir);
      } catch (error) {
        await stopServer(next);
        throw error;
      }
      current = next;
    },
    async destroy() {
      destroyed = true;
      if (current) await stopServer(current);
      current = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
