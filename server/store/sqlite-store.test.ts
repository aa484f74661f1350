/** The SQLite file itself: how the store upgrades a file written by an older version. */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUnavailableError, SqliteStore } from "./sqlite-store";
import type { BallotWrite } from "./store";

// What every store must do is in store.contract.test.ts; this file holds what only a SQLite file has.

function ballot(questionId: string, participantKey: string, answer: string[]): BallotWrite {
  return { questionId, round: 1, participantKey, answer, voteId: randomUUID(), castAt: new Date().toISOString() };
}

describe("SQLite store: migration 3", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tafelronde-store-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The schema of migrations 1 and 2 as a version-2 file has it, written without the store. */
  const VERSION_2 = `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    CREATE TABLE sessions (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, title TEXT NOT NULL, language TEXT NOT NULL,
      host_key_hash TEXT NOT NULL, screen_key_hash TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE questions (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      position INTEGER NOT NULL, kind TEXT NOT NULL, template TEXT NOT NULL, max_choices INTEGER, status TEXT NOT NULL,
      results_visible INTEGER NOT NULL, round INTEGER NOT NULL DEFAULT 1);
    CREATE INDEX questions_session ON questions(session_id, position);
    CREATE TABLE ballots (question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE, round INTEGER NOT NULL,
      participant_key TEXT NOT NULL, option_ids TEXT NOT NULL, vote_id TEXT, cast_at TEXT NOT NULL,
      PRIMARY KEY (question_id, round, participant_key)) WITHOUT ROWID;
    ALTER TABLE sessions ADD COLUMN active_question_id TEXT;
    ALTER TABLE questions ADD COLUMN prompt TEXT;
    ALTER TABLE questions ADD COLUMN options TEXT;
    ALTER TABLE questions ADD COLUMN scale TEXT;
    ALTER TABLE ballots ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
    PRAGMA user_version = 2;
  `;

  it("numbers the ballots of a version-2 file by cast time, distinct, and counts on from there", async () => {
    const path = join(dir, "v2.db");
    const old = new Database(path);
    old.exec(VERSION_2);
    old.prepare(`INSERT INTO sessions VALUES ('s1', 'ABC123', 'Old', 'nl', 'h', 's', '2024-01-01T00:00:00.000Z', 'q1')`).run();
    old.prepare(`INSERT INTO questions (id, session_id, position, kind, template, status, results_visible) VALUES ('q1', 's1', 0, 'single', 'custom', 'open', 0)`).run();
    const insert = old.prepare(`INSERT INTO ballots (question_id, round, participant_key, option_ids, vote_id, cast_at, hidden) VALUES ('q1', ?, ?, ?, NULL, ?, ?)`);
    insert.run(1, "late", '["b"]', "2024-01-01T10:00:03.000Z", 1);
    insert.run(1, "early", '["a"]', "2024-01-01T10:00:01.000Z", 0);
    insert.run(1, "middle", '"text"', "2024-01-01T10:00:02.000Z", 0);
    insert.run(2, "early", "3", "2024-01-01T09:00:00.000Z", 0);
    old.close();

    const store = new SqliteStore({ path });
    try {
      expect(store.db.pragma("user_version", { simple: true })).toBe(11);
      expect(await store.findSessionById("s1")).toMatchObject({ title: "Old", networkId: null, measurement: null });
      const round1 = await store.listBallots("q1", 1);
      expect(round1.map((b) => [b.participantKey, b.seq, b.answer, b.hidden])).toEqual([
        ["early", 2, ["a"], false],
        ["middle", 3, "text", false],
        ["late", 4, ["b"], true],
      ]);
      expect(await store.findBallot("q1", 2, "early")).toMatchObject({ seq: 1, answer: 3 });
      expect(await store.ballotChecksum("q1", 1)).toEqual({ count: 3, seqSum: 9 });
      expect(await store.saveBallot(ballot("q1", "new", ["a"]))).toEqual({ saved: true, seq: 5, hidden: false });
      expect(await store.setBallotHidden("q1", 1, "early", true)).toBe(6);
    } finally {
      await store.close();
    }
    // Reopened, nothing is numbered again and the counter starts above the highest seq.
    const reopened = new SqliteStore({ path });
    try {
      expect((await reopened.findBallot("q1", 1, "late"))?.seq).toBe(4);
      expect(await reopened.saveBallot(ballot("q1", "newer", ["a"]))).toEqual({ saved: true, seq: 7, hidden: false });
    } finally {
      await reopened.close();
    }
  });
});

describe("isUnavailableError: which SQLite errors mean the write may be sent again", () => {
  it.each(["SQLITE_FULL", "SQLITE_IOERR", "SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_READONLY", "SQLITE_READONLY_RECOVERY", "SQLITE_CANTOPEN", "SQLITE_NOMEM", "SQLITE_PROTOCOL"])(
    "%s: the disk or the file cannot take it now",
    (code) => {
      expect(isUnavailableError(new Database.SqliteError("x", code))).toBe(true);
    },
  );

  it.each([
    ["SQLITE_CONSTRAINT_UNIQUE", new Database.SqliteError("UNIQUE constraint failed", "SQLITE_CONSTRAINT_UNIQUE")],
    ["SQLITE_CORRUPT", new Database.SqliteError("database disk image is malformed", "SQLITE_CORRUPT")],
    ["SQLITE_READONLY_DBMOVED (only a restart cures it)", new Database.SqliteError("x", "SQLITE_READONLY_DBMOVED")],
    ["SQLITE_FULLX (no such code: whole names are matched)", new Database.SqliteError("x", "SQLITE_FULLX")],
    ["a plain error with the code", Object.assign(new Error("x"), { code: "SQLITE_FULL" })],
  ])("%s passes through", (_, error) => {
    expect(isUnavailableError(error)).toBe(false);
  });
});
