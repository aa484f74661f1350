/** Privacy by design: pseudonymous keys, erasure on delete and retention, no breakdown below the threshold. */
import type { SqliteStore } from "./store/sqlite-store";
import { existsSync, readFileSync } from "node:fs";
import type Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CreatedSession } from "../lib/protocol";
import { eventMatching, nextEvent, startHarness, type Harness } from "./testing/harness";
import { bearer, cellTexts, disconnected, everyTable, rowsOfSession, socketPool, within } from "./testing/flood-helpers";
import { ballotRows, command, emitRaw, newParticipantId, openSession, readDatabase } from "./testing/helpers";

let h: Harness;
let pool: ReturnType<typeof socketPool>;
beforeAll(async () => {
  // Behind a proxy the address arrives in X-Forwarded-For too; it must not be stored from there either.
  h = await startHarness({ config: { trustProxy: 1 } });
  pool = socketPool(h);
});
afterEach(() => pool.closeAll());
afterAll(async () => h?.close());

const UA = "Mozilla/5.0 (UA-MARKER-123)";
const FORWARDED = "203.0.113.77";

/** A phone with a recognisable user agent and address, that votes and waits for its ack. */
async function phoneVotes(created: CreatedSession, questionId: string, optionIds: string[], participantId = newParticipantId()) {
  const joined = await pool.join({ code: created.code, participantId }, { "user-agent": UA, "x-forwarded-for": FORWARDED });
  const ack = await joined.socket.emitWithAck("vote:cast", { questionId, optionIds });
  expect(ack.ok).toBe(true);
  return { ...joined, participantId };
}

describe("what the database keeps", () => {
  it("holds no IP address, user agent, raw participant id or key in any table or in the file itself", async () => {
    const { created, questionId } = await openSession(h, { title: "Privacy" });
    const phones = [
      await phoneVotes(created, questionId, ["power-play"]),
      await phoneVotes(created, questionId, ["enemy-image", "different-hats"]),
      await phoneVotes(created, questionId, []),
    ];
    // A question from the floor and an upvote: their rows are scanned too.
    const host = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    expect(await emitRaw(host.socket, "floor:configure", { open: true })).toMatchObject({ ok: true });
    const asked = (await emitRaw(phones[0]!.socket, "floor:ask", { text: "Wie beslist?" })) as { data: { question: { id: string } } };
    expect(await emitRaw(phones[1]!.socket, "floor:upvote", { floorId: asked.data.question.id, up: true })).toMatchObject({ ok: true });
    // A next measurement: the network's row is scanned too.
    expect((await fetch(`${h.url}/api/sessions/${created.id}/measurements`, { method: "POST", headers: bearer(created.hostKey) })).status).toBe(201);
    // A co-facilitator's link: only its key's hash may be stored.
    const invited = await fetch(`${h.url}/api/sessions/${created.id}/cohosts`, { method: "POST", headers: { ...bearer(created.hostKey), "content-type": "application/json" }, body: JSON.stringify({ label: "Sofie" }) });
    const coHostKey = new URL(((await invited.json()) as { link: string }).link).hash.replace("#key=", "");
    // An action of the plan: a name typed by the facilitator, scanned like every other row.
    const planned = await fetch(`${h.url}/api/sessions/${created.id}/actions`, { method: "POST", headers: { ...bearer(created.hostKey), "content-type": "application/json" }, body: JSON.stringify({ text: "Agenda vooraf", owner: "Sofie", due: "2027-03-15" }) });
    expect(planned.status).toBe(201);
    const tables = everyTable(h.databasePath);
    // The scan must have something to look at: the votes, the question from the floor, its upvote, the network and the link are there.
    expect(Object.keys(tables).sort()).toEqual(["actions", "ballots", "co_hosts", "floor_questions", "floor_votes", "meta", "networks", "questions", "sessions"]);
    expect([tables.floor_questions?.length, tables.floor_votes?.length, tables.networks?.length, tables.co_hosts?.length, tables.actions?.length]).toEqual([1, 1, 1, 1, 1]);
    expect(ballotRows(h.databasePath, questionId)).toHaveLength(3);

    const cells = cellTexts(tables);
    const forbidden = ["127.0.0.1", "::1", FORWARDED, "UA-MARKER-123", created.hostKey, created.screenKey, coHostKey, ...phones.map((p) => p.participantId)];
    for (const needle of forbidden) {
      expect(cells.filter((cell) => cell.includes(needle)), needle).toEqual([]);
    }
    // Also the raw bytes of the file and its write-ahead log, where a value could sit outside any live row.
    for (const file of [h.databasePath, `${h.databasePath}-wal`].filter(existsSync)) {
      const bytes = readFileSync(file).toString("latin1");
      for (const needle of forbidden) expect(bytes.includes(needle), `${needle} in ${file}`).toBe(false);
    }
  });

  it("stores a participant key that is not the participant id and differs between two sessions", async () => {
    const participantId = newParticipantId();
    const a = await openSession(h, { title: "Ochtend" });
    const b = await openSession(h, { title: "Middag" });
    await phoneVotes(a.created, a.questionId, ["power-play"], participantId);
    await phoneVotes(b.created, b.questionId, ["power-play"], participantId);

    const [inA] = ballotRows(h.databasePath, a.questionId);
    const [inB] = ballotRows(h.databasePath, b.questionId);
    expect(inA?.participant_key).toEqual(expect.any(String));
    expect(inB?.participant_key).toEqual(expect.any(String));
    expect(inA?.participant_key).not.toBe(inB?.participant_key);
    for (const key of [inA?.participant_key, inB?.participant_key]) {
      expect(key).not.toContain(participantId);
      expect(participantId).not.toContain(key);
    }
    // The same phone in the same session keeps its key: that is what lets it change its vote.
    await phoneVotes(a.created, a.questionId, ["enemy-image"], participantId);
    expect(ballotRows(h.databasePath, a.questionId).map((r) => r.participant_key)).toEqual([inA?.participant_key]);
  });

  it("leaves participant keys and ids out of the CSV and JSON export", async () => {
    const { created, questionId } = await openSession(h, { title: "Export" });
    const phones = [
      await phoneVotes(created, questionId, ["power-play"]),
      await phoneVotes(created, questionId, ["power-play", "shared-ambition"]),
      await phoneVotes(created, questionId, ["enemy-image"]),
    ];
    const keys = ballotRows(h.databasePath, questionId).map((r) => r.participant_key);
    expect(keys).toHaveLength(3);

    const csv = await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=csv`, { headers: bearer(created.hostKey) })).text();
    const json = await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=json`, { headers: bearer(created.hostKey) })).text();
    // The exports carry the votes (so the search below looks at real content)...
    expect(csv).toMatch(/power-play[^\r\n]*,2,/);
    expect((JSON.parse(json) as { questions: { ballots: unknown[] }[] }).questions[0]?.ballots).toHaveLength(3);
    // ...but nothing that ties a ballot to a phone.
    for (const needle of [...keys, ...phones.map((p) => p.participantId), "127.0.0.1", "UA-MARKER-123"]) {
      expect(csv.includes(needle), `${needle} in CSV`).toBe(false);
      expect(json.includes(needle), `${needle} in JSON`).toBe(false);
    }
  });
});

