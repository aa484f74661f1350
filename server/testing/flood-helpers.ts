/** Test helpers for the flood tests: raw handshakes, timed acks, many sockets from one address. */
import { createServer } from "node:net";
import { io as connect } from "socket.io-client";
import type { Ack, SessionState, VoteCast, VoteCastResult } from "../../lib/protocol";
import type { ClientSocket, Harness } from "./harness";
import { readDatabase } from "./helpers";

/** The error a refused handshake ends in; `data.code` is one of HANDSHAKE_ERRORS. */
export type ConnectError = Error & { data?: { code?: string } };

/**
 * Open sockets with headers the harness does not set (user agent, X-Forwarded-For) and close them all
 * afterwards. Each socket is its own connection, as each phone in the hall is.
 */
export function socketPool(h: Harness) {
  const sockets: ClientSocket[] = [];
  function open(auth: Record<string, unknown>, headers?: Record<string, string>): ClientSocket {
    const socket: ClientSocket = connect(h.url, {
      auth,
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      extraHeaders: headers,
    });
    sockets.push(socket);
    return socket;
  }
  return {
    open,
    /** Connect and wait for the first `session:state`; rejects with the `connect_error`. */
    join(auth: Record<string, unknown>, headers?: Record<string, string>) {
      const socket = open(auth, headers);
      return new Promise<{ socket: ClientSocket; state: SessionState }>((resolve, reject) => {
        socket.once("session:state", (state) => resolve({ socket, state }));
        socket.once("connect_error", reject);
      });
    },
    /**
     * Connect, and fail the promise if the server admits the socket. A `pending` event is emitted before the
     * handshake ends, as a client that does not wait for `connect` would: it must never reach the server.
     */
    refused(auth: Record<string, unknown>, pending?: [event: string, payload: unknown], headers?: Record<string, string>): Promise<ConnectError> {
      const socket = open(auth, headers);
      if (pending) (socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit(pending[0], pending[1], () => undefined);
      return new Promise((resolve, reject) => {
        socket.once("connect_error", (error) => resolve(error as ConnectError));
        socket.once("connect", () => reject(new Error(`the handshake was accepted for ${JSON.stringify(auth)}`)));
      });
    },
    closeAll() {
      for (const s of sockets) s.disconnect();
      sockets.length = 0;
    },
  };
}

/** Refuse with a clear message when `promise` has not settled in time, instead of hanging until the test timeout. */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The reason of the next disconnect ("io server disconnect" when the server closed the socket). */
export function disconnected(socket: ClientSocket): Promise<string> {
  return new Promise((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
}

export interface FloodOutcome {
  ok: number;
  rateLimited: number;
  /** Acks with any other error code. */
  other: string[];
  /** Set when the server dropped the socket before every ack came back. */
  disconnectReason: string | undefined;
}

/**
 * Emit `count` votes in one synchronous loop, as fast as the client can write them. Resolves once every ack
 * is back or the server has dropped the socket (acks of a dropped socket never come).
 */
export function floodVotes(socket: ClientSocket, count: number, vote: VoteCast): Promise<FloodOutcome> {
  const outcome: FloodOutcome = { ok: 0, rateLimited: 0, other: [], disconnectReason: undefined };
  return new Promise((resolve) => {
    let pending = count;
    const onDisconnect = (reason: string) => {
      outcome.disconnectReason = reason;
      resolve(outcome);
    };
    socket.once("disconnect", onDisconnect);
    const onAck = (ack: Ack<VoteCastResult>) => {
      if (ack.ok) outcome.ok++;
      else if (ack.error.code === "rate_limited") outcome.rateLimited++;
      else outcome.other.push(ack.error.code);
      if (--pending === 0) {
        socket.off("disconnect", onDisconnect);
        resolve(outcome);
      }
    };
    for (let i = 0; i < count; i++) socket.emit("vote:cast", vote, onAck);
  });
}

/** Cast a vote and measure the time until its ack, in milliseconds. */
export async function timedVote(socket: ClientSocket, vote: VoteCast): Promise<{ ack: Ack<VoteCastResult>; ms: number }> {
  const start = performance.now();
  const ack = await socket.emitWithAck("vote:cast", vote);
  return { ack, ms: performance.now() - start };
}

/** p50, p95 and max of some latencies, rounded for printing. */
export function latencySummary(ms: readonly number[]): { n: number; p50: number; p95: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { n: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1] ?? NaN) };
}

/** POST /api/sessions as a browser page would, with any body and headers; the harness's helper throws on non-201. */
export function postSession(h: Harness, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${h.url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** Every row of every table of the database file, as a researcher with the file would see it. */
export function everyTable(path: string): Record<string, Record<string, unknown>[]> {
  return readDatabase(path, (db) => {
    const tables = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).all();
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all() as Record<string, unknown>[]]),
    );
  });
}

/** Each cell as text (blobs as UTF-8 and as hex), so a search finds a value in whatever form it was stored. */
export function cellTexts(tables: Record<string, Record<string, unknown>[]>): string[] {
  const texts: string[] = [];
  for (const rows of Object.values(tables)) {
    for (const row of rows) {
      for (const cell of Object.values(row)) {
        if (Buffer.isBuffer(cell)) texts.push(cell.toString("utf8"), cell.toString("hex"));
        else texts.push(String(cell));
      }
    }
  }
  return texts;
}

/** How many rows a session has left in each table that holds its data. */
export function rowsOfSession(path: string, sessionId: string): { sessions: number; questions: number; ballots: number } {
  return readDatabase(path, (db) => {
    const count = (sql: string) => (db.prepare(sql).get(sessionId) as { n: number }).n;
    return {
      sessions: count(`SELECT COUNT(*) AS n FROM sessions WHERE id = ?`),
      questions: count(`SELECT COUNT(*) AS n FROM questions WHERE session_id = ?`),
      ballots: count(`SELECT COUNT(*) AS n FROM ballots WHERE question_id IN (SELECT id FROM questions WHERE session_id = ?)`),
    };
  });
}

/** A port that was free a moment ago, for a child process that cannot report the one it bound. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
