/** One contract, two stores: every case runs on SQLite and on PostgreSQL. */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FLOOR_CLOSED } from "../../lib/poll/floor";
import type { Answer, FloorSettings } from "../../lib/protocol";
import { startPostgres, type PostgresInstance } from "../testing/postgres";
import { clusterServices } from "../testing/services";
import { PostgresStore } from "./postgres-store";
import { SqliteStore } from "./sqlite-store";
import {
  FRESH_QUESTION,
  JoinCodeTakenError,
  StoreUnavailableError,
  type BallotSaved,
  type BallotWrite,
  type FloorVote,
  type Store,
  type StoredFloorQuestion,
  type StoredNetwork,
  type StoredQuestion,
  type StoredSession,
} from "./store";

// One suite, run against every Store: the session service must not be able to tell them apart.

interface Backend {
  name: string;
  available: boolean;
  skipMessage: string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** Where a new, empty database is (a file path or a URL). */
  fresh(): Promise<string>;
  open(location: string): Promise<Store>;
}

let sqliteDir = "";
const sqlite: Backend = {
  name: "SQLite",
  available: true,
  skipMessage: "",
  async setUp() {
    sqliteDir = mkdtempSync(join(tmpdir(), "tafelronde-store-"));
  },
  async tearDown() {
    rmSync(sqliteDir, { recursive: true, force: true });
  },
  async fresh() {
    return join(sqliteDir, `${randomUUID()}.db`);
  },
  async open(path) {
    return new SqliteStore({ path, synchronous: "NORMAL" });
  },
};

const services = clusterServices(["postgresql"]);
/** One PostgreSQL server for the whole file, started by the first suite that needs it; a database per test. */
let postgresServer: Promise<PostgresInstance> | undefined;
const sharedPostgres = () => (postgresServer ??= startPostgres());
afterAll(async () => {
  await (await postgresServer)?.destroy();
});

const postgres: Backend = {
  name: "PostgreSQL",
  available: services.available,
  skipMessage: services.skipMessage,
  async setUp() {
    await sharedPostgres();
  },
  async tearDown() {},
  fresh: async () => (await sharedPostgres()).createDatabase(),
  open: (url) => PostgresStore.open({ url, poolSize: 4 }),
};

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function code(): string {
  return randomUUID().replace(/-/g, "").slice(0, 6).toUpperCase();
}

/** A session with a template question (active), an own single-choice question, a scale and an open question. */
function newSession(overrides: Partial<StoredSession> = {}): { session: StoredSession; questions: StoredQuestion[] } {
  const sessionId = randomUUID();
  const base = { sessionId, ...FRESH_QUESTION, maxChoices: null, scale: null, options: null, prompt: null, template: null, grouping: false, audience: null } as const;
  const questions: StoredQuestion[] = [
    { ...base, id: randomUUID(), position: 0, kind: "multiple", template: "nine-challenges", maxChoices: 3 },
    {
      ...base,
      id: randomUUID(),
      position: 1,
      kind: "single",
      prompt: "Lunch?",
      options: [
        { id: "a", label: "Soup" },
        { id: "b", label: "" },
      ],
    },
    { ...base, id: randomUUID(), position: 2, kind: "scale", prompt: "How sure?", scale: { min: 1, max: 5, minLabel: "not", maxLabel: "very" } },
    { ...base, id: randomUUID(), position: 3, kind: "open", prompt: "Anything else?", status: "closed", resultsVisible: true },
  ];
  const session: StoredSession = {
    id: sessionId,
    code: code(),
    title: "Kick-off",
    language: "en",
    hostKeyHash: "a".repeat(64),
    screenKeyHash: "b".repeat(64),
    createdAt: new Date().toISOString(),
    activeQuestionId: questions[0]?.id ?? null,
    splitBy: null,
    floor: { ...FLOOR_CLOSED },
    networkId: null,
    measurement: null,
    publication: null,
    ...overrides,
  };
  return { session, questions };
}

