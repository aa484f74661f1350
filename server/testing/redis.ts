/** Test helper: a real Redis server in a temporary folder on a random port. */
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, ServerExited, waitUntilAnswers, type Running } from "./child-server";
import { findRedisServer, freeLoopbackPort } from "./services";

export interface RedisInstance {
  /** redis://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** The temporary working folder of the server. */
  readonly dir: string;
  /** Shut the server down (nothing is saved: the tests' Redis keeps no data). */
  stop(): Promise<void>;
  /** Start again on the same port. */
  start(): Promise<void>;
  /** Stop and delete the folder. */
  destroy(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
const BIND_ATTEMPTS = 8;

/**
 * One round trip of real commands: `CONFIG GET dir` answers with the server's folder, so a server of another
 * worker that holds the port we tried is not taken for ours. Resolves false on any failure.
 */
function answers(port: number, dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let reply = "";
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => finish(false));
    socket.once("error", () => finish(false));
    socket.once("connect", () => socket.write("*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$3\r\ndir\r\n"));
    socket.on("data", (chunk: Buffer) => {
      reply += chunk.toString();
      // An error reply (-LOADING while it reads a dump) means not ready yet.
      if (reply.startsWith("-")) finish(false);
      else if (reply.includes(dir)) finish(true);
      else if (/^\*2\r\n\$3\r\ndir\r\n\$\d+\r\n.*\r\n$/s.test(reply)) finish(false);
    });
  });
}

/**
 * A redis-server of its own for a test, on a random port of 127.0.0.1, without persistence, in a temporary folder.
 * Resolves once it answers a real command.
 */
export async function startRedis(): Promise<RedisInstance> {
  const bin = findRedisServer();
  if (!bin) throw new Error("Redis is not installed: apt-get install -y redis-server");
  // Redis reports its folder resolved (CONFIG GET dir is its working directory), so compare with the real path.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "tafelronde-redis-")));

  // A test run that stops early leaves no redis-server behind.
  const launch = (port: number): Running =>
    run(bin, ["--save", "", "--appendonly", "no", "--port", String(port), "--bind", "127.0.0.1", "--dir", dir], { cwd: dir }, "SIGKILL");

  const waitUntilReady = (server: Running, port: number) =>
    waitUntilAnswers(server, () => answers(port, dir), `redis-server on port ${port}`, STARTUP_TIMEOUT_MS);

  const stopServer = async (server: Running) => {
    if (server.hasExited()) return;
    // SIGTERM is Redis's own shutdown; with --save "" it writes nothing and exits at once.
    server.child.kill("SIGTERM");
    await server.exited;
  };

  let port = 0;
  let server: Running | undefined;
  try {
    for (let attempt = 1; !server; attempt++) {
      port = await freeLoopbackPort();
      const candidate = launch(port);
      try {
        await waitUntilReady(candidate, port);
        server = candidate;
      } catch (error) {
        await stopServer(candidate);
        const inUse = /address already in use/i.test(candidate.log());
        if (!(error instanceof ServerExited && inUse && attempt < BIND_ATTEMPTS)) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  let current: Running | undefined = server;
  let destroyed = false;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      if (current) await stopServer(current);
      current = undefined;
    },
    async start() {
      if (destroyed) throw new Error("this Redis instance was destroyed");
      if (current) return;
      const next = launch(port);
      try {
        await waitUntilReady(next, port);
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