describe("DELETE /api/sessions/{id}", () => {
  it("erases the session with every round of ballots, tells and drops its sockets, and leaves other sessions alone", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Wissen" });
    const kept = await openSession(h, { title: "Blijft" });
    const keptPhone = await phoneVotes(kept.created, kept.questionId, ["shared-ambition"]);
    const phone = await phoneVotes(created, questionId, ["power-play"]);
    await phoneVotes(created, questionId, ["enemy-image"]);
    // A reset keeps the first round in the file as a discarded round; deletion must take it too.
    await command(host.socket, "question:reset", { questionId }, [phone.socket]);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["different-hats"] })).ok).toBe(true);
    const rounds = ballotRows(h.databasePath, questionId).map((r) => r.round);
    expect(rounds).toEqual([1, 1, 2]);
    const keptBefore = readDatabase(h.databasePath, (db) => everyRowOf(db, kept.created.id));

    const told = [nextEvent(host.socket, "session:deleted"), nextEvent(phone.socket, "session:deleted")];
    const dropped = [disconnected(host.socket), disconnected(phone.socket)];
    const res = await fetch(`${h.url}/api/sessions/${created.id}`, { method: "DELETE", headers: bearer(created.hostKey) });
    expect(res.status).toBe(204);
    expect(await within(5_000, Promise.all(told), "session:deleted")).toEqual([{ sessionId: created.id }, { sessionId: created.id }]);
    expect(await within(5_000, Promise.all(dropped), "the disconnects")).toEqual(["io server disconnect", "io server disconnect"]);

    expect(rowsOfSession(h.databasePath, created.id)).toEqual({ sessions: 0, questions: 0, ballots: 0 });
    expect(ballotRows(h.databasePath, questionId)).toEqual([]);
    expect(readDatabase(h.databasePath, (db) => everyRowOf(db, kept.created.id))).toEqual(keptBefore);
    expect(keptPhone.socket.connected).toBe(true);
    const keptCounted = eventMatching(kept.host.socket, "results:updated", (r) => r.respondents === 2);
    await phoneVotes(kept.created, kept.questionId, ["power-play"]);
    expect(await keptCounted).toMatchObject({ respondents: 2 });

    const rejoin = await pool.refused({ code: created.code, participantId: phone.participantId });
    expect(rejoin.message).toMatch(/^session_not_found/);
    const reopen = await pool.refused({ sessionId: created.id, hostKey: created.hostKey });
    expect(reopen.message).toMatch(/^session_not_found/);
    const again = await fetch(`${h.url}/api/sessions/${created.id}`, { method: "DELETE", headers: bearer(created.hostKey) });
    expect(again.status).toBe(403);
  });
});

