import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config";
import { FloodGuard } from "./flood-guard";
import { createApiHandler } from "./http/api";
import { applySecurityHeaders } from "./http/security-headers";
import { createRealtime, type Realtime } from "./realtime/realtime";
import { SessionService } from "./session-service";
import { SqliteStore } from "./store/sqlite-store";

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** How often the retention job looks for expired sessions. */
const RETENTION_SWEEP_MS = 60 * 60 * 1000;

export interface Tafelronde {
  http: Server;
  realtime: Realtime;
  store: SqliteStore;
  service: SessionService;
  /** Resolves with the port actually bound (PORT=0 picks a free one). */
  listen(): Promise<number>;
  /** Delete sessions older than RETENTION_DAYS now; returns their ids. */
  sweepExpired(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * One http server for everything: the JSON API, Socket.IO and (when given) Next's pages, on one port.
 * Tests start it without pages; the entry point adds Next.
 */
export function createTafelronde(config: Config, pages?: PageHandler): Tafelronde {
  const store = new SqliteStore({ path: config.databasePath, synchronous: config.synchronous });
  const service = new SessionService(store);
  const guard = new FloodGuard(config.limits);
  // The API is made before the realtime layer it notifies, so it reaches it through this reference.
  const notify: { realtime?: Realtime } = {};
  const handleApi = createApiHandler(service, {
    ...config,
    store,
    guard,
    onSessionDeleted: (id) => notify.realtime?.endSession(id),
  });

  const http = createServer((req, res) => {
    applySecurityHeaders(req, res, config);
    if (handleApi(req, res)) return;
    if (pages) return void pages(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  const rt = createRealtime(http, service, guard, config);
  notify.realtime = rt;

  async function sweepExpired(): Promise<string[]> {
    if (config.retentionDays <= 0) return [];
    const ids = await service.deleteExpired(config.retentionDays);
    ids.forEach((id) => rt.endSession(id));
    return ids;
  }
  const sweeper = setInterval(() => void sweepExpired().catch(() => undefined), RETENTION_SWEEP_MS);
  sweeper.unref();

  return {
    http,
    realtime: rt,
    store,
    service,
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
      // Stop accepting, let in-flight writes commit, then close the database.
      await rt.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await store.close();
    },
  };
}
