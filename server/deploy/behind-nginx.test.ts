/**
 * The per-address limits behind the shipped nginx (server/deploy/nginx.conf) with TRUST_PROXY=1, through a real
 * nginx: a client that forges X-Forwarded-For is still counted under the address nginx saw, and two real client
 * addresses are still counted apart (Linux routes all of 127.0.0.0/8 to loopback, so a client can be 127.0.0.2).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type ManagerOptions, type SocketOptions } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedSession } from "../../lib/protocol";
import { newParticipantId } from "../testing/helpers";
import { NGINX_BINARY, startNginx, type NginxInstance } from "../testing/nginx";
import { startServerProcess, type ServerProcess } from "../testing/server-process";

const FAILED_JOINS_PER_MINUTE = 3;
const SESSIONS_PER_HOUR = 2;
const CLIENT = "127.0.0.1";
const OTHER_CLIENT = "127.0.0.2";

/** engine.io-client hands `localAddress` to ws on Node (its WebSocket transport picks it), but its types leave it out. */
type NodeClientOptions = Partial<ManagerOptions & SocketOptions> & { localAddress?: string };

const nginxInstalled = existsSync(NGINX_BINARY);

describe.skipIf(!nginxInstalled)(`behind the shipped nginx with TRUST_PROXY=1 ${nginxInstalled ? "" : "(skipped: needs nginx: apt-get install -y nginx)"}`, () => {
  let dir: string;
  let server: ServerProcess;
  let nginx: NginxInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tafelronde-behind-nginx-"));
    server = await startServerProcess(
      {
        DATABASE_PATH: join(dir, "test.db"),
        TRUST_PROXY: "1",
        RATE_LIMIT_FAILED_JOINS_PER_MINUTE: String(FAILED_JOINS_PER_MINUTE),
        RATE_LIMIT_SESSIONS_PER_HOUR: String(SESSIONS_PER_HOUR),
      },
      60_000,
      "server/testing/start-api-only.ts",
    );
    nginx = await startNginx([server.port]);
  }, 60_000);

  afterAll(async () => {
    await nginx?.stop();
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
    await server?.exited;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A participant join through nginx from `from`; resolves with the connect_error message, or "connected". */
  function attemptJoin(from: string, code: string, forged?: string): Promise<string> {
    const options: NodeClientOptions = {
      auth: { code, participantId: newParticipantId() },
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      localAddress: from,
      extraHeaders: forged === undefined ? undefined : { "x-forwarded-for": forged },
    };
    const socket = io(nginx.url, options);
    return new Promise<string>((resolve) => {
      socket.once("connect_error", (error) => resolve(error.message));
      socket.once("connect", () => resolve("connected"));
    }).finally(() => socket.disconnect());
  }

  /** A POST through nginx from `from`; an array of forged values goes out as that many X-Forwarded-For lines. */
  function post(from: string, path: string, forged: string | string[] | undefined, authorization?: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: nginx.port, path, method: "POST", localAddress: from, agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.setHeader("content-type", "application/json");
      if (forged !== undefined) req.setHeader("x-forwarded-for", forged);
      if (authorization) req.setHeader("authorization", authorization);
      req.end(JSON.stringify({ title: "Behind nginx" }));
    });
  }

  it("refuses a guesser with rate_limited after the failed-join limit, whatever X-Forwarded-For it forges; another client address still gets session_not_found", async () => {
    // Regression: the first X-Forwarded-For entry was taken, which the client writes, so a guesser escaped the limit.
    // A fresh forged address on every attempt: under that rule each one was a new, unlimited address.
    const forged = ["203.0.113.1", "203.0.113.2, 198.51.100.2", "2001:db8::3", "203.0.113.4", " 203.0.113.5 ,, 127.0.0.9 "];
    const answers: string[] = [];
    for (const header of forged) answers.push(await attemptJoin(CLIENT, "ZZZZZZ", header));
    expect(answers.slice(0, FAILED_JOINS_PER_MINUTE)).toEqual(Array(FAILED_JOINS_PER_MINUTE).fill(expect.stringMatching(/^session_not_found/)));
    expect(answers.slice(FAILED_JOINS_PER_MINUTE)).toEqual(Array(forged.length - FAILED_JOINS_PER_MINUTE).fill(expect.stringMatching(/^rate_limited/)));

    // The same forged header from another machine is someone else: its own count, not the guesser's.
    expect(await attemptJoin(OTHER_CLIENT, "ZZZZZZ", forged.at(-1))).toMatch(/^session_not_found/);
  });

  it("answers 429 to session creation and duplication after the per-hour limit, whatever X-Forwarded-For is forged; another client address still creates", async () => {
    // Regression: the first X-Forwarded-For entry was taken, so a forged one per request created sessions without end.
    const created: CreatedSession[] = [];
    for (let i = 0; i < SESSIONS_PER_HOUR; i++) {
      const res = await post(CLIENT, "/api/sessions", `198.51.100.${10 + i}`);
      expect(res.status).toBe(201);
      created.push(JSON.parse(res.body) as CreatedSession);
    }
    // Two X-Forwarded-For lines: nginx joins them before it appends, so neither is the last entry.
    expect((await post(CLIENT, "/api/sessions", ["198.51.100.20", "198.51.100.21"])).status).toBe(429);
    expect((await post(CLIENT, "/api/sessions", "2001:db8::22")).status).toBe(429);
    const first = created[0]!;
    expect((await post(CLIENT, `/api/sessions/${first.id}/duplicate`, "198.51.100.23", `Bearer ${first.hostKey}`)).status).toBe(429);

    expect((await post(OTHER_CLIENT, "/api/sessions", "198.51.100.20")).status).toBe(201);
  });
});
