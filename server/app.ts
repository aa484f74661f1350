import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config";
import { createApiHandler } from "./http/api";
import { applySecurityHeaders } from "./http/security-headers";
import { createRealtime, type Realtime } from "./realtime/realtime";
import { SessionService } from "./session-service";
import { SqliteStore } from "./store/sqlite-store";

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Tafelronde {
  http: Server;
  realtime: Realtime;
  store: SqliteStore;
  service: SessionService;
  /** Resolves with the port actually bound (PORT=0 picks a free one). */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/**
 * One http server for everything: the JSON API, Socket.IO and (when given) Next's pages, on one port.
 * Tests start it without pages; the entry point adds Next.
 */
export function createTafelronde(config: Config, pages?: PageHandler): Tafelronde {
  const store = new SqliteStore({ path: config.databasePath, synchronous: config.synchronous });
  const service = new SessionService(store);
  const handleApi = createApiHandler(service, { ...config, store });

  const http = createServer((req, res) => {
    applySecurityHeaders(req, res, config);
    if (handleApi(req, res)) return;
    if (pages) return void pages(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  const realtime = createRealtime(http, service, config);

  return {
    http,
    realtime,
    store,
    service,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(config.port, config.host, () => resolve((http.address() as AddressInfo).port));
      }),
    async close() {
      // Stop accepting, let in-flight writes commit, then close the database.
      await realtime.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await store.close();
    },
  };
}
