/** Graceful shutdown on SIGTERM keeps every acknowledged vote and leaves a sound database. */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { Ack, CreatedSession, SessionState, VoteCastResult } from "../lib/protocol";
import { participantKey } from "./keys";
import type { ClientSocket } from "./testing/harness";
import { disconnected, freePort, within } from "./testing/flood-helpers";
import { newParticipantId, readDatabase } from "./testing/helpers";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

interface Running {
  url: string;
  databasePath: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

/** Start the API server as its own process, as `npm start` would but without Next's pages. */
async function startProcess(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), "tafelronde-shutdown-"));
  const databasePath = join(dir, "tafelronde.db");
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/testing/start-api-only.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  cleanup.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  const listening = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => {
      if (output.includes("is listening on")) resolve();
    });
    void exited.then(({ code }) => reject(new Error(`the server exited with ${code} before listening:\n${output}`)));
  });
  await within(20_000, listening, "the server start");
  const url = `http://127.0.0.1:${port}`;
  const health = await fetch(`${url}/api/health`);
  expect(health.status).toBe(200);
  return { url, databasePath, child, exited, output: () => output };
}

async function createSession(url: string): Promise<CreatedSession> {
  const res = await fetch(`${url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Tot de laatste stem" }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedSession;
}

function join_(url: string, auth: Record<string, unknown>): Promise<{ socket: ClientSocket; state: SessionState }> {
  const socket: ClientSocket = connect(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
  cleanup.push(() => socket.disconnect());
  return new Promise((resolve, reject) => {
    socket.once("session:state", (state) => resolve({ socket, state }));
    socket.once("connect_error", reject);
  });
}

function integrity(databasePath: string): string {
  return readDatabase(databasePath, (db) => db.pragma("integrity_check", { simple: true }) as string);
}

describe("graceful shutdown", () => {
  it("on SIGTERM drops the sockets, keeps the acknowledged vote, leaves a sound file and exits 0", async () => {
    const server = await startProcess();
    const created = await createSession(server.url);
    const participantId = newParticipantId();
    const phone = await join_(server.url, { code: created.code, participantId });
    const questionId = phone.state.question!.id;
    const ack = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play", "enemy-image"] });
    expect(ack).toEqual({ ok: true, data: { ballot: ["power-play", "enemy-image"] } });

    const dropped = disconnected(phone.socket);
    server.child.kill("SIGTERM");
    const exit = await within(10_000, server.exited, "the exit after SIGTERM");
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain("SIGTERM: closing connections and the database");
    // io.close() ends the transports without a disconnect packet, so the phone sees the connection go.
    expect(await within(1_000, dropped, "the participant's disconnect")).toMatch(/^(transport close|io server disconnect)$/);

    // A clean close folds the write-ahead log into the file, so copying the .db file alone is a full backup.
    expect(existsSync(`${server.databasePath}-wal`)).toBe(false);
    expect(integrity(server.databasePath)).toBe("ok");
    const rows = readDatabase(server.databasePath, (db) =>
      db.prepare(`SELECT round, option_ids FROM ballots WHERE question_id = ?`).all(questionId),
    );
    expect(rows).toEqual([{ round: 1, option_ids: JSON.stringify(["power-play", "enemy-image"]) }]);
  });

  it("keeps every vote it acknowledged when SIGTERM arrives while votes are coming in", async () => {
    const server = await startProcess();
    const created = await createSession(server.url);
    const phones = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const participantId = newParticipantId();
        return { participantId, lastAcked: 0, ...(await join_(server.url, { code: created.code, participantId })) };
      }),
    );
    const questionId = phones[0]?.state.question?.id ?? "";

    // Every phone changes its vote again as soon as the last one is acknowledged (vote k carries voteId k),
    // and the signal goes out in the middle of that stream. A vote without an ack may or may not be stored;
    // for each phone the stored ballot must be its last acknowledged one or a later one, never an older one.
    const VOTES_PER_PHONE = 8; // below the 10 events a second a socket may send
    let okAcks = 0;
    let signalled = false;
    const vote = (phone: (typeof phones)[number], k: number) =>
      phone.socket.emit("vote:cast", { questionId, optionIds: [], voteId: String(k) }, (ack: Ack<VoteCastResult>) => {
        if (!ack.ok) return;
        phone.lastAcked = k;
        if (++okAcks === 60 && !signalled) {
          signalled = true;
          server.child.kill("SIGTERM");
        }
        if (k < VOTES_PER_PHONE) vote(phone, k + 1);
      });
    phones.forEach((phone) => vote(phone, 1));

    const exit = await within(10_000, server.exited, "the exit after SIGTERM");
    expect(signalled).toBe(true);
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(integrity(server.databasePath)).toBe("ok");
    const { secret, stored } = readDatabase(server.databasePath, (db) => ({
      secret: (db.prepare(`SELECT value FROM meta WHERE key = 'participant_secret'`).get() as { value: Buffer }).value,
      stored: new Map(
        (db.prepare(`SELECT participant_key, vote_id FROM ballots WHERE question_id = ?`).all(questionId) as { participant_key: string; vote_id: string }[]).map(
          (r) => [r.participant_key, Number(r.vote_id)],
        ),
      ),
    }));
    const behind = phones
      .map((p) => ({ acked: p.lastAcked, stored: stored.get(participantKey(secret, created.id, p.participantId)) ?? 0 }))
      .filter((p) => p.stored < p.acked);
    expect(behind).toEqual([]);
    const ackedTotal = phones.reduce((n, p) => n + p.lastAcked, 0);
    console.log(`[shutdown] ${ackedTotal} of ${phones.length * VOTES_PER_PHONE} votes acknowledged before the exit; every phone's stored ballot is its last acknowledged one or later`);
  });
});
