/** A disk that fills up under a running server: no vote is acknowledged that the file does not hold, and it recovers alone. */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../lib/challenges";
import type { Ack, VoteCastResult } from "../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "./flood-guard";
import { participantKey } from "./keys";
import { collect, facilitatorView, joinAsParticipant, joinAsScreen, openSession, readDatabase, type Joined } from "./testing/helpers";
import { eventMatching, startHarness, type Harness } from "./testing/harness";
import { mountSmallDisk, type SmallDisk } from "./testing/small-disk";

interface Cast {
  voteId: string;
  optionIds: string[];
  code: string;
}

interface Phone extends Joined {
  participantId: string;
  casts: Cast[];
}

const PHONES = 50;
const CASTS_WHILE_FULL = 10;

/** vote_id of each participant's stored ballot, read from the file by a second connection. */
function storedVoteIds(databasePath: string, sessionId: string, questionId: string, phones: readonly Phone[]): Map<Phone, string | undefined> {
  return readDatabase(databasePath, (db) => {
    const secret = (db.prepare(`SELECT value FROM meta WHERE key = 'participant_secret'`).get() as { value: Buffer }).value;
    const rows = db.prepare<[string], { participant_key: string; vote_id: string }>(`SELECT participant_key, vote_id FROM ballots WHERE question_id = ? AND round = 1`).all(questionId);
    const byKey = new Map(rows.map((r) => [r.participant_key, r.vote_id]));
    return new Map(phones.map((p) => [p, byKey.get(participantKey(secret, sessionId, p.participantId))]));
  });
}

/** The last cast the server acknowledged as stored. */
const lastOk = (phone: Phone) => phone.casts.findLast((c) => c.code === "ok");

