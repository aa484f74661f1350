/** Test helper: three nodes with PostgreSQL, Redis and nginx, for the cluster tests. */
import { existsSync } from "node:fs";
import { io } from "socket.io-client";
import type { CreatedSession, SessionState } from "../../lib/protocol";
import type { ClientSocket } from "./harness";
import { NGINX_BINARY, startNginx, type NginxInstance } from "./nginx";
import { startPostgres, type PostgresInstance } from "./postgres";
import { startRedis, type RedisInstance } from "./redis";
import { startServerProcess, type ServerProcess } from "./server-process";
import { clusterServices } from "./services";

/** Can this machine run the cluster tests? PostgreSQL, Redis and nginx from Debian's packages. */
export function clusterTestServices(): { available: boolean; skipMessage: string } {
  const services = clusterServices();
  const nginx = existsSync(NGINX_BINARY);
  if (services.available && nginx) return { available: true, skipMessage: "" };
  const missing = [...services.missing.map((s) => (s === "redis" ? "redis-server" : s)), ...(nginx ? [] : ["nginx"])];
  return { available: false, skipMessage: `(skipped: needs PostgreSQL, Redis and nginx: apt-get install -y ${missing.join(" ")})` };
}

export interface ClusterNode {
  process: ServerProcess;
  url: string;
  port: number;
}

export interface TestCluster {
  postgres: PostgresInstance;
  redis: RedisInstance;
  /** DATABASE_URL of this cluster's own database. */
  databaseUrl: string;
  nodes: ClusterNode[];
  /** nginx with the README's sample configuration in front of every node. */
  balancer: NginxInstance;
  /** SIGKILL one node; resolves once it is gone. */
  kill(index: number): Promise<void>;
  createSession(url?: string, body?: Record<string, unknown>): Promise<CreatedSession>;
  close(): Promise<void>;
}

/**
 * Three (or `nodes`) server processes started the way a deployment would (one process each, PORT given),
 * sharing one PostgreSQL database and one Redis, behind nginx. Without Next's pages, so it starts in seconds.
 */
export async function startCluster(options: { nodes?: number; env?: Record<string, string>; postgres?: PostgresInstance; redis?: RedisInstance } = {}): Promise<TestCluster> {
  const postgres = options.postgres ?? (await startPostgres());
  const redis = options.redis ?? (await startRedis());
  const databaseUrl = await postgres.createDatabase();
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, TRUST_PROXY: "1", ...options.env };
  const nodes: ClusterNode[] = [];
  // One after the other: the first migrates the fresh database (the others would wait on its lock anyway).
  for (let i = 0; i < (options.nodes ?? 3); i++) {
    const process = await startServerProcess(env, 60_000, "server/testing/start-api-only.ts");
    nodes.push({ process, url: process.url, port: process.port });
  }
  const balancer = await startNginx(nodes.map((n) => n.port));
  return {
    postgres,
    redis,
    databaseUrl,
    nodes,
    balancer,
    async kill(index) {
      const node = nodes[index];
      if (!node) throw new Error(`no node ${index}`);
      node.process.child.kill("SIGKILL");
      await node.process.exited;
    },
    async createSession(url = nodes[0]!.url, body = { title: "Cluster test" }) {
      const res = await fetch(`${url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as CreatedSession;
    },
    async close() {
      await balancer.stop();
      for (const node of nodes) {
        if (node.process.child.exitCode === null && node.process.child.signalCode === null) node.process.child.kill("SIGTERM");
        await node.process.exited;
      }
      if (!options.redis) await redis.destroy();
      if (!options.postgres) await postgres.destroy();
    },
  };
}

/** A socket.io client (websocket only, as the bench and most phones) that resolves on its first state. */
export function connectTo(url: string, auth: Record<string, unknown>, extra: { reconnection?: boolean } = {}): Promise<{ socket: ClientSocket; state: SessionState }> {
  const socket: ClientSocket = io(url, {
    auth,
    transports: ["websocket"],
    reconnection: extra.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once("session:state", (state) => resolve({ socket, state }));
    socket.once("connect_error", (error) => {
      if (!socket.active) reject(error);
    });
  });
}
