/** Test helper: a real server on a random port with a temporary SQLite file, and socket.io clients for it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, CreatedSession, ServerToClientEvents, SessionState } from "../../lib/protocol";
import { createTafelronde, type PageHandler, type Tafelronde } from "../app";
import type { Config } from "../config";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { DEFAULT_IDLE_UNLOAD_MS } from "../room/rooms";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const lastStates = new WeakMap<ClientSocket, SessionState>();
/** The last session:state a socket made by connectAs received. */
export function lastStateOf(socket: ClientSocket): SessionState | undefined {
  return lastStates.get(socket);
}

export interface Harness {
  app: Tafelronde;
  url: string;
  dir: string;
  databasePath: string;
  createSession(body?: Record<string, unknown>): Promise<CreatedSession>;
  /** Connect and wait for the first `session:state`; rejects on `connect_error`. */
  connectAs(auth: Record<string, unknown>, extra?: { origin?: string }): Promise<{ socket: ClientSocket; state: SessionState }>;
  /** Stop the server but keep the database file (to test a restart). */
  stop(): Promise<void>;
  /** Stop and delete the temporary folder. */
  close(): Promise<void>;
}

/**
 * A real server on a random port with a temporary SQLite file, without Next's pages (a test may hand it a page
 * handler of its own to see what the server gives the pages).
 */
export async function startHarness(options: { databasePath?: string; config?: Partial<Config>; pages?: PageHandler } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "tafelronde-test-"));
  const databasePath = options.databasePath ?? join(dir, "test.db");
  const app = createTafelronde({
    port: 0,
    host: "127.0.0.1",
    databasePath,
    databaseUrl: undefined,
    redisUrl: undefined,
    socketAdapter: "streams",
    publicUrl: undefined,
    allowedOrigins: [],
    synchronous: "NORMAL",
    dev: false,
    createPasscode: undefined,
    retentionDays: 180,
    trustProxy: 0,
    diagnostics: false,
    minGroupSize: 5,
    limits: DEFAULT_FLOOD_LIMITS,
    idleUnloadMs: DEFAULT_IDLE_UNLOAD_MS,
    ...options.config,
  }, options.pages);
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  const sockets: ClientSocket[] = [];
  let stopped = false;

  const harness: Harness = {
    app,
    url,
    dir,
    databasePath,
    async createSession(body = { title: "Test session" }) {
      const res = await fetch(`${url}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as CreatedSession;
    },
    connectAs(auth, extra = {}) {
      const socket: ClientSocket = connect(url, {
        auth,
        transports: ["websocket"],
        reconnection: false,
        forceNew: true,
        extraHeaders: extra.origin ? { origin: extra.origin } : undefined,
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        // Kept so a phone's view after a question:updated can be built (helpers.ts nextView).
        socket.on("session:state", (state) => lastStates.set(socket, state));
        socket.once("session:state", (state) => resolve({ socket, state }));
        socket.once("connect_error", (error) => reject(error));
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const s of sockets) s.disconnect();
      await app.close();
    },
    async close() {
      await harness.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Resolve with the next event of that name. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    socket.once(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => resolve(payload)) as never);
  });
}

/** Resolve with the first event of that name that satisfies the predicate. */
export function eventMatching<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  predicate: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    const listener = ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (predicate(payload)) {
        socket.off(event, listener as never);
        resolve(payload);
      }
    }) as never;
    socket.on(event, listener);
  });
}