describe("a full disk under a running server", () => {
  let disk: SmallDisk;
  const harnesses: Harness[] = [];
  beforeAll(() => {
    disk = mountSmallDisk(8);
  });
  afterAll(async () => {
    // The restarted server uses the first one's database file, so it goes first.
    for (const h of harnesses.reverse()) await h.close();
    disk?.destroy();
  });

  it("acknowledges only the votes it stored, answers unavailable and not ready while full, and takes votes again once space is back", async () => {
    // Reported: on a full disk the server acknowledged 500 votes, showed them on the screen, and after a restart the
    // file held none of them.
    const databasePath = join(disk.dir, "tafelronde.db");
    // Phones here vote far faster than people, so the per-socket limit is lifted.
    const config = { synchronous: "FULL" as const, limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 100_000 } };
    const h = await startHarness({ databasePath, config });
    harnesses.push(h);
    const { created, questionId } = await openSession(h);
    const screen = await joinAsScreen(h, created);
    const phones: Phone[] = await Promise.all(
      Array.from({ length: PHONES }, async () => ({ ...(await joinAsParticipant(h, created)), casts: [] as Cast[] })),
    );
    async function cast(phone: Phone, optionIds: string[], voteId: string = randomUUID()): Promise<Cast> {
      const ack: Ack<VoteCastResult> = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds, voteId });
      const done = { voteId, optionIds, code: ack.ok ? "ok" : ack.error.code };
      phone.casts.push(done);
      return done;
    }
    const ready = () => fetch(`${h.url}/api/health?ready=1`);
    const stored = () => storedVoteIds(databasePath, created.id, questionId, phones);

    // Half the room has voted before the disk fills up.
    const early = phones.slice(0, PHONES / 2);
    expect((await Promise.all(early.map((p) => cast(p, [CHALLENGE_IDS[0] as string])))).map((c) => c.code)).toEqual(early.map(() => "ok"));
    expect((await ready()).status).toBe(200);
    const resultsBefore = (await facilitatorView(h, created)).results;
    expect(resultsBefore?.respondents).toBe(PHONES / 2);

    disk.fill();
    const shown = collect(screen.socket, "results:updated");
    // Every phone votes again and again, each waiting for its ack as a phone does: 500 votes while full.
    await Promise.all(
      phones.map(async (phone, i) => {
        for (let n = 0; n < CASTS_WHILE_FULL; n++) await cast(phone, [CHALLENGE_IDS[(i + n) % CHALLENGE_IDS.length] as string]);
      }),
    );
    const whileFull = phones.flatMap((p) => p.casts.slice(-CASTS_WHILE_FULL));
    expect(whileFull).toHaveLength(PHONES * CASTS_WHILE_FULL);
    const storedWhileFull = stored();
    for (const phone of phones) {
      // What the server acknowledged last is what the file holds; nothing later was acknowledged.
      expect(storedWhileFull.get(phone), `participant ${phone.participantId}`).toBe(lastOk(phone)?.voteId);
    }
    expect(whileFull.map((c) => c.code)).toEqual(whileFull.map(() => "unavailable"));
    shown.stop();
    for (const results of shown.received) {
      expect(results, "the screen showed votes the file does not hold").toMatchObject({ respondents: PHONES / 2, counts: resultsBefore?.counts });
    }
    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ error: { code: "unavailable" } });
    expect(notReady.headers.get("retry-after")).toBe("2");
    // The process itself is alive: liveness stays green, only readiness says no.
    expect((await fetch(`${h.url}/api/health`)).status).toBe(200);

    disk.free();
    // No restart: the same server is ready again and takes the votes the phones send again (same voteId, as the
    // app does after `unavailable`).
    expect((await ready()).status).toBe(200);
    const everyone = eventMatching(screen.socket, "results:updated", (r) => r.respondents === PHONES);
    const resent = await Promise.all(
      phones.map((phone) => {
        const last = phone.casts.at(-1) as Cast;
        return cast(phone, last.optionIds, last.voteId);
      }),
    );
    expect(resent.map((c) => c.code)).toEqual(phones.map(() => "ok"));
    await everyone;
    const storedAfter = stored();
    for (const phone of phones) expect(storedAfter.get(phone)).toBe(lastOk(phone)?.voteId);
    const beforeRestart = (await facilitatorView(h, created)).results;
    expect(beforeRestart?.respondents).toBe(PHONES);

    await h.stop();
    const again = await startHarness({ databasePath, config });
    harnesses.push(again);
    expect((await facilitatorView(again, created)).results?.counts).toEqual(beforeRestart?.counts);
    for (const phone of phones) {
      const back = await again.connectAs({ code: created.code, participantId: phone.participantId });
      expect(back.state.ballot).toEqual(lastOk(phone)?.optionIds);
      back.socket.disconnect();
    }
  });

  it("acknowledges no question from the floor and no upvote it did not store, and takes the same again once space is back", async () => {
    const databasePath = join(disk.dir, "floor.db");
    const config = { synchronous: "FULL" as const, limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 100_000 } };
    const h = await startHarness({ databasePath, config });
    harnesses.push(h);
    const { created, host } = await openSession(h, { title: "Vol" });
    expect(await host.socket.emitWithAck("floor:configure", { open: true })).toMatchObject({ ok: true });
    const screen = await joinAsScreen(h, created);
    const [asker, voter] = [await joinAsParticipant(h, created), await joinAsParticipant(h, created)];
    const first = await asker.socket.emitWithAck("floor:ask", { text: "Al gesteld voor de schijf vol was", askId: "ask-before-full" });
    if (!first.ok) throw new Error(first.error.code);
    const floorRows = () =>
      readDatabase(databasePath, (db) => ({
        questions: db.prepare(`SELECT text FROM floor_questions ORDER BY asked_at`).all(),
        votes: (db.prepare(`SELECT count(*) AS n FROM floor_votes`).get() as { n: number }).n,
      }));

    disk.fill();
    const shown = collect(screen.socket, "floor:updated");
    const ask = await asker.socket.emitWithAck("floor:ask", { text: "Gesteld terwijl de schijf vol is", askId: "ask-while-full" });
    const upvote = await voter.socket.emitWithAck("floor:upvote", { floorId: first.data.question.id, up: true });
    expect([ask, upvote].map((a) => (a.ok ? "ok" : a.error.code))).toEqual(["unavailable", "unavailable"]);
    expect(floorRows()).toEqual({ questions: [{ text: "Al gesteld voor de schijf vol was" }], votes: 0 });
    // Nothing the file does not hold reached the screen, and the room's own copy did not take it either.
    const facilitator = await facilitatorView(h, created);
    expect(facilitator.floor?.questions.map((q) => `${q.text}:${q.votes}`)).toEqual(["Al gesteld voor de schijf vol was:0"]);
    shown.stop();
    for (const floor of shown.received) expect(JSON.stringify(floor)).not.toContain("schijf vol is");

    disk.free();
    // The phone sends the same again (same askId, the same wish for the upvote): stored once each.
    const everything = eventMatching(screen.socket, "floor:updated", (f) => f.questions.length === 2 && f.questions.some((q) => q.votes === 1));
    const [again, twice] = await Promise.all([
      asker.socket.emitWithAck("floor:ask", { text: "Gesteld terwijl de schijf vol is", askId: "ask-while-full" }),
      asker.socket.emitWithAck("floor:ask", { text: "Gesteld terwijl de schijf vol is", askId: "ask-while-full" }),
    ]);
    expect(again.ok && twice.ok && again.data.question.id === twice.data.question.id).toBe(true);
    expect(await voter.socket.emitWithAck("floor:upvote", { floorId: first.data.question.id, up: true })).toMatchObject({ ok: true, data: { votes: 1 } });
    await everything;
    expect(floorRows()).toEqual({ questions: [{ text: "Al gesteld voor de schijf vol was" }, { text: "Gesteld terwijl de schijf vol is" }], votes: 1 });
  });
});