/** The rows of one session in every table that holds its data, to show they did not change. */
function everyRowOf(db: Database.Database, sessionId: string) {
  return {
    sessions: db.prepare(`SELECT * FROM sessions WHERE id = ?`).all(sessionId),
    questions: db.prepare(`SELECT * FROM questions WHERE session_id = ?`).all(sessionId),
    ballots: db
      .prepare(`SELECT * FROM ballots WHERE question_id IN (SELECT id FROM questions WHERE session_id = ?) ORDER BY participant_key`)
      .all(sessionId),
  };
}

describe("retention", () => {
  const DAY = 24 * 60 * 60 * 1000;
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  function backdate(harness: Harness, sessionId: string, days: number): void {
    (harness.app.store as SqliteStore).db.prepare("UPDATE sessions SET created_at = ? WHERE id = ?").run(daysAgo(days), sessionId);
  }

  it("deletes sessions older than retentionDays with their ballots and tells their sockets; younger ones stay", async () => {
    const expired = await openSession(h, { title: "Oud" });
    const almost = await openSession(h, { title: "Bijna oud" });
    const recent = await openSession(h, { title: "Nieuw" });
    const phone = await phoneVotes(expired.created, expired.questionId, ["power-play"]);
    await phoneVotes(almost.created, almost.questionId, ["power-play"]);
    await phoneVotes(recent.created, recent.questionId, ["power-play"]);
    backdate(h, expired.created.id, 181);
    backdate(h, almost.created.id, 179);
    expect(rowsOfSession(h.databasePath, expired.created.id)).toEqual({ sessions: 1, questions: 1, ballots: 1 });

    const told = [nextEvent(expired.host.socket, "session:deleted"), nextEvent(phone.socket, "session:deleted")];
    const dropped = [disconnected(expired.host.socket), disconnected(phone.socket)];
    const swept = await h.app.sweepExpired();

    // Other test files' sessions live in other servers; in this one only the backdated session is that old.
    expect(swept).toEqual([expired.created.id]);
    expect(rowsOfSession(h.databasePath, expired.created.id)).toEqual({ sessions: 0, questions: 0, ballots: 0 });
    expect(await within(5_000, Promise.all(told), "session:deleted")).toEqual([
      { sessionId: expired.created.id },
      { sessionId: expired.created.id },
    ]);
    expect(await within(5_000, Promise.all(dropped), "the disconnects")).toEqual(["io server disconnect", "io server disconnect"]);
    for (const stays of [almost, recent]) {
      expect(rowsOfSession(h.databasePath, stays.created.id)).toEqual({ sessions: 1, questions: 1, ballots: 1 });
      expect(stays.host.socket.connected).toBe(true);
    }
    expect((await pool.refused({ code: expired.created.code, participantId: newParticipantId() })).message).toMatch(/^session_not_found/);
  });

  it("keeps every session when retentionDays is 0", async () => {
    const forever = await startHarness({ config: { retentionDays: 0 } });
    try {
      const { created, questionId } = await openSession(forever, { title: "Voor altijd" });
      const phone = await forever.connectAs({ code: created.code, participantId: newParticipantId() });
      expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] })).ok).toBe(true);
      backdate(forever, created.id, 10 * 365);

      expect(await forever.app.sweepExpired()).toEqual([]);
      expect(rowsOfSession(forever.databasePath, created.id)).toEqual({ sessions: 1, questions: 1, ballots: 1 });
      expect(phone.socket.connected).toBe(true);
    } finally {
      await forever.close();
    }
  });
});
