/** Wires one node: store, rooms, HTTP API and Socket.IO on one http server (tests use it without Next). */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdapter as createPubSubAdapter } from "@socket.io/redis-adapter";
import { createAdapter as createStreamsAdapter } from "@socket.io/redis-streams-adapter";
import { createClient, type RedisClientType } from "redis";
import type { Config } from "./config";
import { FloodGuard } from "./flood-guard";
import { createApiHandler } from "./http/api";
import { phoneFirstView } from "./http/phone-first-view";
import { applySecurityHeaders } from "./http/security-headers";
import { createRealtime, type ClusterOptions, type Realtime } from "./realtime/realtime";
import { Rooms } from "./room/rooms";
import { PostgresStore } from "./store/postgres-store";
import { SqliteStore } from "./store/sqlite-store";
import type { Store } from "./store/store";

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** How often the retention job looks for expired sessions. */
const RETENTION_SWEEP_MS = 60 * 60 * 1000;

export interface Tafelronde {
  http: Server;
  realtime: Realtime;
  store: Store;
  rooms: Rooms;
  /** Resolves with the port actually bound (PORT=0 picks a free one). */
  listen(): Promise<number>;
  /** Delete sessions older than RETENTION_DAYS now; returns their ids. */
  sweepExpired(): Promise<string[]>;
  close(): Promise<void>;
}

/** What a node shares with the others of a cluster; a single node has none of it. */
export interface ClusterResources {
  store: Store;
  /** Connected client for the adapter and the shared rate limits. */
  redis?: RedisClientType;
  adapter?: ClusterOptions["adapter"];
  /** Closes what was opened for the cluster (Redis clients), after the store. */
  close?: () => Promise<void>;
}

/**
 * Open the store and, when configured, Redis: PostgreSQL when DATABASE_URL is set (else the SQLite file),
 * and the Socket.IO Redis adapter when REDIS_URL is set.
 */
export async function openClusterResources(config: Config): Promise<ClusterResources> {
  const store: Store = config.databaseUrl
    ? await PostgresStore.open({ url: config.databaseUrl })
    : new SqliteStore({ path: config.databasePath, synchronous: config.synchronous });
  if (!config.redisUrl) return { store };
  let reported = false;
  const redis: RedisClientType = createClient({
    url: config.redisUrl,
    // Keep trying while Redis restarts: broadcasts resume by themselves when it is back.
    socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) },
  });
  // An error event without a listener would end the process; one line per outage is enough.
  redis.on("error", (error: Error) => {
    if (!reported) console.error(`Redis: ${error.message} (reconnecting)`);
    reported = true;
  });
  redis.on("ready", () => (reported = false));
  await redis.connect();
  const clients: RedisClientType[] = [redis];
  let adapter: ClusterOptions["adapter"];
  if (config.socketAdapter === "pubsub") {
    const sub = redis.duplicate();
    sub.on("error", () => undefined);
    await sub.connect();
    clients.push(sub);
    adapter = createPubSubAdapter(redis, sub);
  } else {
    adapter = createStreamsAdapter(redis);
  }
  return {
    store,
    redis,
    adapter,
    close: async () => {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    },
  };
}

/** The whole node as configured: store, Redis, HTTP and Socket.IO. */
export async function openTafelronde(config: Config, pages?: PageHandler): Promise<Tafelronde> {
  return createTafelronde(config, pages, await openClusterResources(config));
}

/**
 * One http server for everything: the JSON API, Socket.IO and (when given) Next's pages, on one port.
 * Tests start it without pages; the entry point adds Next. Without `resources` it opens the SQLite file.
 */
export function createTafelronde(config: Config, pages?: PageHandler, resources?: ClusterResources): Tafelronde {
  const store = resources?.store ?? new SqliteStore({ path: config.databasePath, synchronous: config.synchronous });
  const rooms = new Rooms(store, { idleUnloadMs: config.idleUnloadMs, minGroupSize: config.minGroupSize });
  const guard = new FloodGuard(config.limits, resources?.redis);
  const handleApi = createApiHandler(rooms, { ...config, store, guard });

  const addFirstView = phoneFirstView(rooms, guard, config.trustProxy);
  const http = createServer((req, res) => {
    applySecurityHeaders(req, res, config);
    if (handleApi(req, res)) return;
    if (pages) return void addFirstView(req).then(() => pages(req, res));
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  const rt = createRealtime(http, rooms, guard, config, { adapter: resources?.adapter, sharedStore: store.shared });

  async function sweepExpired(): Promise<string[]> {
    return config.retentionDays > 0 ? rooms.deleteExpired(config.retentionDays) : [];
  }
  const sweeper = setInterval(() => void sweepExpired().catch(() => undefined), RETENTION_SWEEP_MS);
  sweeper.unref();

  return {
    http,
    realtime: rt,
    store,
    rooms,
    sweepExpired,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(config.port, config.host, () => {
          // Sessions that expired while the server was down go at once.
          void sweepExpired().catch(() => undefined);
          resolve((http.address() as AddressInfo).port);
        });
      }),
    async close() {
      clearInterval(sweeper);
      rooms.close();
      // Stop accepting, let in-flight writes commit, then close the database.
      await rt.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await store.close();
      await resources?.close?.();
    },
  };
}