/** A shown question from the floor, asked now by "asker" without a name. */
function floorQuestion(sessionId: string, overrides: Partial<StoredFloorQuestion> = {}): StoredFloorQuestion {
  return {
    id: randomUUID(),
    sessionId,
    participantKey: "asker",
    askId: randomUUID(),
    text: "Who pays for this?",
    name: null,
    status: "shown",
    answered: false,
    rev: 0,
    askedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A network made now, unless told otherwise. */
function newNetwork(overrides: Partial<StoredNetwork> = {}): StoredNetwork {
  return { id: randomUUID(), name: "Lokaal gezondheidsoverleg Gent", createdAt: new Date().toISOString(), ...overrides };
}

/** Upvotes in one order, whichever order a store lists them in. */
function sortedVotes(votes: readonly FloorVote[]): FloorVote[] {
  const key = (v: FloorVote) => `${v.floorId}\u0000${v.participantKey}`;
  return [...votes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function ballot(questionId: string, participantKey: string, answer: Answer, round = 1): BallotWrite {
  return { questionId, round, participantKey, answer, voteId: randomUUID(), castAt: new Date().toISOString() };
}

function seqOf(result: BallotSaved): number {
  if (!result.saved) throw new Error("expected the ballot to be saved");
  return result.seq;
}

describe.each([sqlite, postgres].map((backend) => [backend.name, backend] as const))("%s store", (_, backend) => {
  describe.skipIf(!backend.available)(`contract${backend.skipMessage ? ` ${backend.skipMessage}` : ""}`, () => {
    let store: Store;
    const opened: Store[] = [];

    /** A store on that database, closed after the test. */
    async function open(location: string): Promise<Store> {
      const s = await backend.open(location);
      opened.push(s);
      return s;
    }

    /** A session with its first question active, in the shared store. */
    async function created() {
      const made = newSession();
      await store.createSession(made.session, made.questions);
      const [first, own, scale, closed] = made.questions as [StoredQuestion, StoredQuestion, StoredQuestion, StoredQuestion];
      return { ...made, first, own, scale, closed };
    }

    beforeAll(async () => {
      await backend.setUp();
      store = await backend.open(await backend.fresh());
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    afterAll(async () => {
      await store?.close();
      await backend.tearDown();
    });

    it("finds a created session by id and by join code, with its questions in order", async () => {
      const { session, questions } = await created();
      expect(await store.findSessionById(session.id)).toEqual(session);
      expect(await store.findSessionByCode(session.code)).toEqual(session);
      expect(await store.listQuestions(session.id)).toEqual(questions);
      expect(await store.findSessionById(randomUUID())).toBeUndefined();
      expect(await store.findSessionByCode("NOPE00")).toBeUndefined();
    });

    it("rejects a taken join code with JoinCodeTakenError and keeps nothing of the second session", async () => {
      const { session } = await created();
      const other = newSession({ code: session.code });
      const attempt = store.createSession(other.session, other.questions);
      await expect(attempt).rejects.toBeInstanceOf(JoinCodeTakenError);
      await expect(attempt).rejects.toThrow(session.code);
      expect(await store.findSessionById(other.session.id)).toBeUndefined();
      expect(await store.listQuestions(other.session.id)).toEqual([]);
    });

    it("reports a duplicate session id as an error, not as a taken code", async () => {
      const { session } = await created();
      const again = newSession({ id: session.id });
      const error = await store.createSession(again.session, []).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(JoinCodeTakenError);
      expect(error).not.toBeInstanceOf(StoreUnavailableError);
      expect((await store.findSessionById(session.id))?.code).toBe(session.code);
    });

    it("inserts, updates, reorders and deletes questions", async () => {
      const { session, questions, first, own, scale } = await created();
      const added: StoredQuestion = { ...own, id: randomUUID(), position: 4, prompt: "Added", options: [{ id: "x", label: "X" }] };
      await store.insertQuestion(added);
      expect(await store.listQuestions(session.id)).toEqual([...questions, added]);

      await store.updateQuestion(own.id, { status: "closed", resultsVisible: true, round: 3, maxChoices: 2, kind: "multiple", prompt: "Dinner?" });
      await store.updateQuestion(scale.id, { scale: { min: 0, max: 10, minLabel: "0", maxLabel: "10" }, options: null });
      await store.updateQuestion(first.id, { template: null, prompt: "Now my own", options: [{ id: "c", label: "C" }] });
      await store.updateQuestion(added.id, { template: "nine-challenges", prompt: null });
      await store.updateQuestion(added.id, {});
      const byId = new Map((await store.listQuestions(session.id)).map((q) => [q.id, q]));
      expect(byId.get(own.id)).toEqual({ ...own, status: "closed", resultsVisible: true, round: 3, maxChoices: 2, kind: "multiple", prompt: "Dinner?" });
      expect(byId.get(scale.id)?.scale).toEqual({ min: 0, max: 10, minLabel: "0", maxLabel: "10" });
      expect(byId.get(first.id)).toMatchObject({ template: null, prompt: "Now my own", options: [{ id: "c", label: "C" }] });
      expect(byId.get(added.id)).toMatchObject({ template: "nine-challenges", prompt: null });

      const order = [added.id, scale.id, first.id, own.id, questions[3]?.id ?? ""];
      await store.setPositions(order.map((id, position) => ({ id, position })));
      expect((await store.listQuestions(session.id)).map((q) => q.id)).toEqual(order);
      await store.setPositions([]);

      await store.saveBallot(ballot(first.id, "p1", ["a"]));
      await store.deleteQuestion(first.id);
      expect((await store.listQuestions(session.id)).map((q) => q.id)).toEqual([added.id, scale.id, own.id, questions[3]?.id]);
      expect(await store.listBallots(first.id, 1)).toEqual([]);
      expect(await store.ballotChecksum(first.id, 1)).toEqual({ count: 0, seqSum: 0 });
    });

    it("sets and clears the active question", async () => {
      const { session, own } = await created();
      await store.setActiveQuestion(session.id, own.id);
      expect((await store.findSessionById(session.id))?.activeQuestionId).toBe(own.id);
      await store.setActiveQuestion(session.id, null);
      expect((await store.findSessionById(session.id))?.activeQuestionId).toBeNull();
    });

    it("keeps a grouping question, an audience and a split", async () => {
      const { session, first, own } = await created();
      await store.updateQuestion(first.id, { grouping: true });
      await store.updateQuestion(own.id, { audience: { questionId: first.id, optionIds: ["a"] } });
      await store.setSplitBy(session.id, first.id);
      const byId = new Map((await store.listQuestions(session.id)).map((q) => [q.id, q]));
      expect(byId.get(first.id)).toMatchObject({ grouping: true, audience: null });
      expect(byId.get(own.id)).toMatchObject({ grouping: false, audience: { questionId: first.id, optionIds: ["a"] } });
      expect((await store.findSessionById(session.id))?.splitBy).toBe(first.id);
      await store.updateQuestion(own.id, { audience: null });
      await store.setSplitBy(session.id, null);
      expect((await store.listQuestions(session.id)).find((q) => q.id === own.id)?.audience).toBeNull();
      expect((await store.findSessionById(session.id))?.splitBy).toBeNull();
      // A new session keeps what it was made with.
      const made = newSession();
      const grouped: StoredQuestion = { ...(made.questions[1] as StoredQuestion), grouping: true };
      await store.createSession({ ...made.session, splitBy: grouped.id }, [made.questions[0] as StoredQuestion, grouped]);
      expect((await store.listQuestions(made.session.id))[1]).toEqual(grouped);
      expect((await store.findSessionById(made.session.id))?.splitBy).toBe(grouped.id);
    });

    it("renames a session and nothing else of it", async () => {
      const { session } = await created();
      await store.setSessionTitle(session.id, "Lokaal gezondheidsoverleg Gent (2)");
      expect(await store.findSessionById(session.id)).toEqual({ ...session, title: "Lokaal gezondheidsoverleg Gent (2)" });
      expect((await store.findSessionByCode(session.code))?.title).toBe("Lokaal gezondheidsoverleg Gent (2)");
    });

    it("saves a ballot and replaces it: one row per participant, a higher seq on every write", async () => {
      const { first } = await created();
      const write = ballot(first.id, "p1", ["a", "b"]);
      const inserted = await store.saveBallot(write);
      expect(inserted).toEqual({ saved: true, seq: expect.any(Number), hidden: false });
      expect(await store.findBallot(first.id, 1, "p1")).toEqual({
        participantKey: "p1",
        seq: seqOf(inserted),
        answer: ["a", "b"],
        voteId: write.voteId,
        castAt: write.castAt,
        hidden: false,
      });

      const replacement = { ...ballot(first.id, "p1", ["c"]), voteId: null };
      const replaced = seqOf(await store.saveBallot(replacement));
      expect(replaced).toBeGreaterThan(seqOf(inserted));
      expect(await store.listBallots(first.id, 1)).toEqual([
        { participantKey: "p1", seq: replaced, answer: ["c"], voteId: null, castAt: replacement.castAt, hidden: false },
      ]);
      // The same answer again is still a write.
      expect(seqOf(await store.saveBallot(replacement))).toBeGreaterThan(replaced);
    });

    it("keeps every kind of answer as it was sent", async () => {
      const { session, first, own, scale } = await created();
      await store.updateQuestion(own.id, { status: "open" });
      const answers: [StoredQuestion, Answer][] = [
        [first, []],
        [own, ["b"]],
        [scale, 4],
      ];
      for (const [q, answer] of answers) {
        await store.setActiveQuestion(session.id, q.id);
        expect((await store.saveBallot(ballot(q.id, "p1", answer))).saved).toBe(true);
        expect((await store.findBallot(q.id, 1, "p1"))?.answer).toEqual(answer);
      }
      const open: StoredQuestion = { ...scale, id: randomUUID(), kind: "open", position: 9, scale: null };
      await store.insertQuestion(open);
      await store.setActiveQuestion(session.id, open.id);
      const text = 'Koffie "zwart", 3 × per dag; emoji 🙂 and a \\ backslash';
      expect((await store.saveBallot(ballot(open.id, "p1", text))).saved).toBe(true);
      expect((await store.findBallot(open.id, 1, "p1"))?.answer).toBe(text);
    });

    it("puts a changed answer back on the screen and keeps the same answer hidden", async () => {
      const { first } = await created();
      await store.saveBallot(ballot(first.id, "p1", ["a"]));
      const shown = (await store.findBallot(first.id, 1, "p1"))?.seq ?? 0;
      const hiddenSeq = await store.setBallotHidden(first.id, 1, "p1", true);
      expect(hiddenSeq).toBeGreaterThan(shown);
      expect(await store.findBallot(first.id, 1, "p1")).toMatchObject({ hidden: true, seq: hiddenSeq });

      // The write reports the stored flag, so the server's mirror cannot show what the database hides.
      const sameSaved = await store.saveBallot(ballot(first.id, "p1", ["a"]));
      expect(sameSaved).toMatchObject({ saved: true, hidden: true });
      expect(await store.findBallot(first.id, 1, "p1")).toMatchObject({ hidden: true, seq: seqOf(sameSaved) });

      expect(await store.saveBallot(ballot(first.id, "p1", ["a", "b"]))).toMatchObject({ saved: true, hidden: false });
      expect((await store.findBallot(first.id, 1, "p1"))?.hidden).toBe(false);

      const shownAgain = await store.setBallotHidden(first.id, 1, "p1", true).then(() => store.setBallotHidden(first.id, 1, "p1", false));
      expect(await store.findBallot(first.id, 1, "p1")).toMatchObject({ hidden: false, seq: shownAgain });
      expect(await store.setBallotHidden(first.id, 1, "nobody", true)).toBeUndefined();
      expect(await store.setBallotHidden(first.id, 2, "p1", true)).toBeUndefined();
    });

    it("refuses a ballot for a closed question, a question that is not active, or another round", async () => {
      const { session, first, own } = await created();
      await store.updateQuestion(own.id, { status: "open" });

      await store.updateQuestion(first.id, { status: "closed" });
      expect(await store.saveBallot(ballot(first.id, "p1", ["a"]))).toEqual({ saved: false });
      await store.updateQuestion(first.id, { status: "open" });

      await store.setActiveQuestion(session.id, own.id);
      expect(await store.saveBallot(ballot(first.id, "p1", ["a"]))).toEqual({ saved: false });
      await store.setActiveQuestion(session.id, first.id);

      await store.updateQuestion(first.id, { round: 2 });
      expect(await store.saveBallot(ballot(first.id, "p1", ["a"], 1))).toEqual({ saved: false });
      expect(await store.saveBallot(ballot(first.id, "p1", ["a"], 3))).toEqual({ saved: false });
      expect(await store.saveBallot(ballot(randomUUID(), "p1", ["a"]))).toEqual({ saved: false });
      expect(await store.listBallots(first.id, 1)).toEqual([]);
      expect(await store.listBallots(first.id, 3)).toEqual([]);
      expect(await store.findBallot(own.id, 1, "p1")).toBeUndefined();

      expect((await store.saveBallot(ballot(first.id, "p1", ["a"], 2))).saved).toBe(true);
      expect(await store.listBallots(first.id, 2)).toHaveLength(1);
    });

    it("keeps a countdown, and refuses a ballot that would commit at or after its deadline", async () => {
      const { session, first } = await created();
      const ahead = new Date(Date.now() + 60_000).toISOString();
      await store.updateQuestion(first.id, { closesAt: ahead, timerSeconds: 60 });
      expect((await store.listQuestions(session.id))[0]).toMatchObject({ id: first.id, closesAt: ahead, timerSeconds: 60 });
      expect((await store.saveBallot(ballot(first.id, "p1", ["a"]))).saved).toBe(true);
      // The deadline passed, and no one has closed the question yet: the store itself is the judge.
      await store.updateQuestion(first.id, { closesAt: new Date(Date.now() - 1).toISOString() });
      expect(await store.saveBallot(ballot(first.id, "p2", ["a"]))).toEqual({ saved: false });
      expect(await store.saveBallot(ballot(first.id, "p1", ["b"]))).toEqual({ saved: false });
      expect((await store.listBallots(first.id, 1)).map((b) => [b.participantKey, b.answer])).toEqual([["p1", ["a"]]]);
      await store.updateQuestion(first.id, { closesAt: null, timerSeconds: null });
      expect((await store.listQuestions(session.id))[0]).toMatchObject({ closesAt: null, timerSeconds: null });
      expect((await store.saveBallot(ballot(first.id, "p2", ["a"]))).saved).toBe(true);
    });

    it("keeps the ballots of an earlier round apart after a reset", async () => {
      const { first } = await created();
      await store.saveBallot(ballot(first.id, "p1", ["a"]));
      const before = await store.ballotChecksum(first.id, 1);
      await store.updateQuestion(first.id, { round: 2 });
      await store.saveBallot(ballot(first.id, "p1", ["b"], 2));
      expect((await store.listBallots(first.id, 1)).map((b) => b.answer)).toEqual([["a"]]);
      expect((await store.listBallots(first.id, 2)).map((b) => b.answer)).toEqual([["b"]]);
      expect(await store.ballotChecksum(first.id, 1)).toEqual(before);
    });

    it("writes many ballots of one turn together: the last of a participant wins, refused ones are reported", async () => {
      const { first, own } = await created();
      const elsewhere = newSession();
      await store.createSession(elsewhere.session, elsewhere.questions);
      const otherFirst = elsewhere.questions[0]?.id ?? "";

      const writes: BallotWrite[] = [ballot(first.id, "twice", ["first"])];
      for (let i = 0; i < 150; i++) writes.push(ballot(first.id, `p${i}`, [`o${i % 7}`]));
      for (let i = 0; i < 20; i++) writes.push(ballot(otherFirst, `p${i}`, ["x"]));
      writes.push(ballot(own.id, "not-active", ["a"]));
      writes.push(ballot(first.id, "twice", ["last"]));
      const results = await Promise.all(writes.map((w) => store.saveBallot(w)));

      expect(results.at(-2)).toEqual({ saved: false });
      expect(results.filter((r) => r.saved)).toHaveLength(writes.length - 1);
      const stored = await store.listBallots(first.id, 1);
      expect(stored).toHaveLength(151);
      expect(stored.find((b) => b.participantKey === "twice")?.answer).toEqual(["last"]);
      expect((await store.findBallot(first.id, 1, "p42"))?.answer).toEqual(["o0"]);
      expect(await store.listBallots(otherFirst, 1)).toHaveLength(20);
      const seqs = stored.map((b) => b.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      // Every caller learns the seq that is stored for its ballot.
      const stored42 = await store.findBallot(first.id, 1, "p42");
      expect(results[43]).toEqual({ saved: true, seq: stored42?.seq, hidden: false });
      expect(results.at(-1)).toEqual({ saved: true, seq: stored.find((b) => b.participantKey === "twice")?.seq, hidden: false });
      expect(await store.ballotChecksum(first.id, 1)).toEqual({ count: 151, seqSum: seqs.reduce((a, b) => a + b, 0) });
    });

    it("fails only the bad ballot of a batch", async () => {
      const { first } = await created();
      // JSON cannot hold a BigInt: this ballot throws while it is written.
      const bad = ballot(first.id, "bad", 1n as unknown as number);
      const [before, broken, after] = await Promise.allSettled([
        store.saveBallot(ballot(first.id, "before", ["a"])),
        store.saveBallot(bad),
        store.saveBallot(ballot(first.id, "after", ["b"])),
      ]);
      expect(before).toMatchObject({ status: "fulfilled", value: { saved: true } });
      expect(broken?.status).toBe("rejected");
      expect(after).toMatchObject({ status: "fulfilled", value: { saved: true } });
      expect((await store.listBallots(first.id, 1)).map((b) => b.participantKey).sort()).toEqual(["after", "before"]);
    });

    it("changes the checksum on every write and hide, and only then", async () => {
      const { first } = await created();
      expect(await store.ballotChecksum(first.id, 1)).toEqual({ count: 0, seqSum: 0 });
      const seen: string[] = [];
      const checksum = async () => {
        const c = await store.ballotChecksum(first.id, 1);
        seen.push(JSON.stringify(c));
        return c;
      };
      await store.saveBallot(ballot(first.id, "p1", ["a"]));
      expect((await checksum()).count).toBe(1);
      await store.saveBallot(ballot(first.id, "p2", ["a"]));
      expect((await checksum()).count).toBe(2);
      await store.saveBallot(ballot(first.id, "p1", ["b"]));
      await checksum();
      await store.saveBallot(ballot(first.id, "p1", ["b"]));
      await checksum();
      await store.setBallotHidden(first.id, 1, "p2", true);
      await checksum();
      await store.setBallotHidden(first.id, 1, "p2", false);
      const last = await checksum();
      expect(new Set(seen).size).toBe(seen.length);
      expect(last.count).toBe(2);
      expect(last.seqSum).toBe((await store.listBallots(first.id, 1)).reduce((sum, b) => sum + b.seq, 0));
      // A refused ballot and a hide of nobody change nothing.
      await store.saveBallot(ballot(first.id, "p3", ["a"], 2));
      await store.setBallotHidden(first.id, 1, "nobody", true);
      expect(await store.ballotChecksum(first.id, 1)).toEqual(last);
    });

    it("checksums only the ballots up to a seq when asked: a later write or replacement is left out", async () => {
      const { first } = await created();
      const a = seqOf(await store.saveBallot(ballot(first.id, "p1", ["a"])));
      const b = seqOf(await store.saveBallot(ballot(first.id, "p2", ["a"])));
      expect(await store.ballotChecksum(first.id, 1, b)).toEqual({ count: 2, seqSum: a + b });
      expect(await store.ballotChecksum(first.id, 1, a)).toEqual({ count: 1, seqSum: a });
      // p1 votes again: its row now has a seq above the bound and drops out of the bounded checksum.
      await store.saveBallot(ballot(first.id, "p1", ["b"]));
      expect(await store.ballotChecksum(first.id, 1, b)).toEqual({ count: 1, seqSum: b });
    });

    it("deletes a session with its questions and ballots, a ballot of the same turn included", async () => {
      const { session, first } = await created();
      const keep = await created();
      await store.saveBallot(ballot(first.id, "p1", ["a"]));
      await store.saveBallot(ballot(keep.first.id, "p1", ["a"]));
      const late = store.saveBallot(ballot(first.id, "p2", ["a"]));
      await store.deleteSession(session.id);
      await late;
      expect(await store.findSessionById(session.id)).toBeUndefined();
      expect(await store.findSessionByCode(session.code)).toBeUndefined();
      expect(await store.listQuestions(session.id)).toEqual([]);
      expect(await store.listBallots(first.id, 1)).toEqual([]);
      expect(await store.findBallot(first.id, 1, "p2")).toBeUndefined();
      expect(await store.findSessionById(keep.session.id)).toBeDefined();
      expect(await store.listBallots(keep.first.id, 1)).toHaveLength(1);
    });

    it("deletes the sessions created before a cutoff and names them", async () => {
      const own = await open(await backend.fresh());
      const old1 = newSession({ createdAt: minutesAgo(60 * 24 * 200) });
      const old2 = newSession({ createdAt: minutesAgo(60 * 24 * 181) });
      const recent = newSession({ createdAt: minutesAgo(60 * 24 * 179) });
      for (const s of [old1, old2, recent]) await own.createSession(s.session, s.questions);
      const oldQuestion = old1.questions[0]?.id ?? "";
      await own.saveBallot(ballot(oldQuestion, "p1", ["a"]));
      const late = own.saveBallot(ballot(oldQuestion, "p2", ["a"]));

      const deleted = await own.deleteSessionsCreatedBefore(minutesAgo(60 * 24 * 180));
      await late;
      expect(deleted.sort()).toEqual([old1.session.id, old2.session.id].sort());
      expect(await own.findSessionById(old1.session.id)).toBeUndefined();
      expect(await own.findSessionById(recent.session.id)).toBeDefined();
      expect(await own.listBallots(oldQuestion, 1)).toEqual([]);
      expect(await own.deleteSessionsCreatedBefore(minutesAgo(60 * 24 * 180))).toEqual([]);
    });

    it("keeps its secret across a reopen", async () => {
      const location = await backend.fresh();
      const first = await open(location);
      const secret = await first.secret();
      expect(secret).toHaveLength(32);
      expect(await first.secret()).toEqual(secret);
      await first.close();
      expect(await (await open(location)).secret()).toEqual(secret);
      expect(await (await open(await backend.fresh())).secret()).not.toEqual(secret);
    });

    it("keeps sessions and ballots across a reopen, and seq goes on from the highest", async () => {
      const location = await backend.fresh();
      const first = await open(location);
      const { session, questions } = newSession();
      await first.createSession(session, questions);
      const q = questions[0]?.id ?? "";
      const saved = await Promise.all(["p1", "p2", "p3"].map((p) => first.saveBallot(ballot(q, p, ["a"]))));
      // A ballot still in the batch is written by close().
      const atClose = first.saveBallot(ballot(q, "p4", ["b"]));
      await first.close();
      const lastSeq = seqOf(await atClose);

      const again = await open(location);
      expect(await again.findSessionById(session.id)).toEqual(session);
      expect(await again.listQuestions(session.id)).toEqual(questions);
      expect((await again.listBallots(q, 1)).map((b) => b.seq).sort((a, b) => a - b)).toEqual([...saved.map(seqOf), lastSeq].sort((a, b) => a - b));
      expect(seqOf(await again.saveBallot(ballot(q, "p5", ["a"])))).toBeGreaterThan(lastSeq);
      await again.close();
      // A third open finds nothing left to migrate.
      expect(await (await open(location)).listBallots(q, 1)).toHaveLength(5);
    });

    it("tells whether several servers may share it", () => {
      expect(store.shared).toBe(backend === postgres);
    });

    it("is ready while it can take writes", async () => {
      await expect(store.checkReady()).resolves.toBeUndefined();
    });

    it("keeps a session's publication: none at first, then as last set", async () => {
      const { session } = await created();
      expect((await store.findSessionById(session.id))?.publication).toBeNull();
      const up = { token: "t0k3n-abcdefghijklmnopqrstuvwxyz", publishedAt: "2026-12-06T10:00:00.000Z", expiresAt: "2027-01-05T10:00:00.000Z", withdrawnAt: null };
      await store.setPublication(session.id, up);
      expect((await store.findSessionById(session.id))?.publication).toEqual(up);
      const withdrawn = { ...up, withdrawnAt: "2026-12-07T10:00:00.000Z" };
      await store.setPublication(session.id, withdrawn);
      expect((await store.findSessionByCode(session.code))?.publication).toEqual(withdrawn);
    });

    describe("co-facilitator links", () => {
      const coHost = (sessionId: string, label: string, createdAt: string) => ({ id: randomUUID(), sessionId, keyHash: "c".repeat(64), label, createdAt, revokedAt: null });

      it("lists a session's links oldest first, revokes one once, and deletes them with the session", async () => {
        const { session } = await created();
        const { session: other } = await created();
        const later = coHost(session.id, "Sofie", "2026-12-06T10:05:00.000Z");
        const earlier = coHost(session.id, "Jan", "2026-12-06T10:00:00.000Z");
        for (const c of [later, earlier, coHost(other.id, "Elders", "2026-12-06T10:01:00.000Z")]) await store.createCoHost(c);
        expect(await store.listCoHosts(session.id)).toEqual([earlier, later]);
        // Another session's link cannot be revoked through this one; a link is revoked once.
        expect(await store.revokeCoHost(other.id, earlier.id, "2026-12-06T11:00:00.000Z")).toBe(false);
        expect(await store.revokeCoHost(session.id, earlier.id, "2026-12-06T11:00:00.000Z")).toBe(true);
        expect(await store.revokeCoHost(session.id, earlier.id, "2026-12-06T12:00:00.000Z")).toBe(false);
        expect((await store.listCoHosts(session.id)).map((c) => [c.label, c.revokedAt])).toEqual([
          ["Jan", "2026-12-06T11:00:00.000Z"],
          ["Sofie", null],
        ]);
        await store.deleteSession(session.id);
        expect(await store.listCoHosts(session.id)).toEqual([]);
        expect(await store.listCoHosts(other.id)).toHaveLength(1);
      });
    });

    describe("action plans", () => {
      const action = (sessionId: string, text: string, extra: Partial<{ about: string | null; from: { questionId: string; optionId: string } | null; due: string }> = {}) => ({
        id: randomUUID(),
        sessionId,
        text,
        about: extra.about ?? null,
        owner: "An",
        due: extra.due ?? "2027-03-15",
        from: extra.from ?? null,
        createdAt: "2026-12-06T10:00:00.000Z",
      });
      const added = async (sessionId: string, text: string, extra: Parameters<typeof action>[2] = {}) => {
        const done = await store.insertAction(action(sessionId, text, extra), 30);
        if (!("inserted" in done)) throw new Error(`not added: ${JSON.stringify(done)}`);
        return done.inserted;
      };

      it("keeps a session's plan in the order added, changes and deletes one action, and goes with the session", async () => {
        const { session } = await created();
        const { session: other } = await created();
        const first = await added(session.id, "Gedeelde agenda", { about: "shared-ambition", from: { questionId: "q_dots", optionId: "a2" } });
        const second = await added(session.id, "Vaste contactpersoon", { due: "2028-02-29" });
        await added(other.id, "Elders");
        expect([first.position, second.position]).toEqual([0, 1]);
        expect(first.from).toEqual({ questionId: "q_dots", optionId: "a2" });
        expect(await store.listActions(session.id)).toEqual([first, second]);
        expect(second.due).toBe("2028-02-29");
        // Another session's action cannot be changed or deleted through this one.
        expect(await store.updateAction(other.id, first.id, { owner: "Piet" })).toBeUndefined();
        expect(await store.deleteAction(other.id, first.id)).toBe(false);
        const changed = await store.updateAction(session.id, first.id, { owner: "Piet", about: null });
        expect(changed).toEqual({ ...first, owner: "Piet", about: null });
        expect(await store.updateAction(session.id, first.id, { due: "2027-06-01" })).toEqual({ ...first, owner: "Piet", about: null, due: "2027-06-01" });
        expect(await store.deleteAction(session.id, first.id)).toBe(true);
        expect(await store.deleteAction(session.id, first.id)).toBe(false);
        const third = await added(session.id, "Derde");
        expect(third.position).toBe(2);
        expect((await store.listActions(session.id)).map((a) => a.text)).toEqual(["Vaste contactpersoon", "Derde"]);
        await store.deleteSession(session.id);
        expect(await store.listActions(session.id)).toEqual([]);
        expect(await store.listActions(other.id)).toHaveLength(1);
        expect(await store.insertAction(action(session.id, "Te laat"), 30)).toEqual({ refused: "no_session" });
      });

      it("makes a proposal one action, keeps to the limit, and gives actions added at the same moment different places", async () => {
        const { session } = await created();
        const from = { questionId: "q_dots", optionId: "a1" };
        // The same proposal from two consoles (or a retried request) at once: one action, the other gets it back.
        const twice = await Promise.all([store.insertAction(action(session.id, "Eén", { from }), 30), store.insertAction(action(session.id, "Eén", { from }), 30)]);
        expect(twice.filter((d) => "inserted" in d)).toHaveLength(1);
        const made = twice.flatMap((d) => ("inserted" in d ? [d.inserted] : []))[0];
        expect(twice.find((d) => "existing" in d)).toEqual({ existing: made });
        const more = await Promise.all(Array.from({ length: 6 }, (_, i) => store.insertAction(action(session.id, `Actie ${i}`), 5)));
        // At 1 action with a limit of 5, six at once: four fit, two are refused, whatever the order.
        expect(more.filter((d) => "inserted" in d)).toHaveLength(4);
        expect(more.filter((d) => "refused" in d)).toEqual([{ refused: "full" }, { refused: "full" }]);
        expect((await store.listActions(session.id)).map((a) => a.position)).toEqual([0, 1, 2, 3, 4]);
      });
    });

    describe("networks measured over time", () => {
      /** A network in the shared store with sessions created in it, one per measurement given. */
      async function network(...measurements: number[]) {
        const made = newNetwork();
        await store.createNetwork(made);
        const sessions: StoredSession[] = [];
        for (const measurement of measurements) {
          const { session, questions } = newSession({ networkId: made.id, measurement });
          await store.createSession(session, questions);
          sessions.push(session);
        }
        return { network: made, sessions };
      }

      it("creates a network and finds it; an unknown network is not found", async () => {
        const { network: made } = await network();
        expect(await store.findNetwork(made.id)).toEqual(made);
        expect(await store.findNetwork(randomUUID())).toBeUndefined();
        expect(await store.listNetworkSessions(randomUUID())).toEqual([]);
      });

      it("keeps a new session outside any network", async () => {
        const { session } = await created();
        expect(await store.findSessionById(session.id)).toMatchObject({ networkId: null, measurement: null });
      });

      it("lists a network's sessions by measurement, then by creation, whether created in it or put in it later", async () => {
        const { network: made } = await network();
        const { network: elsewhere, sessions: others } = await network(1);
        // The same measurement twice (a second room of the same meeting): the one created first comes first, also
        // when its id sorts last.
        const [earlier, later] = [newSession({ networkId: made.id, measurement: 2 }), newSession({ networkId: made.id, measurement: 2 })].sort(
          (a, b) => (a.session.id < b.session.id ? 1 : -1),
        ) as [ReturnType<typeof newSession>, ReturnType<typeof newSession>];
        earlier.session.createdAt = minutesAgo(5);
        for (const s of [later, earlier]) await store.createSession(s.session, s.questions);
        const { session: first } = await created();
        await store.setSessionNetwork(first.id, made.id, 1);

        expect(await store.findSessionById(first.id)).toEqual({ ...first, networkId: made.id, measurement: 1 });
        expect(await store.findSessionById(later.session.id)).toEqual(later.session);
        expect(await store.listNetworkSessions(made.id)).toEqual([{ ...first, networkId: made.id, measurement: 1 }, earlier.session, later.session]);
        expect(await store.listNetworkSessions(elsewhere.id)).toEqual(others);
      });

      it("takes a session out of its network", async () => {
        const { network: made, sessions } = await network(1, 2);
        const [first, second] = sessions as [StoredSession, StoredSession];
        await store.setSessionNetwork(first.id, null, null);
        expect(await store.findSessionById(first.id)).toEqual({ ...first, networkId: null, measurement: null });
        expect(await store.listNetworkSessions(made.id)).toEqual([second]);
      });

      it("refuses a session in a network that does not exist, and keeps nothing of it", async () => {
        const { session } = await created();
        await expect(store.setSessionNetwork(session.id, randomUUID(), 1)).rejects.toThrow();
        expect(await store.findSessionById(session.id)).toEqual(session);
        const orphan = newSession({ networkId: randomUUID(), measurement: 1 });
        await expect(store.createSession(orphan.session, orphan.questions)).rejects.toThrow();
        expect(await store.findSessionById(orphan.session.id)).toBeUndefined();
        expect(await store.listQuestions(orphan.session.id)).toEqual([]);
      });

      it("deletes a network with its last session, and keeps it while a session is left", async () => {
        const { network: made, sessions } = await network(1, 2);
        const [first, second] = sessions as [StoredSession, StoredSession];
        const { network: other } = await network(1);
        await store.deleteSession(first.id);
        expect(await store.findNetwork(made.id)).toEqual(made);
        expect(await store.listNetworkSessions(made.id)).toEqual([second]);
        await store.deleteSession(second.id);
        expect(await store.findNetwork(made.id)).toBeUndefined();
        expect(await store.listNetworkSessions(made.id)).toEqual([]);
        expect(await store.findNetwork(other.id)).toEqual(other);
      });

      it("deletes the networks a cutoff empties and old networks without a session, and keeps the others", async () => {
        const own = await open(await backend.fresh());
        const cutoff = minutesAgo(60 * 24 * 180);
        const old = minutesAgo(60 * 24 * 200);
        const recent = minutesAgo(60 * 24 * 179);
        const emptied = newNetwork({ createdAt: old });
        const kept = newNetwork({ createdAt: old });
        const longEmpty = newNetwork({ createdAt: old });
        const newEmpty = newNetwork({ createdAt: recent });
        for (const n of [emptied, kept, longEmpty, newEmpty]) await own.createNetwork(n);
        const sessions = [
          newSession({ networkId: emptied.id, measurement: 1, createdAt: old }),
          newSession({ networkId: emptied.id, measurement: 2, createdAt: old }),
          newSession({ networkId: kept.id, measurement: 1, createdAt: old }),
          newSession({ networkId: kept.id, measurement: 2, createdAt: recent }),
        ];
        for (const s of sessions) await own.createSession(s.session, s.questions);

        const deleted = await own.deleteSessionsCreatedBefore(cutoff);
        expect(deleted.sort()).toEqual([sessions[0], sessions[1], sessions[2]].map((s) => s?.session.id).sort());
        expect(await own.findNetwork(emptied.id)).toBeUndefined();
        expect(await own.findNetwork(longEmpty.id)).toBeUndefined();
        expect(await own.findNetwork(kept.id)).toEqual(kept);
        expect(await own.listNetworkSessions(kept.id)).toEqual([sessions[3]?.session]);
        expect(await own.findNetwork(newEmpty.id)).toEqual(newEmpty);
      });
    });

    describe("questions from the floor", () => {
      const upvote = (floorId: string, participantKey: string) => store.saveFloorVote({ floorId, participantKey, up: true });
      const takeBack = (floorId: string, participantKey: string) => store.saveFloorVote({ floorId, participantKey, up: false });
      const votesOf = async (sessionId: string) => sortedVotes((await store.listFloor(sessionId)).votes);

      it("starts a new session with the floor closed, and keeps the settings the facilitator chose", async () => {
        const { session } = await created();
        expect((await store.findSessionById(session.id))?.floor).toEqual(FLOOR_CLOSED);
        const settings: FloorSettings = { open: true, approval: true, screen: true, highlight: randomUUID() };
        await store.setFloorSettings(session.id, settings);
        expect(await store.findSessionById(session.id)).toEqual({ ...session, floor: settings });
        expect((await store.findSessionByCode(session.code))?.floor).toEqual(settings);
        const calmer: FloorSettings = { open: true, approval: false, screen: false, highlight: null };
        await store.setFloorSettings(session.id, calmer);
        expect((await store.findSessionById(session.id))?.floor).toEqual(calmer);
        // A session can be made with the floor already open (a duplicate of one).
        const made = newSession({ floor: settings });
        await store.createSession(made.session, made.questions);
        expect(await store.findSessionByCode(made.session.code)).toEqual(made.session);
      });

      it("lists a session's questions from the floor in the order asked, each as it was stored", async () => {
        const { session } = await created();
        const other = await created();
        const earlier = new Date(Date.now() - 60_000).toISOString();
        const later = new Date().toISOString();
        const id = randomUUID();
        const last = floorQuestion(session.id, { askedAt: later, text: 'Koffie "zwart", emoji 🙂 and a \\ backslash' });
        const second = floorQuestion(session.id, { id: `b-${id}`, askedAt: earlier, name: "Ann", askId: null, status: "pending" });
        const first = floorQuestion(session.id, { id: `a-${id}`, askedAt: earlier, participantKey: "p2", status: "hidden", answered: true, rev: 3 });
        for (const q of [last, second, first]) await store.insertFloorQuestion(q);
        const elsewhere = floorQuestion(other.session.id);
        await store.insertFloorQuestion(elsewhere);
        expect(await store.listFloor(session.id)).toEqual({ questions: [first, second, last], votes: [] });
        expect((await store.listFloor(other.session.id)).questions).toHaveLength(1);
        expect(await store.listFloor(randomUUID())).toEqual({ questions: [], votes: [] });

        await upvote(last.id, "p1");
        await upvote(last.id, "p3");
        await upvote(elsewhere.id, "p1");
        expect(await votesOf(session.id)).toEqual([
          { floorId: last.id, participantKey: "p1" },
          { floorId: last.id, participantKey: "p3" },
        ]);
      });

      it("approves, hides and marks a question answered, with a higher rev on every change", async () => {
        const { session } = await created();
        const q = floorQuestion(session.id, { status: "pending" });
        await store.insertFloorQuestion(q);
        expect(await store.updateFloorQuestion(q.id, { status: "shown" })).toBe(1);
        expect(await store.updateFloorQuestion(q.id, { answered: true })).toBe(2);
        expect((await store.listFloor(session.id)).questions).toEqual([{ ...q, status: "shown", answered: true, rev: 2 }]);
        expect(await store.updateFloorQuestion(q.id, { status: "hidden", answered: false })).toBe(3);
        expect((await store.listFloor(session.id)).questions).toEqual([{ ...q, status: "hidden", answered: false, rev: 3 }]);
        expect(await store.updateFloorQuestion(randomUUID(), { status: "shown" })).toBeUndefined();
      });

      it("counts one upvote per participant: upvoting twice is one, taking back twice is none", async () => {
        const { session } = await created();
        const q = floorQuestion(session.id);
        await store.insertFloorQuestion(q);
        expect(await upvote(q.id, "p1")).toBe(true);
        expect(await upvote(q.id, "p1")).toBe(true);
        expect(await upvote(q.id, "p2")).toBe(true);
        expect(await votesOf(session.id)).toEqual([
          { floorId: q.id, participantKey: "p1" },
          { floorId: q.id, participantKey: "p2" },
        ]);
        expect(await takeBack(q.id, "p1")).toBe(true);
        expect(await takeBack(q.id, "p1")).toBe(true);
        expect(await takeBack(q.id, "never-voted")).toBe(true);
        expect(await votesOf(session.id)).toEqual([{ floorId: q.id, participantKey: "p2" }]);
        // Many phones pressing at once, each twice.
        const keys = Array.from({ length: 30 }, (_, i) => `many${i}`);
        expect(await Promise.all([...keys, ...keys].map((k) => upvote(q.id, k)))).toEqual(Array(60).fill(true));
        expect((await store.floorChecksum(session.id)).votes).toBe(31);
      });

      it("refuses an upvote of a question waiting for approval, hidden, or unknown, and keeps a hidden one's upvotes", async () => {
        const { session } = await created();
        const pending = floorQuestion(session.id, { status: "pending" });
        const hidden = floorQuestion(session.id, { status: "hidden" });
        const shown = floorQuestion(session.id);
        for (const q of [pending, hidden, shown]) await store.insertFloorQuestion(q);
        expect(await upvote(pending.id, "p1")).toBe(false);
        expect(await upvote(hidden.id, "p1")).toBe(false);
        expect(await upvote(randomUUID(), "p1")).toBe(false);
        expect(await takeBack(randomUUID(), "p1")).toBe(false);
        expect(await votesOf(session.id)).toEqual([]);

        // Hidden after p1 upvoted: p1 cannot take it back, and the upvote is there again when it is shown again.
        await upvote(shown.id, "p1");
        await store.updateFloorQuestion(shown.id, { status: "hidden" });
        expect(await takeBack(shown.id, "p1")).toBe(false);
        expect(await upvote(shown.id, "p2")).toBe(false);
        await store.updateFloorQuestion(shown.id, { status: "shown" });
        expect(await votesOf(session.id)).toEqual([{ floorId: shown.id, participantKey: "p1" }]);
        // Approved: now it takes upvotes.
        await store.updateFloorQuestion(pending.id, { status: "shown" });
        expect(await upvote(pending.id, "p1")).toBe(true);
      });

      it("changes the floor checksum with every question, upvote and change, and only then", async () => {
        const { session } = await created();
        const other = await created();
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 0, votes: 0, revSum: 0 });
        const q = floorQuestion(session.id);
        await store.insertFloorQuestion(q);
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 1, votes: 0, revSum: 0 });
        await upvote(q.id, "p1");
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 1, votes: 1, revSum: 0 });
        await upvote(q.id, "p1");
        await upvote(q.id, "p2");
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 1, votes: 2, revSum: 0 });
        await store.updateFloorQuestion(q.id, { answered: true });
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 1, votes: 2, revSum: 1 });
        await takeBack(q.id, "p1");
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 1, votes: 1, revSum: 1 });
        await store.updateFloorQuestion(q.id, { status: "hidden" });
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 1, votes: 1, revSum: 2 });
        // Refused upvotes and take-backs, and a change of an unknown question, change nothing.
        await upvote(q.id, "p3");
        await takeBack(q.id, "p2");
        await store.updateFloorQuestion(randomUUID(), { answered: true });
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 1, votes: 1, revSum: 2 });
        await store.insertFloorQuestion(floorQuestion(session.id, { status: "pending", rev: 5 }));
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 2, votes: 1, revSum: 7 });
        // Another session's floor is its own.
        expect(await store.floorChecksum(other.session.id)).toEqual({ questions: 0, votes: 0, revSum: 0 });
      });

      it("writes an upvote made just before a hide, while the question was still shown", async () => {
        const { session } = await created();
        const q = floorQuestion(session.id);
        await store.insertFloorQuestion(q);
        const vote = upvote(q.id, "p1");
        expect(await store.updateFloorQuestion(q.id, { status: "hidden" })).toBe(1);
        expect(await vote).toBe(true);
        expect(await votesOf(session.id)).toEqual([{ floorId: q.id, participantKey: "p1" }]);
      });

      it("deletes a session with its questions from the floor and their upvotes", async () => {
        const { session } = await created();
        const keep = await created();
        const q = floorQuestion(session.id);
        const kept = floorQuestion(keep.session.id);
        await store.insertFloorQuestion(q);
        await store.insertFloorQuestion(kept);
        await upvote(q.id, "p1");
        await upvote(kept.id, "p1");
        await store.deleteSession(session.id);
        expect(await store.listFloor(session.id)).toEqual({ questions: [], votes: [] });
        expect(await store.floorChecksum(session.id)).toEqual({ questions: 0, votes: 0, revSum: 0 });
        expect(await store.listFloor(keep.session.id)).toEqual({ questions: [kept], votes: [{ floorId: kept.id, participantKey: "p1" }] });
        // The upvote went too, not only its question: a question stored again under that id starts with none.
        await store.insertFloorQuestion({ ...q, sessionId: keep.session.id, askedAt: new Date(Date.now() + 1000).toISOString() });
        expect(await votesOf(keep.session.id)).toEqual([{ floorId: kept.id, participantKey: "p1" }]);
      });
    });

    describe("ballots waiting for their commit when a command arrives", () => {
      // PostgreSQL ran the command first: a vote cast while the question was open came back refused after the
      // close, and an answer hidden while its write waited was written after the hide and stayed on the screen.

      /**
       * Hand the store a ballot that has to wait: another one goes first and is sent on its way, so this one waits
       * behind it (PostgreSQL: for the batch in flight; SQLite: for the commit window after that commit).
       */
      async function waitingBehindAnother(write: BallotWrite): Promise<{ waiting: Promise<BallotSaved> }> {
        // Open connections first: a command that had to wait for PostgreSQL to open one would let the ballot go
        // ahead of it by chance, and the test would pass for a store that does not write it first.
        await Promise.all([1, 2, 3].map(() => store.findBallot(write.questionId, write.round, write.participantKey)));
        void store.saveBallot(ballot(write.questionId, `ahead-${randomUUID()}`, ["a"]));
        await new Promise((resolve) => setImmediate(resolve));
        return { waiting: store.saveBallot(write) };
      }

      it("writes a ballot cast before a close instead of refusing it after the close", async () => {
        const { first } = await created();
        const { waiting } = await waitingBehindAnother(ballot(first.id, "p1", ["b"]));
        await store.updateQuestion(first.id, { status: "closed" });
        expect(await waiting).toMatchObject({ saved: true });
        expect((await store.findBallot(first.id, 1, "p1"))?.answer).toEqual(["b"]);
        expect(await store.saveBallot(ballot(first.id, "p2", ["b"]))).toEqual({ saved: false });
      });

      it("writes a ballot cast before a reset into the round it was cast in", async () => {
        const { first } = await created();
        const { waiting } = await waitingBehindAnother(ballot(first.id, "p1", ["b"]));
        await store.updateQuestion(first.id, { round: 2 });
        expect(await waiting).toMatchObject({ saved: true });
        expect((await store.findBallot(first.id, 1, "p1"))?.answer).toEqual(["b"]);
        expect(await store.listBallots(first.id, 2)).toEqual([]);
      });

      it("writes a ballot cast before the room moves on to another question", async () => {
        const { session, first, own } = await created();
        const { waiting } = await waitingBehindAnother(ballot(first.id, "p1", ["b"]));
        await store.setActiveQuestion(session.id, own.id);
        expect(await waiting).toMatchObject({ saved: true });
        expect((await store.findBallot(first.id, 1, "p1"))?.answer).toEqual(["b"]);
      });

      it("applies a hide to the same answer sent again just before it, and numbers the hide after it", async () => {
        const { first } = await created();
        await store.saveBallot(ballot(first.id, "p0", ["a"]));
        const { waiting } = await waitingBehindAnother(ballot(first.id, "p0", ["a"]));
        const hideSeq = await store.setBallotHidden(first.id, 1, "p0", true);
        const saved = await waiting;
        expect(saved).toMatchObject({ saved: true, hidden: false });
        expect(hideSeq).toBeGreaterThan(seqOf(saved));
        expect(await store.findBallot(first.id, 1, "p0")).toMatchObject({ hidden: true, seq: hideSeq });
      });

      it("hides a first answer whose write was still waiting when the facilitator hid it", async () => {
        const { first } = await created();
        const { waiting } = await waitingBehindAnother(ballot(first.id, "p1", ["a"]));
        const hideSeq = await store.setBallotHidden(first.id, 1, "p1", true);
        expect(hideSeq).toBeGreaterThan(seqOf(await waiting));
        expect(await store.findBallot(first.id, 1, "p1")).toMatchObject({ hidden: true, seq: hideSeq });
      });

      it("writes a ballot cast before its question is deleted, and the delete takes it along", async () => {
        const { session, first } = await created();
        const { waiting } = await waitingBehindAnother(ballot(first.id, "p1", ["a"]));
        await store.deleteQuestion(first.id);
        expect(await waiting).toMatchObject({ saved: true });
        expect(await store.listBallots(first.id, 1)).toEqual([]);
        expect((await store.listQuestions(session.id)).map((q) => q.id)).not.toContain(first.id);
      });

      it("closes while votes keep coming: waits only for those cast before the close, refuses those after", async () => {
        // Waiting until no ballot was left, as PostgreSQL's delete did, never ended while phones kept voting.
        const { first } = await created();
        const voters = Array.from({ length: 10 }, (_, i) => ({ key: `v${i}`, lastSaved: -1 }));
        let savedSoFar = 0;
        let flowing: () => void = () => {};
        const votesFlow = new Promise<void>((resolve) => (flowing = resolve));
        // Each phone votes again as soon as its last vote is answered, until one is refused.
        const streams = voters.map(async (v) => {
          for (let i = 0; ; i++) {
            if (!(await store.saveBallot(ballot(first.id, v.key, [String(i)]))).saved) return;
            v.lastSaved = i;
            if (++savedSoFar === 50) flowing();
          }
        });
        await votesFlow;
        const close = store.updateQuestion(first.id, { status: "closed" });
        const heldBack = await Promise.race([close.then(() => false), delay(5_000).then(() => true)]);
        expect(heldBack, "the close waited for votes cast after it").toBe(false);
        await Promise.all(streams);
        for (const v of voters) expect((await store.findBallot(first.id, 1, v.key))?.answer).toEqual([String(v.lastSaved)]);
      });
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL only: several nodes on one database, and outages

describe.skipIf(!services.available)(`PostgreSQL store: shared and restarted ${services.skipMessage}`, () => {
  let instance: PostgresInstance;
  const opened: PostgresStore[] = [];
  async function open(url: string): Promise<PostgresStore> {
    const s = await PostgresStore.open({ url, poolSize: 4 });
    opened.push(s);
    return s;
  }
  async function sql<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    instance = await sharedPostgres();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it("migrates a fresh database from three nodes starting at once", async () => {
    const url = await instance.createDatabase();
    const [a, b, c] = await Promise.all([open(url), open(url), open(url)]);
    expect(await sql(url, `SELECT version FROM schema_migrations ORDER BY version`)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((version) => ({ version })));
    // The three race for the secret as well, and agree on it.
    const [sa, sb, sc] = await Promise.all([a?.secret(), b?.secret(), c?.secret()]);
    expect(sa).toHaveLength(32);
    expect(sb).toEqual(sa);
    expect(sc).toEqual(sa);
    await open(url);
    expect(await sql(url, `SELECT count(*)::int AS n FROM schema_migrations`)).toEqual([{ n: 9 }]);
  });

  it("shows one node's writes to another, and refuses a ballot after another node closed the question", async () => {
    const url = await instance.createDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const { session, questions } = newSession();
    await a.createSession(session, questions);
    const q = questions[0]?.id ?? "";
    const seq = seqOf(await a.saveBallot(ballot(q, "p1", ["a"])));
    expect(await b.findBallot(q, 1, "p1")).toMatchObject({ seq, answer: ["a"] });
    expect(await b.ballotChecksum(q, 1)).toEqual(await a.ballotChecksum(q, 1));
    const fromB = seqOf(await b.saveBallot(ballot(q, "p2", ["a"])));
    expect(fromB).toBeGreaterThan(seq);
    await a.updateQuestion(q, { status: "closed" });
    expect(await b.saveBallot(ballot(q, "p3", ["a"]))).toEqual({ saved: false });
    const taken = newSession({ code: session.code });
    await expect(b.createSession(taken.session, taken.questions)).rejects.toBeInstanceOf(JoinCodeTakenError);
  });

  it("makes a ballot racing a close wait for it, then refuses it", async () => {
    // Without the row lock, the ballot was checked against the open question of its snapshot and written after
    // the close had committed.
    const url = await instance.createDatabase();
    const store = await open(url);
    const { session, questions } = newSession();
    await store.createSession(session, questions);
    const q = questions[0]?.id ?? "";
    const facilitator = new pg.Client({ connectionString: url });
    await facilitator.connect();
    try {
      await facilitator.query("BEGIN");
      await facilitator.query(`UPDATE questions SET status = 'closed' WHERE id = $1`, [q]);
      const vote = store.saveBallot(ballot(q, "p1", ["a"]));
      // Wait until the vote's statement is queued behind the close's row lock.
      for (;;) {
        const waiting = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (waiting[0]?.n === 1) break;
        const early = await Promise.race([vote, delay(20).then(() => undefined)]);
        if (early) throw new Error(`the ballot did not wait for the close: ${JSON.stringify(early)}`);
      }
      await facilitator.query("COMMIT");
      expect(await vote).toEqual({ saved: false });
      expect(await store.listBallots(q, 1)).toEqual([]);
    } finally {
      await facilitator.end();
    }
  });

  it("keeps a network whose last session is deleted while another node puts a session into it", async () => {
    // Without the lock on the network's row, "no session left" was read from a snapshot taken before the other
    // node's commit: the network was deleted and ON DELETE SET NULL took the new session out of it.
    const url = await instance.createDatabase();
    const store = await open(url);
    const network = newNetwork();
    await store.createNetwork(network);
    const last = newSession({ networkId: network.id, measurement: 1 });
    const joining = newSession();
    for (const s of [last, joining]) await store.createSession(s.session, s.questions);
    const otherNode = new pg.Client({ connectionString: url });
    await otherNode.connect();
    try {
      await otherNode.query("BEGIN");
      await otherNode.query(`UPDATE sessions SET network_id = $1, measurement = 2 WHERE id = $2`, [network.id, joining.session.id]);
      const deletion = store.deleteSession(last.session.id);
      // Wait until the deletion is queued behind the other node's lock on the network.
      for (;;) {
        const waiting = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (waiting[0]?.n === 1) break;
        const early = await Promise.race([deletion.then(() => "done"), delay(20).then(() => undefined)]);
        if (early) throw new Error("the deletion did not wait for the other node's commit");
      }
      await otherNode.query("COMMIT");
      await deletion;
    } finally {
      await otherNode.end();
    }
    expect(await store.findSessionById(last.session.id)).toBeUndefined();
    expect(await store.findNetwork(network.id)).toEqual(network);
    expect(await store.listNetworkSessions(network.id)).toEqual([{ ...joining.session, networkId: network.id, measurement: 2 }]);
  });

  it("reads the sessions of a database from before questions from the floor with the floor closed", async () => {
    const url = await instance.createDatabase();
    const before = await open(url);
    const { session, questions } = newSession();
    await before.createSession(session, questions);
    await before.close();
    // Back to schema version 4, with the session in it.
    await sql(
      url,
      `DROP TABLE actions; ALTER TABLE sessions DROP COLUMN publication; DROP TABLE co_hosts; ALTER TABLE sessions DROP COLUMN network_id, DROP COLUMN measurement; DROP TABLE networks;
       DROP TABLE floor_votes, floor_questions; ALTER TABLE sessions DROP COLUMN floor; DELETE FROM schema_migrations WHERE version >= 5`,
    );
    const after = await open(url);
    expect(await after.findSessionById(session.id)).toEqual({ ...session, floor: FLOOR_CLOSED });
    // A settings value with fields missing (written by an older version) takes them from FLOOR_CLOSED.
    await sql(url, `UPDATE sessions SET floor = '{"open": true}' WHERE id = $1`, [session.id]);
    expect((await after.findSessionById(session.id))?.floor).toEqual({ ...FLOOR_CLOSED, open: true });
  });

  it("counts one upvote per participant when several nodes write it at once", async () => {
    const url = await instance.createDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const { session, questions } = newSession();
    await a.createSession(session, questions);
    const q = floorQuestion(session.id);
    await a.insertFloorQuestion(q);
    // Each participant's upvote reaches both nodes (a retry after a reconnect to the other one), several times.
    const writes = Array.from({ length: 20 }, (_, i) => `p${i}`).flatMap((p) =>
      [a, b, a, b].map((node) => node.saveFloorVote({ floorId: q.id, participantKey: p, up: true })),
    );
    expect(await Promise.all(writes)).toEqual(Array(80).fill(true));
    expect(await b.floorChecksum(session.id)).toEqual({ questions: 1, votes: 20, revSum: 0 });
    expect(await a.floorChecksum(session.id)).toEqual(await b.floorChecksum(session.id));
  });

  it("makes an upvote racing a hide on another node wait for it, then refuses it", async () => {
    // Checked against the shown question of its snapshot only, the upvote was written after the hide had committed.
    const url = await instance.createDatabase();
    const store = await open(url);
    const { session, questions } = newSession();
    await store.createSession(session, questions);
    const q = floorQuestion(session.id);
    await store.insertFloorQuestion(q);
    const facilitator = new pg.Client({ connectionString: url });
    await facilitator.connect();
    try {
      await facilitator.query("BEGIN");
      await facilitator.query(`UPDATE floor_questions SET status = 'hidden', rev = rev + 1 WHERE id = $1`, [q.id]);
      const vote = store.saveFloorVote({ floorId: q.id, participantKey: "p1", up: true });
      // Wait until the upvote's statement is queued behind the hide's row lock.
      for (;;) {
        const waiting = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (waiting[0]?.n === 1) break;
        const early = await Promise.race([vote, delay(20).then(() => undefined)]);
        if (early !== undefined) throw new Error(`the upvote did not wait for the hide: ${early}`);
      }
      await facilitator.query("COMMIT");
      expect(await vote).toBe(false);
      expect((await store.listFloor(session.id)).votes).toEqual([]);
    } finally {
      await facilitator.end();
    }
  });

  it("rejects with StoreUnavailableError while PostgreSQL is down, and works again once it is back", async () => {
    const url = await instance.createDatabase();
    const store = await open(url);
    const { session, questions } = newSession();
    await store.createSession(session, questions);
    const q = questions[0]?.id ?? "";
    // Several idle connections in the pool, each of which PostgreSQL's shutdown will cut.
    await Promise.all(["p1", "p2", "p3", "p4"].map((p) => store.findBallot(q, 1, p)));
    await store.saveBallot(ballot(q, "p1", ["before"]));

    await instance.stop();
    try {
      const started = Date.now();
      const during = await Promise.allSettled([store.saveBallot(ballot(q, "p1", ["during"])), store.saveBallot(ballot(q, "p2", ["during"]))]);
      for (const result of during) {
        expect(result.status).toBe("rejected");
        if (result.status === "rejected") expect(result.reason).toBeInstanceOf(StoreUnavailableError);
      }
      // Fails in seconds instead of hanging until PostgreSQL is back.
      expect(Date.now() - started).toBeLessThan(10_000);
      await expect(store.findSessionById(session.id)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.createSession(newSession().session, [])).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.checkReady()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await instance.start();
    }
    await store.checkReady();

    expect((await store.findBallot(q, 1, "p1"))?.answer).toEqual(["before"]);
    expect(await store.findBallot(q, 1, "p2")).toBeUndefined();
    expect((await store.saveBallot(ballot(q, "p2", ["after"]))).saved).toBe(true);
    expect((await store.findBallot(q, 1, "p2"))?.answer).toEqual(["after"]);
    // Back up, a statement error is passed through as it is, not taken for an outage.
    const dup = newSession({ id: session.id });
    const error = await store.createSession(dup.session, []).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(StoreUnavailableError);
    expect((error as { code?: string }).code).toBe("23505");
  });

  it("keeps every acknowledged vote when PostgreSQL stops in the middle of a stream of votes", async () => {
    const url = await instance.createDatabase();
    const store = await open(url);
    const { session, questions } = newSession();
    await store.createSession(session, questions);
    const q = questions[0]?.id ?? "";
    const voters = Array.from({ length: 40 }, (_, i) => ({ key: `v${i}`, acked: 0, tried: 0, error: undefined as unknown }));
    let stopping: Promise<void> | undefined;
    // Each phone votes again as soon as its last vote is acknowledged, until one is refused by the outage.
    const streams = voters.map(async (v) => {
      for (;;) {
        v.tried += 1;
        try {
          const saved = await store.saveBallot(ballot(q, v.key, [String(v.tried)]));
          if (!saved.saved) throw new Error("refused");
          v.acked = v.tried;
        } catch (error) {
          v.error = error;
          return;
        }
        // The first 200 acknowledgements start the stop; the votes go on while PostgreSQL shuts down.
        if (!stopping && voters.reduce((n, x) => n + x.acked, 0) >= 200) stopping = instance.stop();
      }
    });
    await Promise.all(streams);
    await stopping;
    await instance.start();

    for (const v of voters) {
      expect(v.error).toBeInstanceOf(StoreUnavailableError);
      const stored = Number((await store.findBallot(q, 1, v.key))?.answer.toString() ?? 0);
      // The vote the outage interrupted may or may not have committed; nothing acknowledged is lost.
      expect(stored).toBeGreaterThanOrEqual(v.acked);
      expect(stored).toBeLessThanOrEqual(v.tried);
    }
    expect((await store.saveBallot(ballot(q, "v0", ["again"]))).saved).toBe(true);
  });

  it("reports a transaction that PostgreSQL rolled back at COMMIT instead of taking it as committed", async () => {
    // COMMIT of a transaction in which a statement failed is answered with ROLLBACK and no error. No caller of the
    // store's transaction swallows an error today; this is the guard for the one that will.
    const url = await instance.createDatabase();
    const store = await open(url);
    const transaction = (store as unknown as { transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> }).transaction.bind(store);
    const attempt = transaction(async (client) => {
      await client.query(`INSERT INTO meta (key, value) VALUES ('lost', '\\x00')`);
      await client.query(`SELECT 1 / 0`).catch(() => {});
    });
    await expect(attempt).rejects.toThrow(/did not commit/);
    expect(await sql(url, `SELECT key FROM meta WHERE key = 'lost'`)).toEqual([]);
  });

  it("is not ready while its connection takes no writes (read-only), and ready again when it does", async () => {
    const url = await instance.createDatabase();
    // One connection, so the setting below is the one every statement of this store runs on.
    const store = await PostgresStore.open({ url, poolSize: 1 });
    opened.push(store);
    await store.checkReady();
    // What a standby, or a database set read-only for maintenance, looks like to a session: it reads, but a load
    // balancer must not send this node votes.
    const pool = (store as unknown as { pool: pg.Pool }).pool;
    await pool.query(`SET SESSION default_transaction_read_only = on`);
    await expect(store.checkReady()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.checkReady()).rejects.toThrow(/read-only/);
    await expect(store.createSession(newSession().session, [])).rejects.toBeInstanceOf(StoreUnavailableError);
    await pool.query(`SET SESSION default_transaction_read_only = off`);
    await store.checkReady();
  });

  it("rejects open() with StoreUnavailableError when nothing listens", async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    await expect(PostgresStore.open({ url: "postgresql://postgres@127.0.0.1:1/tafelronde" })).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
