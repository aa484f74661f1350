/**
 * No acknowledged ballot is lost: real socket.io clients vote at a high rate against the production server,
 * which is killed with SIGKILL several times mid-burst and restarted. Every ballot that got an ok ack must be
 * in the database and in the results, none twice, and the database must pass its integrity check.
 * Size: CRASH_KILLS (default 3) and CRASH_CLIENTS (default 40); `npm run test:crash` runs it bigger.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { io } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../../lib/challenges";
import type { CreatedSession, SessionState } from "../../lib/protocol";
import { tally } from "../../lib/poll/tally";
import { participantKey } from "../keys";
import type { ClientSocket } from "../testing/harness";
import { startServerProcess, type ServerProcess } from "../testing/server-process";

const KILLS = Number(process.env.CRASH_KILLS ?? 3);
const CLIENTS = Number(process.env.CRASH_CLIENTS ?? 40);

interface Cast {
  voteId: string;
  optionIds: string[];
  acked: boolean;
}

/** Everything one participant sent, in order. */
interface Voter {
  participantId: string;
  casts: Cast[];
}

function randomBallot(): string[] {
  return CHALLENGE_IDS.filter(() => Math.random() < 0.35);
}

function connect(url: string, auth: Record<string, unknown>): Promise<{ socket: ClientSocket; state: SessionState }> {
  const socket: ClientSocket = io(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("session:state", (state) => resolve({ socket, state }));
    socket.once("connect_error", reject);
  });
}

/** Vote in a loop (each cast waits for its ack, as a phone does) until the socket drops. */
async function voteUntilDropped(socket: ClientSocket, questionId: string, voter: Voter): Promise<void> {
  while (socket.connected) {
    const cast: Cast = { voteId: randomBytes(8).toString("hex"), optionIds: randomBallot(), acked: false };
    voter.casts.push(cast);
    const ack = await new Promise<{ ok: boolean } | null>((resolve) => {
      socket.once("disconnect", () => resolve(null));
      socket.emit("vote:cast", { questionId, optionIds: cast.optionIds, voteId: cast.voteId }, (a: { ok: boolean }) => resolve(a));
    });
    socket.removeAllListeners("disconnect");
    if (!ack) return;
    if (!ack.ok) throw new Error(`vote refused: ${JSON.stringify(ack)}`);
    cast.acked = true;
  }
}

describe("crash safety", () => {
  const dir = mkdtempSync(join(tmpdir(), "tafelronde-crash-"));
  const databasePath = join(dir, "crash.db");
  let server: ServerProcess | undefined;
  afterAll(() => {
    server?.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every acked ballot through ${KILLS} SIGKILLs mid-burst`, async () => {
    // Each client votes far faster than a person would, so the per-socket limit is lifted for this test.
    const env = { DATABASE_PATH: databasePath, SQLITE_SYNCHRONOUS: "FULL", RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: "100000" };
    server = await startServerProcess(env);
    const res = await fetch(`${server.url}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Crash test" }),
    });
    const session = (await res.json()) as CreatedSession;
    const voters: Voter[] = Array.from({ length: (CLIENTS / 2) * (KILLS + 2) }, () => ({
      participantId: randomBytes(12).toString("hex"),
      casts: [],
    }));

    let questionId = "";
    for (let round = 0; round <= KILLS; round++) {
      // Each round half the voters are new and half come back from the previous round to re-cast.
      const start = round * (CLIENTS / 2);
      const roundVoters = voters.slice(start, start + CLIENTS);
      const sockets = await Promise.all(roundVoters.map((v) => connect(server!.url, { code: session.code, participantId: v.participantId })));
      questionId = sockets[0]!.state.question!.id;
      const loops = sockets.map(({ socket }, i) => voteUntilDropped(socket, questionId, roundVoters[i]!));
      if (round < KILLS) {
        // Kill once the burst is under way and acks are flowing.
        const ackedBefore = voters.reduce((n, v) => n + v.casts.filter((c) => c.acked).length, 0);
        while (voters.reduce((n, v) => n + v.casts.filter((c) => c.acked).length, 0) < ackedBefore + CLIENTS * 3) {
          await new Promise((r) => setImmediate(r));
        }
        server.child.kill("SIGKILL");
        await server.exited;
        await Promise.all(loops);
        server = await startServerProcess(env);
      } else {
        // The last round ends gracefully: every client stops after a few more casts.
        await new Promise((r) => setImmediate(r));
        sockets.forEach(({ socket }) => setTimeout(() => socket.disconnect(), 200));
        await Promise.all(loops);
      }
    }

    // Results as the facilitator sees them after the last restart.
    const host = await connect(server.url, { sessionId: session.id, hostKey: session.hostKey });
    const shown = host.state.results!;
    host.socket.disconnect();
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    expect(exit.code).toBe(0);

    const db = new Database(databasePath, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const secret = (db.prepare("SELECT value FROM meta WHERE key = 'participant_secret'").get() as { value: Buffer }).value;
      const rows = db
        .prepare("SELECT participant_key, option_ids, vote_id FROM ballots WHERE question_id = ? AND round = 1")
        .all(questionId) as { participant_key: string; option_ids: string; vote_id: string }[];
      const byKey = new Map(rows.map((r) => [r.participant_key, r]));
      expect(byKey.size).toBe(rows.length);

      let acked = 0;
      let lost = 0;
      for (const voter of voters) {
        const lastAcked = voter.casts.findLastIndex((c) => c.acked);
        if (lastAcked < 0) continue;
        acked += 1;
        const row = byKey.get(participantKey(secret, session.id, voter.participantId));
        // The stored ballot is the last acked one, or one sent after it whose ack the kill swallowed.
        const allowed = voter.casts.slice(lastAcked);
        const match = row ? allowed.find((c) => c.voteId === row.vote_id) : undefined;
        if (!match || JSON.stringify(match.optionIds) !== row?.option_ids) lost += 1;
      }
      const ballotsAcked = voters.reduce((n, v) => n + v.casts.filter((c) => c.acked).length, 0);
      const unacked = voters.reduce((n, v) => n + v.casts.filter((c) => !c.acked).length, 0);
      console.log(
        `crash test: ${KILLS} SIGKILLs, ${voters.length} participants, ${ballotsAcked} casts acked (${unacked} unacked, cut off by a kill or the end); ` +
          `participants with an acked ballot: ${acked}, found as acked in the database: ${acked - lost}, lost: ${lost}, rows: ${rows.length}`,
      );
      expect(lost).toBe(0);
      expect(ballotsAcked).toBeGreaterThan(KILLS * CLIENTS * 3);
      // No duplicates: one row per participant, and the results shown equal a recount of the stored rows.
      const recount = tally(CHALLENGE_IDS, rows.map((r) => JSON.parse(r.option_ids) as string[]));
      expect(shown.respondents).toBe(rows.length);
      expect(shown.counts).toEqual(recount.counts);
      expect(rows.length).toBeLessThanOrEqual(voters.filter((v) => v.casts.length > 0).length);
    } finally {
      db.close();
    }
  });
});
