/** Test helper: raw Engine.IO/Socket.IO frames over a WebSocket, for hostile input. */
import WebSocket from "ws";

/** How a probe ended: the server answered it, or the connection was gone first. */
export type ProbeOutcome = "answered" | "closed";

/**
 * A Socket.IO connection driven by hand over a bare WebSocket (engine.io v4 framing), so a test can send the
 * frames no real client sends: broken packets, wrong types, oversized or binary messages.
 * Only frames written while the socket is open count as sent.
 */
export class RawSocketIo {
  /** Resolves when the connection is gone, whoever closed it, with the WebSocket close code. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Frames sent with `send` (probes and the handshake are not counted). */
  framesSent = 0;
  /** `44` packets: the messages of refused namespace connects. */
  readonly connectErrors: string[] = [];
  private readonly acks = new Map<number, (args: unknown[]) => void>();
  private readonly waiters = new Set<() => void>();
  private nextAckId = 1_000_000;
  private isClosed = false;
  private opened!: Promise<void>;

  private constructor(private readonly ws: WebSocket) {
    this.opened = new Promise((resolve) => {
      ws.on("message", (data, isBinary) => {
        if (isBinary) return;
        const text = (data as Buffer).toString("utf8");
        if (text.startsWith("0{")) resolve();
        this.onText(text);
      });
    });
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        this.isClosed = true;
        for (const wake of this.waiters) wake();
        this.waiters.clear();
        resolve({ code, reason: reason.toString() });
      });
    });
    // A reset connection is an outcome to observe, not an error to throw.
    ws.on("error", () => undefined);
  }

  /** Open the engine.io connection; resolves once the server has sent its open packet (`0{...}`). */
  static async open(httpUrl: string, timeoutMs: number): Promise<RawSocketIo> {
    const ws = new WebSocket(`${httpUrl.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`);
    const socket = new RawSocketIo(ws);
    const outcome = await withTimeout(
      Promise.race([socket.opened.then(() => "open" as const), socket.closed.then(() => "closed" as const)]),
      timeoutMs,
      "engine.io open packet",
    );
    if (outcome === "closed") throw new Error("the server closed the WebSocket before the engine.io open packet");
    return socket;
  }

  get open(): boolean {
    return !this.isClosed && this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Send `40<authText>` and wait for the namespace answer: `connected`, the message of a `44` refusal, or
   * `closed` when the server dropped the connection instead.
   */
  async connect(authText: string, timeoutMs: number): Promise<{ outcome: "connected" } | { outcome: "refused"; message: string } | { outcome: "closed" }> {
    const answer = new Promise<{ outcome: "connected" } | { outcome: "refused"; message: string } | { outcome: "closed" }>((resolve) => {
      const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
        if (isBinary) return;
        const text = (data as Buffer).toString("utf8");
        if (text.startsWith("40{")) done({ outcome: "connected" });
        else if (text.startsWith("44")) done({ outcome: "refused", message: text.slice(2) });
      };
      const wake = () => done({ outcome: "closed" });
      const done = (value: { outcome: "connected" } | { outcome: "refused"; message: string } | { outcome: "closed" }) => {
        this.ws.off("message", onMessage);
        this.waiters.delete(wake);
        resolve(value);
      };
      this.ws.on("message", onMessage);
      if (this.isClosed) return wake();
      this.waiters.add(wake);
    });
    this.write(`40${authText}`);
    return withTimeout(answer, timeoutMs, "namespace connect answer");
  }

  /** Send one frame as it is (string: text frame, bytes: binary frame). False when the socket was not open. */
  send(frame: string | Uint8Array): boolean {
    if (!this.write(frame)) return false;
    this.framesSent++;
    return true;
  }

  /** A fresh ack id above the ids a fuzz case picks itself, so answers cannot be mixed up. */
  ackId(): number {
    return this.nextAckId++;
  }

  /** The arguments of the ack with this id, or `closed`; rejects when neither comes in time (a stall). */
  ack(id: number, timeoutMs: number): Promise<unknown[] | "closed"> {
    const answer = new Promise<unknown[] | "closed">((resolve) => {
      const wake = () => {
        this.acks.delete(id);
        resolve("closed");
      };
      if (this.isClosed) return wake();
      this.waiters.add(wake);
      this.acks.set(id, (args) => {
        this.waiters.delete(wake);
        resolve(args);
      });
    });
    return withTimeout(answer, timeoutMs, `ack ${id}`);
  }

  /**
   * Ask the server something every role gets an answer to (a facilitator command with an unknown question),
   * so an answer proves the connection and the event loop still work. Not counted as a fuzz frame.
   */
  async probe(timeoutMs: number): Promise<ProbeOutcome> {
    const id = this.ackId();
    const answer = this.ack(id, timeoutMs);
    this.write(`42${id}["question:open",{"questionId":"probe"}]`);
    return (await answer) === "closed" ? "closed" : "answered";
  }

  /** Close from our side and wait until the connection is gone. */
  async close(): Promise<void> {
    if (!this.isClosed) this.ws.terminate();
    await this.closed;
  }

  private write(frame: string | Uint8Array): boolean {
    if (!this.open) return false;
    this.ws.send(frame, { binary: typeof frame !== "string" });
    return true;
  }

  private onText(text: string): void {
    // The server pings every pingInterval; a raw client must answer like a real one.
    if (text === "2") return void this.write("3");
    const ack = /^43(\d+)(\[[\s\S]*)$/.exec(text);
    if (!ack) return;
    const id = Number(ack[1]);
    const resolve = this.acks.get(id);
    if (!resolve) return;
    this.acks.delete(id);
    let args: unknown[];
    try {
      args = JSON.parse(ack[2] ?? "[]") as unknown[];
    } catch {
      args = [{ unparsable: ack[2] }];
    }
    resolve(args);
  }
}

/** Reject with a message naming what did not arrive (worked out when the time is up) when the promise takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string | (() => string)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stalled: no ${typeof what === "string" ? what : what()} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
