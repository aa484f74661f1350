/** The SQLite store on a real full filesystem: what it cannot commit it refuses as retryable, and it recovers alone. */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOOR_CLOSED } from "../../lib/poll/floor";
import { mountSmallDisk, type SmallDisk } from "../testing/small-disk";
import { SqliteStore } from "./sqlite-store";
import { FRESH_QUESTION, StoreUnavailableError, type BallotSaved, type BallotWrite, type StoredQuestion, type StoredSession } from "./store";

function newSession(): { session: StoredSession; question: StoredQuestion; other: StoredQuestion } {
  const sessionId = randomUUID();
  const base = { sessionId, kind: "single", ...FRESH_QUESTION, maxChoices: null, scale: null, template: null, grouping: false, audience: null } as const;
  const options = [
    { id: "a", label: "Soup" },
    { id: "b", label: "Bread" },
  ];
  const question: StoredQuestion = { ...base, id: randomUUID(), position: 0, prompt: "Lunch?", options };
  const other: StoredQuestion = { ...base, id: randomUUID(), position: 1, prompt: "Dinner?", options };
  const session: StoredSession = {
    id: sessionId,
    code: randomUUID().replace(/-/g, "").slice(0, 6).toUpperCase(),
    title: "Full disk",
    language: "en",
    hostKeyHash: "a".repeat(64),
    screenKeyHash: "b".repeat(64),
    createdAt: new Date().toISOString(),
    activeQuestionId: question.id,
    splitBy: null,
    floor: FLOOR_CLOSED,
    networkId: null,
    measurement: null,
    publication: null,
  };
  return { session, question, other };
}

function ballot(questionId: string, participantKey: string): BallotWrite {
  return { questionId, round: 1, participantKey, answer: ["a"], voteId: randomUUID(), castAt: new Date().toISOString() };
}

/** vote_id by participant as a second connection reads the file: what a restart would find. */
function storedVoteIds(path: string, questionId: string): Map<string, string | null> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[string], { participant_key: string; vote_id: string | null }>(`SELECT participant_key, vote_id FROM ballots WHERE question_id = ?`).all(questionId);
    return new Map(rows.map((r) => [r.participant_key, r.vote_id]));
  } finally {
    db.close();
  }
}

/**
 * Every write either resolved as saved and is in the file, or was refused with StoreUnavailableError and is not.
 * Returns how many were refused.
 */
function expectSavedExactlyWhenStored(path: string, writes: readonly BallotWrite[], results: readonly PromiseSettledResult<BallotSaved>[]): number {
  const stored = storedVoteIds(path, writes[0]?.questionId ?? "");
  let refused = 0;
  writes.forEach((write, i) => {
    const result = results[i];
    if (result?.status === "fulfilled") {
      expect(result.value, `ballot ${write.participantKey}`).toMatchObject({ saved: true });
      expect(stored.get(write.participantKey), `ballot ${write.participantKey} was resolved as saved but is not in the file`).toBe(write.voteId);
    } else {
      refused += 1;
      expect(result?.reason).toBeInstanceOf(StoreUnavailableError);
      expect(stored.get(write.participantKey)).not.toBe(write.voteId);
    }
  });
  return refused;
}

describe("SQLite store on a full disk", () => {
  let disk: SmallDisk;
  beforeAll(() => {
    disk = mountSmallDisk(8);
  });
  afterAll(() => disk?.destroy());

  it("refuses with StoreUnavailableError what it cannot commit, never resolves it as saved, and writes again once space is back", async () => {
    // Reported: with the disk full, the batch failed, the one-by-one retry resolved every ballot as saved through
    // .get() (which does not report a failed autocommit), and the file held none of them.
    const path = join(disk.dir, `${randomUUID()}.db`);
    const store = new SqliteStore({ path, synchronous: "FULL" });
    const { session, question, other } = newSession();
    try {
      await store.createSession(session, [question, other]);
      const before = Array.from({ length: 20 }, (_, i) => ballot(question.id, `before-${i}`));
      expect(await Promise.all(before.map((b) => store.saveBallot(b)))).toEqual(before.map(() => expect.objectContaining({ saved: true })));

      disk.fill();
      // New participants and participants replacing their ballot, all in the same few turns.
      const during = [
        ...Array.from({ length: 480 }, (_, i) => ballot(question.id, `during-${i}`)),
        ...before.map((b) => ({ ...b, voteId: randomUUID(), answer: ["b"] })),
      ];
      const results = await Promise.allSettled(during.map((b) => store.saveBallot(b)));
      expect(expectSavedExactlyWhenStored(path, during, results)).toBeGreaterThan(0);
      // A ballot alone in its batch takes the same path as one of many.
      const alone = ballot(question.id, "alone");
      const aloneResult = await Promise.allSettled([store.saveBallot(alone)]);
      expect(expectSavedExactlyWhenStored(path, [alone], aloneResult)).toBe(1);

      await expect(store.checkReady()).rejects.toBeInstanceOf(StoreUnavailableError);
      // Every other write says the same, and changes nothing.
      await expect(store.updateQuestion(question.id, { status: "closed" })).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.setActiveQuestion(session.id, other.id)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.setBallotHidden(question.id, 1, "before-0", true)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.insertQuestion({ ...other, id: randomUUID(), position: 2 })).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.setPositions([{ id: other.id, position: 5 }])).rejects.toBeInstanceOf(StoreUnavailableError);
      const elsewhere = newSession();
      await expect(store.createSession(elsewhere.session, [elsewhere.question])).rejects.toBeInstanceOf(StoreUnavailableError);
      // An action of the plan: refused, not in the plan afterwards (nothing acknowledged that is not stored).
      const action = { id: randomUUID(), sessionId: session.id, text: "Agenda vooraf", about: null, owner: "Sofie", due: "2027-03-15", from: null, createdAt: new Date().toISOString() };
      await expect(store.insertAction(action, 30)).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await store.listActions(session.id)).toEqual([]);
      expect(await store.listQuestions(session.id)).toEqual([question, other]);
      expect(await store.findSessionById(session.id)).toEqual(session);
      expect((await store.findBallot(question.id, 1, "before-0"))?.hidden).toBe(false);

      disk.free();
      // No reopen: the same connection takes writes again.
      await store.checkReady();
      const again = [...during.slice(0, 30), alone];
      const resent = await Promise.allSettled(again.map((b) => store.saveBallot(b)));
      expect(expectSavedExactlyWhenStored(path, again, resent)).toBe(0);
      expect(await store.setBallotHidden(question.id, 1, "alone", true)).toEqual(expect.any(Number));
      await store.updateQuestion(question.id, { status: "closed" });
      expect((await store.listQuestions(session.id))[0]?.status).toBe("closed");
      expect(await store.insertAction(action, 30)).toEqual({ inserted: expect.objectContaining({ id: action.id, position: 0 }) });
    } finally {
      await store.close();
    }

    const reopened = new SqliteStore({ path });
    try {
      const keys = (await reopened.listBallots(question.id, 1)).map((b) => b.participantKey);
      expect(keys).toHaveLength(20 + 30 + 1);
      expect(await reopened.findBallot(question.id, 1, "alone")).toMatchObject({ hidden: true });
    } finally {
      await reopened.close();
    }
  });
});
