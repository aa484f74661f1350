/** The store on SQLite (better-sqlite3, WAL): ballots batched per commit, every write in a transaction, migrations. */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { isLanguage } from "../../lib/i18n";
import { FLOOR_STATUSES, QUESTION_KINDS, type Audience, type FloorSettings, type FloorStatus, type QuestionKind, type ScaleSettings } from "../../lib/protocol";
import {
  JoinCodeTakenError,
  StoreUnavailableError,
  type BallotChecksum,
  type BallotSaved,
  type BallotWrite,
  type FloorChecksum,
  type FloorVote,
  type QuestionPatch,
  type Store,
  type StoredBallot,
  type ActionInsert,
  type ActionPatch,
  type StoredAction,
  type StoredCoHost,
  type StoredPublication,
  type StoredFloorQuestion,
  type StoredOption,
  type StoredNetwork,
  type StoredQuestion,
  type StoredSession,
} from "./store";
import { readFloorSettings } from "./floor-settings";

export const SYNCHRONOUS_MODES = ["OFF", "NORMAL", "FULL", "EXTRA"] as const;
export type SynchronousMode = (typeof SYNCHRONOUS_MODES)[number];

/** Schema versions, applied in order at start; `PRAGMA user_version` records how far a file has come. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    host_key_hash TEXT NOT NULL,
    screen_key_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    template TEXT NOT NULL,
    max_choices INTEGER,
    status TEXT NOT NULL,
    results_visible INTEGER NOT NULL,
    round INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX questions_session ON questions(session_id, position);
  CREATE TABLE ballots (
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    participant_key TEXT NOT NULL,
    option_ids TEXT NOT NULL,
    vote_id TEXT,
    cast_at TEXT NOT NULL,
    PRIMARY KEY (question_id, round, participant_key)
  ) WITHOUT ROWID;
  `,
  // Sessions with several questions of several kinds. `option_ids` now holds any answer as JSON (option ids,
  // a scale value or a text); the name stays so existing files and tools keep working.
  `
  ALTER TABLE sessions ADD COLUMN active_question_id TEXT;
  ALTER TABLE questions ADD COLUMN prompt TEXT;
  ALTER TABLE questions ADD COLUMN options TEXT;
  ALTER TABLE questions ADD COLUMN scale TEXT;
  ALTER TABLE ballots ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
  UPDATE sessions SET active_question_id =
    (SELECT q.id FROM questions q WHERE q.session_id = sessions.id ORDER BY q.position LIMIT 1);
  `,
  // Every write of a ballot gets a number from one counter, so two copies of a round's ballots can be compared by
  // count and sum. Existing ballots are numbered once in the order they were cast (the table has no rowid).
  // No index on seq: nothing looks ballots up by it, and the hot insert path would pay for one (about 15% fewer
  // ballots/s in a micro-benchmark); MAX(seq) scans the table once at open.
  `
  ALTER TABLE ballots ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
  UPDATE ballots SET seq = numbered.n
  FROM (
    SELECT question_id, round, participant_key,
      row_number() OVER (ORDER BY cast_at, question_id, round, participant_key) AS n
    FROM ballots
  ) AS numbered
  WHERE ballots.question_id = numbered.question_id AND ballots.round = numbered.round
    AND ballots.participant_key = numbered.participant_key;
  `,
  // Groups: a single choice can sort the room (a role, a sector), a question can be asked of some groups only,
  // and a session's results can be split by a grouping question.
  `
  ALTER TABLE questions ADD COLUMN is_grouping INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE questions ADD COLUMN audience TEXT;
  ALTER TABLE sessions ADD COLUMN split_by TEXT;
  `,
  // The presenter's tools: a countdown (voting closes at closes_at, an ISO time compared as text:
  // toISOString() always has one length), notes, the silent vote, and rounds kept by a vote again (JSON).
  `
  ALTER TABLE questions ADD COLUMN closes_at TEXT;
  ALTER TABLE questions ADD COLUMN timer_seconds INTEGER;
  ALTER TABLE questions ADD COLUMN notes TEXT;
  ALTER TABLE questions ADD COLUMN silent INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE questions ADD COLUMN kept_rounds TEXT NOT NULL DEFAULT '[]';
  `,
  // Word clouds: the words the facilitator took off the screens (their keys, JSON).
  `
  ALTER TABLE questions ADD COLUMN hidden_words TEXT NOT NULL DEFAULT '[]';
  `,
  // Questions from the floor: the session's settings (JSON), the questions, and one row per participant's upvote.
  `
  ALTER TABLE sessions ADD COLUMN floor TEXT NOT NULL DEFAULT '{}';
  CREATE TABLE floor_questions (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_key TEXT NOT NULL,
    ask_id TEXT,
    text TEXT NOT NULL,
    name TEXT,
    status TEXT NOT NULL,
    answered INTEGER NOT NULL DEFAULT 0,
    rev INTEGER NOT NULL DEFAULT 0,
    asked_at TEXT NOT NULL
  );
  CREATE INDEX floor_questions_session ON floor_questions(session_id);
  CREATE TABLE floor_votes (
    floor_id TEXT NOT NULL REFERENCES floor_questions(id) ON DELETE CASCADE,
    participant_key TEXT NOT NULL,
    PRIMARY KEY (floor_id, participant_key)
  ) WITHOUT ROWID;
  `,
  // The network over time: sessions of the same collaboration network, each one measurement of it.
  `
  CREATE TABLE networks (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
  ALTER TABLE sessions ADD COLUMN network_id TEXT REFERENCES networks(id) ON DELETE SET NULL;
  ALTER TABLE sessions ADD COLUMN measurement INTEGER;
  CREATE INDEX sessions_network ON sessions(network_id, measurement);
  `,
  // Co-facilitators: a revocable link per person, its key kept as a hash.
  `
  CREATE TABLE co_hosts (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    key_hash TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX co_hosts_session ON co_hosts(session_id);
  `,
  // The results page for participants: the last publication of each session (JSON), or NULL.
  `
  ALTER TABLE sessions ADD COLUMN publication TEXT;
  `,
  // From challenges to actions: each session's action plan.
  `
  CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    about TEXT,
    owner TEXT NOT NULL,
    due TEXT NOT NULL,
    from_question_id TEXT,
    from_option_id TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX actions_session ON actions(session_id, position);
  CREATE UNIQUE INDEX actions_source ON actions(session_id, from_question_id, from_option_id) WHERE from_question_id IS NOT NULL;
  `,
];

interface ActionRow {
  id: string;
  session_id: string;
  position: number;
  text: string;
  about: string | null;
  owner: string;
  due: string;
  from_question_id: string | null;
  from_option_id: string | null;
  created_at: string;
}

const toAction = (r: ActionRow): StoredAction => ({
  id: r.id,
  sessionId: r.session_id,
  position: r.position,
  text: r.text,
  about: r.about,
  owner: r.owner,
  due: r.due,
  from: r.from_question_id !== null && r.from_option_id !== null ? { questionId: r.from_question_id, optionId: r.from_option_id } : null,
  createdAt: r.created_at,
});

interface QuestionRow {
  id: string;
  session_id: string;
  position: number;
  kind: string;
  template: string;
  prompt: string | null;
  options: string | null;
  scale: string | null;
  max_choices: number | null;
  status: string;
  results_visible: number;
  round: number;
  is_grouping: number;
  audience: string | null;
  closes_at: string | null;
  timer_seconds: number | null;
  notes: string | null;
  silent: number;
  kept_rounds: string;
  hidden_words: string;
}

/** Own questions have no template; the column is NOT NULL, so they store this marker. */
const NO_TEMPLATE = "custom";

interface SessionRow {
  id: string;
  code: string;
  title: string;
  language: string;
  host_key_hash: string;
  screen_key_hash: string;
  created_at: string;
  active_question_id: string | null;
  split_by: string | null;
  floor: string;
  network_id: string | null;
  measurement: number | null;
  publication: string | null;
}

interface NetworkRow {
  id: string;
  name: string;
  created_at: string;
}

interface FloorQuestionRow {
  id: string;
  session_id: string;
  participant_key: string;
  ask_id: string | null;
  text: string;
  name: string | null;
  status: string;
  answered: number;
  rev: number;
  asked_at: string;
}

function toFloorQuestion(row: FloorQuestionRow): StoredFloorQuestion {
  return {
    id: row.id,
    sessionId: row.session_id,
    participantKey: row.participant_key,
    askId: row.ask_id,
    text: row.text,
    name: row.name,
    status: (FLOOR_STATUSES as readonly string[]).includes(row.status) ? (row.status as FloorStatus) : "hidden",
    answered: row.answered === 1,
    rev: row.rev,
    askedAt: row.asked_at,
  };
}

function toSession(row: SessionRow): StoredSession {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    language: isLanguage(row.language) ? row.language : "nl",
    hostKeyHash: row.host_key_hash,
    screenKeyHash: row.screen_key_hash,
    createdAt: row.created_at,
    activeQuestionId: row.active_question_id,
    splitBy: row.split_by,
    floor: readFloorSettings(row.floor),
    networkId: row.network_id,
    measurement: row.measurement,
    publication: row.publication ? (JSON.parse(row.publication) as StoredPublication) : null,
  };
}

function toQuestion(row: QuestionRow): StoredQuestion {
  return {
    id: row.id,
    sessionId: row.session_id,
    position: row.position,
    kind: (QUESTION_KINDS as readonly string[]).includes(row.kind) ? (row.kind as QuestionKind) : "multiple",
    template: row.template === NO_TEMPLATE ? null : row.template,
    prompt: row.prompt,
    options: row.options ? (JSON.parse(row.options) as StoredOption[]) : null,
    scale: row.scale ? (JSON.parse(row.scale) as ScaleSettings) : null,
    maxChoices: row.max_choices,
    status: row.status === "closed" ? "closed" : "open",
    resultsVisible: row.results_visible === 1,
    round: row.round,
    grouping: row.is_grouping === 1,
    audience: row.audience ? (JSON.parse(row.audience) as Audience) : null,
    closesAt: row.closes_at,
    timerSeconds: row.timer_seconds,
    notes: row.notes,
    silent: row.silent === 1,
    keptRounds: JSON.parse(row.kept_rounds) as number[],
    hiddenWords: JSON.parse(row.hidden_words) as string[],
  };
}

interface BallotRow {
  participant_key: string;
  seq: number;
  option_ids: string;
  vote_id: string | null;
  cast_at: string;
  hidden: number;
}

function toBallot(row: BallotRow): StoredBallot {
  return {
    participantKey: row.participant_key,
    seq: row.seq,
    answer: JSON.parse(row.option_ids) as StoredBallot["answer"],
    voteId: row.vote_id,
    castAt: row.cast_at,
    hidden: row.hidden === 1,
  };
}

const NOT_SAVED: BallotSaved = { saved: false };

/**
 * Result codes (with their extended forms, e.g. SQLITE_IOERR_WRITE) that mean the disk or the file cannot take a
 * write now: full, an I/O error, locked by another process past busy_timeout, read-only for a while (a filesystem
 * remounted read-only, a lock SQLite could not take), out of memory. Nothing was committed, and the same
 * connection writes again once the cause is gone, so the caller may send the same again. SQLITE_READONLY_DBMOVED
 * is not among them: the file was deleted or renamed under the server, and only a restart cures that.
 */
const UNAVAILABLE_CODES = /^SQLITE_(FULL|IOERR|BUSY|READONLY|CANTOPEN|NOMEM|PROTOCOL)(_|$)/;

/** Whether an error of SQLite means "cannot write now, try again" rather than "this statement is wrong". */
export function isUnavailableError(error: unknown): boolean {
  return error instanceof Database.SqliteError && UNAVAILABLE_CODES.test(error.code) && error.code !== "SQLITE_READONLY_DBMOVED";
}

function translate(error: unknown): unknown {
  return isUnavailableError(error) ? new StoreUnavailableError(error) : error;
}

/** A write that shares the batch's commit: a ballot, or a participant's upvote of a question from the floor. */
type QueuedWrite = { kind: "ballot"; ballot: BallotWrite } | { kind: "floor-vote"; vote: FloorVote & { up: boolean } };

interface PendingWrite {
  write: QueuedWrite;
  resolve: (result: BallotSaved | boolean) => void;
  reject: (error: unknown) => void;
}

export interface SqliteStoreOptions {
  path: string;
  synchronous?: SynchronousMode;
  /** How long the first ballot of a batch waits for others to share its commit (see COMMIT_WINDOW_MS). */
  commitWindowMs?: number;
}

/**
 * At most one commit per this many milliseconds. Every commit has a fixed cost (an fsync with synchronous=FULL,
 * the WAL frames of every page it touched, locks): at 1,000 ballots a second from 10,000 participants, a
 * micro-benchmark of this store (its load loop included) spent about 120 µs of CPU per ballot with a 3 ms window
 * (three ballots per commit) and about 85 µs with 10 ms. A ballot arriving more than a window after the last
 * commit is committed at the next turn; ballots that follow within the window share the next commit, at most
 * 10 ms later. The ack still follows the commit. Commands that change where a ballot may be written first
 * commit the ballots that arrived before them.
 */
export const COMMIT_WINDOW_MS = 10;
/** A batch this large is committed at once, without waiting for the window. */
const MAX_BATCH = 512;

/**
 * SQLite through better-sqlite3, in WAL mode. Ballots that arrive within a few milliseconds of each other are
 * written in one transaction (one commit, one fsync with synchronous=FULL) and each caller is resolved after
 * that commit.
 * One process owns the file, so the ballot counter lives in memory.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly shared = false;
  private pending: PendingWrite[] = [];
  private flushTimer: { kind: "timeout"; handle: NodeJS.Timeout } | { kind: "immediate"; handle: NodeJS.Immediate } | undefined;
  private lastFlushAt = -Infinity;
  private readonly commitWindowMs: number;
  /** The highest `seq` given to a ballot write so far. */
  private lastSeq: number;
  private readonly updateStatements = new Map<string, Database.Statement>();
  private readonly statements;

  constructor(options: SqliteStoreOptions) {
    if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
    this.commitWindowMs = options.commitWindowMs ?? COMMIT_WINDOW_MS;
    this.db = new Database(options.path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    // Deleting a session is the facilitator's right to erase: overwrite freed pages instead of leaving the
    // old text readable in the file.
    this.db.pragma("secure_delete = ON");
    this.migrate();
    this.statements = {
      insertSession: this.db.prepare(
        `INSERT INTO sessions (id, code, title, language, host_key_hash, screen_key_hash, created_at, active_question_id, split_by, floor, network_id, measurement)
         VALUES (@id, @code, @title, @language, @hostKeyHash, @screenKeyHash, @createdAt, @activeQuestionId, @splitBy, @floor, @networkId, @measurement)`,
      ),
      insertQuestion: this.db.prepare(
        `INSERT INTO questions (id, session_id, position, kind, template, prompt, options, scale, max_choices, status, results_visible, round, is_grouping, audience, closes_at, timer_seconds, notes, silent, kept_rounds, hidden_words)
         VALUES (@id, @sessionId, @position, @kind, @template, @prompt, @options, @scale, @maxChoices, @status, @resultsVisible, @round, @grouping, @audience, @closesAt, @timerSeconds, @notes, @silent, @keptRounds, @hiddenWords)`,
      ),
      setActive: this.db.prepare(`UPDATE sessions SET active_question_id = ? WHERE id = ?`),
      setTitle: this.db.prepare(`UPDATE sessions SET title = ? WHERE id = ?`),
      setSplitBy: this.db.prepare(`UPDATE sessions SET split_by = ? WHERE id = ?`),
      setFloor: this.db.prepare(`UPDATE sessions SET floor = ? WHERE id = ?`),
      setPublication: this.db.prepare(`UPDATE sessions SET publication = ? WHERE id = ?`),
      actions: this.db.prepare<[string], ActionRow>(`SELECT * FROM actions WHERE session_id = ? ORDER BY position, id`),
      action: this.db.prepare<[string, string], ActionRow>(`SELECT * FROM actions WHERE id = ? AND session_id = ?`),
      insertAction: this.db.prepare(
        `INSERT INTO actions (id, session_id, position, text, about, owner, due, from_question_id, from_option_id, created_at)
         VALUES (@id, @sessionId, (SELECT COALESCE(MAX(position), -1) + 1 FROM actions WHERE session_id = @sessionId), @text, @about, @owner, @due, @fromQuestionId, @fromOptionId, @createdAt)`,
      ),
      actionCount: this.db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM actions WHERE session_id = ?`),
      actionFrom: this.db.prepare<[string, string, string], ActionRow>(`SELECT * FROM actions WHERE session_id = ? AND from_question_id = ? AND from_option_id = ?`),
      sessionExists: this.db.prepare<[string], { id: string }>(`SELECT id FROM sessions WHERE id = ?`),
      updateAction: this.db.prepare(
        `UPDATE actions SET text = COALESCE(@text, text), owner = COALESCE(@owner, owner), due = COALESCE(@due, due),
         about = CASE WHEN @setAbout THEN @about ELSE about END WHERE id = @id AND session_id = @sessionId`,
      ),
      deleteAction: this.db.prepare(`DELETE FROM actions WHERE id = ? AND session_id = ?`),
      insertCoHost: this.db.prepare(
        `INSERT INTO co_hosts (id, session_id, key_hash, label, created_at, revoked_at) VALUES (@id, @sessionId, @keyHash, @label, @createdAt, @revokedAt)`,
      ),
      coHosts: this.db.prepare<[string], { id: string; session_id: string; key_hash: string; label: string; created_at: string; revoked_at: string | null }>(
        `SELECT * FROM co_hosts WHERE session_id = ? ORDER BY created_at, id`,
      ),
      revokeCoHost: this.db.prepare(`UPDATE co_hosts SET revoked_at = @at WHERE id = @id AND session_id = @sessionId AND revoked_at IS NULL`),
      insertNetwork: this.db.prepare(`INSERT INTO networks (id, name, created_at) VALUES (@id, @name, @createdAt)`),
      networkById: this.db.prepare<[string], NetworkRow>(`SELECT * FROM networks WHERE id = ?`),
      setNetwork: this.db.prepare(`UPDATE sessions SET network_id = @networkId, measurement = @measurement WHERE id = @sessionId`),
      networkSessions: this.db.prepare<[string], SessionRow>(
        `SELECT * FROM sessions WHERE network_id = ? ORDER BY measurement NULLS LAST, created_at, id`,
      ),
      // Only a network without a session: one that still has one keeps it.
      deleteEmptyNetwork: this.db.prepare(`DELETE FROM networks WHERE id = ? AND NOT EXISTS (SELECT 1 FROM sessions WHERE network_id = networks.id)`),
      // A network emptied earlier (its sessions taken out, not deleted) goes once it is older than the cutoff.
      deleteOldEmptyNetworks: this.db.prepare(
        `DELETE FROM networks WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM sessions WHERE network_id = networks.id)`,
      ),
      floorQuestions: this.db.prepare<[string], FloorQuestionRow>(`SELECT * FROM floor_questions WHERE session_id = ? ORDER BY asked_at, id`),
      floorVotes: this.db.prepare<[string], { floor_id: string; participant_key: string }>(
        `SELECT v.floor_id, v.participant_key FROM floor_votes v JOIN floor_questions f ON f.id = v.floor_id WHERE f.session_id = ?`,
      ),
      insertFloorQuestion: this.db.prepare(
        `INSERT INTO floor_questions (id, session_id, participant_key, ask_id, text, name, status, answered, rev, asked_at)
         VALUES (@id, @sessionId, @participantKey, @askId, @text, @name, @status, @answered, @rev, @askedAt)`,
      ),
      updateFloorQuestion: this.db.prepare<{ id: string; status: string | null; answered: number | null }, { rev: number }>(
        `UPDATE floor_questions SET status = coalesce(@status, status), answered = coalesce(@answered, answered), rev = rev + 1
         WHERE id = @id RETURNING rev`,
      ),
      // An upvote counts only while, in the store itself, its question is shown; a second one is the same row.
      addFloorVote: this.db.prepare(
        `INSERT INTO floor_votes (floor_id, participant_key)
         SELECT @floorId, @participantKey WHERE EXISTS (SELECT 1 FROM floor_questions WHERE id = @floorId AND status = 'shown')
         ON CONFLICT DO NOTHING`,
      ),
      removeFloorVote: this.db.prepare(
        `DELETE FROM floor_votes WHERE floor_id = @floorId AND participant_key = @participantKey
           AND EXISTS (SELECT 1 FROM floor_questions WHERE id = @floorId AND status = 'shown')`,
      ),
      floorShown: this.db.prepare<[string], { shown: number }>(`SELECT 1 AS shown FROM floor_questions WHERE id = ? AND status = 'shown'`),
      floorChecksum: this.db.prepare<{ sessionId: string }, FloorChecksum>(
        `SELECT count(*) AS questions, coalesce(sum(rev), 0) AS revSum,
           (SELECT count(*) FROM floor_votes v JOIN floor_questions f ON f.id = v.floor_id WHERE f.session_id = @sessionId) AS votes
         FROM floor_questions WHERE session_id = @sessionId`,
      ),
      setPosition: this.db.prepare(`UPDATE questions SET position = ? WHERE id = ?`),
      deleteQuestion: this.db.prepare(`DELETE FROM questions WHERE id = ?`),
      setHidden: this.db.prepare(
        `UPDATE ballots SET hidden = @hidden, seq = @seq WHERE question_id = @questionId AND round = @round AND participant_key = @participantKey`,
      ),
      sessionById: this.db.prepare<[string], SessionRow>(`SELECT * FROM sessions WHERE id = ?`),
      sessionByCode: this.db.prepare<[string], SessionRow>(`SELECT * FROM sessions WHERE code = ?`),
      questions: this.db.prepare<[string], QuestionRow>(
        `SELECT * FROM questions WHERE session_id = ? ORDER BY position`,
      ),
      // Written only while the question is open, in that round, the session's active question and before its
      // countdown's deadline (@now: when the batch commits), checked in the same statement so the rule holds whatever the caller believed. A changed answer is a new answer: it goes
      // back on the screen until the facilitator hides it again; the same answer sent again keeps its moderation.
      upsertBallot: this.db.prepare(
        `INSERT INTO ballots (question_id, round, participant_key, option_ids, vote_id, cast_at, seq)
         SELECT @questionId, @round, @participantKey, @answer, @voteId, @castAt, @seq
         WHERE EXISTS (
           SELECT 1 FROM questions q JOIN sessions s ON s.id = q.session_id
           WHERE q.id = @questionId AND q.round = @round AND q.status = 'open' AND s.active_question_id = q.id
             AND (q.closes_at IS NULL OR q.closes_at > @now)
         )
         ON CONFLICT (question_id, round, participant_key)
         DO UPDATE SET option_ids = excluded.option_ids, vote_id = excluded.vote_id, cast_at = excluded.cast_at,
           seq = excluded.seq,
           hidden = CASE WHEN ballots.option_ids = excluded.option_ids THEN ballots.hidden ELSE 0 END
         RETURNING hidden`,
      ),
      ballots: this.db.prepare<[string, number], BallotRow>(
        `SELECT participant_key, seq, option_ids, vote_id, cast_at, hidden FROM ballots
         WHERE question_id = ? AND round = ? ORDER BY cast_at, participant_key`,
      ),
      ballot: this.db.prepare<[string, number, string], BallotRow>(
        `SELECT participant_key, seq, option_ids, vote_id, cast_at, hidden FROM ballots
         WHERE question_id = ? AND round = ? AND participant_key = ?`,
      ),
      checksum: this.db.prepare<[string, number, number], { count: number; seqSum: number }>(
        `SELECT count(*) AS count, coalesce(sum(seq), 0) AS seqSum FROM ballots WHERE question_id = ? AND round = ? AND seq <= ?`,
      ),
      maxSeq: this.db.prepare<[], { maxSeq: number }>(`SELECT coalesce(max(seq), 0) AS maxSeq FROM ballots`),
      deleteSession: this.db.prepare<[string], { network_id: string | null }>(`DELETE FROM sessions WHERE id = ? RETURNING network_id`),
      oldSessions: this.db.prepare<[string], { id: string }>(`SELECT id FROM sessions WHERE created_at < ?`),
      getMeta: this.db.prepare<[string], { value: Buffer }>(`SELECT value FROM meta WHERE key = ?`),
      setMeta: this.db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`),
      probe: this.db.prepare(`INSERT INTO meta (key, value) VALUES ('ready_probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    };
    this.lastSeq = this.statements.maxSeq.get()?.maxSeq ?? 0;
  }

  private migrate(): void {
    const version = this.db.pragma("user_version", { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v] ?? "");
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  /**
   * Run writes in one transaction and return once it is committed. A lone statement in autocommit is not enough:
   * better-sqlite3's .get() reads the first row of an INSERT … RETURNING and resets the statement without
   * reporting that the commit at that reset failed (SQLITE_FULL), which acknowledged ballots a full disk never
   * held; the COMMIT of db.transaction() throws. Disk and I/O errors become StoreUnavailableError.
   */
  private write<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      throw translate(error);
    }
  }

  private questionRow(q: StoredQuestion) {
    return {
      ...q,
      template: q.template ?? NO_TEMPLATE,
      options: q.options ? JSON.stringify(q.options) : null,
      scale: q.scale ? JSON.stringify(q.scale) : null,
      resultsVisible: q.resultsVisible ? 1 : 0,
      grouping: q.grouping ? 1 : 0,
      silent: q.silent ? 1 : 0,
      keptRounds: JSON.stringify(q.keptRounds),
      hiddenWords: JSON.stringify(q.hiddenWords),
      audience: q.audience ? JSON.stringify(q.audience) : null,
    };
  }

  async createSession(session: StoredSession, questions: readonly StoredQuestion[]): Promise<void> {
    try {
      this.write(() => {
        // The active question refers to a question inserted below.
        this.statements.insertSession.run({ ...session, activeQuestionId: null, floor: JSON.stringify(session.floor) });
        for (const q of questions) this.statements.insertQuestion.run(this.questionRow(q));
        this.statements.setActive.run(session.activeQuestionId, session.id);
      });
    } catch (error) {
      // Only the code's own constraint: a duplicate session id is a bug to report, not a code to draw again.
      if (error instanceof Database.SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE" && error.message.includes("sessions.code")) {
        throw new JoinCodeTakenError(session.code);
      }
      throw error;
    }
  }

  async setActiveQuestion(sessionId: string, questionId: string | null): Promise<void> {
    // Ballots checked while their question was active are written before it stops being so (see flushBallots).
    this.flushBallots();
    this.write(() => this.statements.setActive.run(questionId, sessionId));
  }

  async setSessionTitle(sessionId: string, title: string): Promise<void> {
    this.write(() => this.statements.setTitle.run(title, sessionId));
  }

  async setSplitBy(sessionId: string, questionId: string | null): Promise<void> {
    this.write(() => this.statements.setSplitBy.run(questionId, sessionId));
  }

  async insertQuestion(question: StoredQuestion): Promise<void> {
    this.write(() => this.statements.insertQuestion.run(this.questionRow(question)));
  }

  async setPositions(positions: readonly { id: string; position: number }[]): Promise<void> {
    this.write(() => positions.forEach((p) => this.statements.setPosition.run(p.position, p.id)));
  }

  async deleteQuestion(questionId: string): Promise<void> {
    this.flushBallots();
    this.write(() => this.statements.deleteQuestion.run(questionId));
  }

  async setBallotHidden(questionId: string, round: number, participantKey: string, hidden: boolean): Promise<number | undefined> {
    // A ballot that arrived before the command is written first, so the flag applies to it and is numbered after.
    this.flushBallots();
    const seq = this.lastSeq + 1;
    const { changes } = this.write(() => this.statements.setHidden.run({ hidden: hidden ? 1 : 0, seq, questionId, round, participantKey }));
    if (changes === 0) return undefined;
    this.lastSeq = seq;
    return seq;
  }

  async findSessionById(id: string): Promise<StoredSession | undefined> {
    const row = this.statements.sessionById.get(id);
    return row ? toSession(row) : undefined;
  }

  async findSessionByCode(code: string): Promise<StoredSession | undefined> {
    const row = this.statements.sessionByCode.get(code);
    return row ? toSession(row) : undefined;
  }

  async listQuestions(sessionId: string): Promise<StoredQuestion[]> {
    return this.statements.questions.all(sessionId).map(toQuestion);
  }

  async updateQuestion(questionId: string, patch: QuestionPatch): Promise<void> {
    // A ballot checked while the question was open is written before a close or reset: waiting for the commit
    // window must not turn an on-time vote into a refused one.
    this.flushBallots();
    const columns: Record<string, unknown> = {};
    if (patch.status !== undefined) columns.status = patch.status;
    if (patch.resultsVisible !== undefined) columns.results_visible = patch.resultsVisible ? 1 : 0;
    if (patch.round !== undefined) columns.round = patch.round;
    if (patch.maxChoices !== undefined) columns.max_choices = patch.maxChoices;
    if (patch.position !== undefined) columns.position = patch.position;
    if (patch.kind !== undefined) columns.kind = patch.kind;
    if (patch.prompt !== undefined) columns.prompt = patch.prompt;
    if (patch.template !== undefined) columns.template = patch.template ?? NO_TEMPLATE;
    if (patch.options !== undefined) columns.options = patch.options ? JSON.stringify(patch.options) : null;
    if (patch.scale !== undefined) columns.scale = patch.scale ? JSON.stringify(patch.scale) : null;
    if (patch.grouping !== undefined) columns.is_grouping = patch.grouping ? 1 : 0;
    if (patch.audience !== undefined) columns.audience = patch.audience ? JSON.stringify(patch.audience) : null;
    if (patch.closesAt !== undefined) columns.closes_at = patch.closesAt;
    if (patch.timerSeconds !== undefined) columns.timer_seconds = patch.timerSeconds;
    if (patch.notes !== undefined) columns.notes = patch.notes;
    if (patch.silent !== undefined) columns.silent = patch.silent ? 1 : 0;
    if (patch.keptRounds !== undefined) columns.kept_rounds = JSON.stringify(patch.keptRounds);
    if (patch.hiddenWords !== undefined) columns.hidden_words = JSON.stringify(patch.hiddenWords);
    // Column names come from the fixed list above, never from input.
    const sets = Object.keys(columns).map((c) => `${c} = @${c}`);
    const values = { ...columns, id: questionId };
    if (sets.length === 0) return;
    const sql = `UPDATE questions SET ${sets.join(", ")} WHERE id = @id`;
    let statement = this.updateStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.updateStatements.set(sql, statement);
    }
    this.write(() => statement.run(values));
  }

  saveBallot(ballot: BallotWrite): Promise<BallotSaved> {
    return this.enqueue({ kind: "ballot", ballot }) as Promise<BallotSaved>;
  }

  /** Upvotes come in bursts like ballots (a whole hall taps at once): they share the ballots' commits. */
  saveFloorVote(vote: FloorVote & { up: boolean }): Promise<boolean> {
    return this.enqueue({ kind: "floor-vote", vote }) as Promise<boolean>;
  }

  private enqueue(write: QueuedWrite): Promise<BallotSaved | boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      if (this.flushTimer !== undefined && this.pending.length < MAX_BATCH) return;
      this.cancelFlush();
      const wait = this.lastFlushAt + this.commitWindowMs - performance.now();
      this.flushTimer =
        wait <= 0 || this.pending.length >= MAX_BATCH
          ? { kind: "immediate", handle: setImmediate(() => this.flushBallots()) }
          : { kind: "timeout", handle: setTimeout(() => this.flushBallots(), wait) };
    });
  }

  private cancelFlush(): void {
    if (this.flushTimer === undefined) return;
    if (this.flushTimer.kind === "timeout") clearTimeout(this.flushTimer.handle);
    else clearImmediate(this.flushTimer.handle);
    this.flushTimer = undefined;
  }

  private flushBallots(): void {
    this.cancelFlush();
    this.lastFlushAt = performance.now();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    let results: (BallotSaved | boolean)[];
    try {
      results = this.writeBallots(batch.map((p) => p.write));
    } catch (error) {
      // Nothing can be written while the disk is full: every caller hears so and sends the same again.
      if (error instanceof StoreUnavailableError || batch.length === 1) {
        for (const p of batch) p.reject(error);
        return;
      }
      // One bad write must not fail the others that shared its transaction: retry them one by one, each in a
      // transaction of its own.
      for (const p of batch) {
        try {
          p.resolve(this.writeBallots([p.write])[0] ?? NOT_SAVED);
        } catch (error) {
          p.reject(error);
        }
      }
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i] ?? NOT_SAVED));
  }

  /** Write ballots (and upvotes) in one transaction; a transaction that did not commit gives its numbers out again. */
  private writeBallots(writes: readonly QueuedWrite[]): (BallotSaved | boolean)[] {
    const lastSeq = this.lastSeq;
    try {
      // One time for the batch, taken as it is written: a ballot committed after a countdown's deadline is refused.
      const now = new Date().toISOString();
      return this.write(() => writes.map((w) => (w.kind === "ballot" ? this.writeBallot(w.ballot, now) : this.writeFloorVote(w.vote))));
    } catch (error) {
      this.lastSeq = lastSeq;
      throw error;
    }
  }

  /** The counter moves only for a written row. Only inside a transaction (see write()). */
  private writeBallot(b: BallotWrite, now: string): BallotSaved {
    const seq = this.lastSeq + 1;
    const [row] = this.statements.upsertBallot.all({
      questionId: b.questionId,
      round: b.round,
      participantKey: b.participantKey,
      answer: JSON.stringify(b.answer),
      voteId: b.voteId,
      castAt: b.castAt,
      seq,
      now,
    }) as { hidden: number }[];
    if (!row) return NOT_SAVED;
    this.lastSeq = seq;
    return { saved: true, seq, hidden: row.hidden === 1 };
  }

  /** Only inside a transaction (see write()): true when the question is shown, so the upvote is (or already was) as asked. */
  private writeFloorVote(vote: FloorVote & { up: boolean }): boolean {
    const params = { floorId: vote.floorId, participantKey: vote.participantKey };
    (vote.up ? this.statements.addFloorVote : this.statements.removeFloorVote).run(params);
    return this.statements.floorShown.get(vote.floorId) !== undefined;
  }

  async createNetwork(network: StoredNetwork): Promise<void> {
    this.write(() => this.statements.insertNetwork.run(network));
  }

  async findNetwork(id: string): Promise<StoredNetwork | undefined> {
    const row = this.statements.networkById.get(id);
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : undefined;
  }

  async setSessionNetwork(sessionId: string, networkId: string | null, measurement: number | null): Promise<void> {
    this.write(() => this.statements.setNetwork.run({ sessionId, networkId, measurement }));
  }

  async listNetworkSessions(networkId: string): Promise<StoredSession[]> {
    return this.statements.networkSessions.all(networkId).map(toSession);
  }

  async setPublication(sessionId: string, publication: StoredPublication): Promise<void> {
    this.write(() => this.statements.setPublication.run(JSON.stringify(publication), sessionId));
  }

  async listActions(sessionId: string): Promise<StoredAction[]> {
    return this.statements.actions.all(sessionId).map(toAction);
  }

  async insertAction(action: Omit<StoredAction, "position">, limit: number): Promise<ActionInsert> {
    return this.write((): ActionInsert => {
      if (!this.statements.sessionExists.get(action.sessionId)) return { refused: "no_session" };
      const existing = action.from && this.statements.actionFrom.get(action.sessionId, action.from.questionId, action.from.optionId);
      if (existing) return { existing: toAction(existing) };
      if ((this.statements.actionCount.get(action.sessionId)?.n ?? 0) >= limit) return { refused: "full" };
      const { from, ...fields } = action;
      this.statements.insertAction.run({ ...fields, fromQuestionId: from?.questionId ?? null, fromOptionId: from?.optionId ?? null });
      return { inserted: toAction(this.statements.action.get(action.id, action.sessionId) as ActionRow) };
    });
  }

  async updateAction(sessionId: string, actionId: string, patch: ActionPatch): Promise<StoredAction | undefined> {
    return this.write(() => {
      const changed = this.statements.updateAction.run({
        id: actionId,
        sessionId,
        text: patch.text ?? null,
        owner: patch.owner ?? null,
        due: patch.due ?? null,
        setAbout: patch.about !== undefined ? 1 : 0,
        about: patch.about ?? null,
      }).changes;
      const row = changed === 1 ? this.statements.action.get(actionId, sessionId) : undefined;
      return row && toAction(row);
    });
  }

  async deleteAction(sessionId: string, actionId: string): Promise<boolean> {
    return this.write(() => this.statements.deleteAction.run(actionId, sessionId)).changes === 1;
  }

  async createCoHost(coHost: StoredCoHost): Promise<void> {
    this.write(() => this.statements.insertCoHost.run(coHost));
  }

  async listCoHosts(sessionId: string): Promise<StoredCoHost[]> {
    return this.statements.coHosts.all(sessionId).map((r) => ({ id: r.id, sessionId: r.session_id, keyHash: r.key_hash, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at }));
  }

  async revokeCoHost(sessionId: string, coHostId: string, at: string): Promise<boolean> {
    return this.write(() => this.statements.revokeCoHost.run({ id: coHostId, sessionId, at })).changes === 1;
  }

  async setFloorSettings(sessionId: string, settings: FloorSettings): Promise<void> {
    this.write(() => this.statements.setFloor.run(JSON.stringify(settings), sessionId));
  }

  async listFloor(sessionId: string): Promise<{ questions: StoredFloorQuestion[]; votes: FloorVote[] }> {
    return {
      questions: this.statements.floorQuestions.all(sessionId).map(toFloorQuestion),
      votes: this.statements.floorVotes.all(sessionId).map((v) => ({ floorId: v.floor_id, participantKey: v.participant_key })),
    };
  }

  async insertFloorQuestion(question: StoredFloorQuestion): Promise<void> {
    this.write(() => this.statements.insertFloorQuestion.run({ ...question, answered: question.answered ? 1 : 0 }));
  }

  async updateFloorQuestion(floorId: string, patch: Partial<Pick<StoredFloorQuestion, "status" | "answered">>): Promise<number | undefined> {
    // Upvotes that arrived before a hide are written first, while the question was still shown.
    this.flushBallots();
    const answered = patch.answered === undefined ? null : patch.answered ? 1 : 0;
    return this.write(() => this.statements.updateFloorQuestion.get({ id: floorId, status: patch.status ?? null, answered }))?.rev;
  }

  async floorChecksum(sessionId: string): Promise<FloorChecksum> {
    const row = this.statements.floorChecksum.get({ sessionId });
    return { questions: row?.questions ?? 0, votes: row?.votes ?? 0, revSum: row?.revSum ?? 0 };
  }

  async listBallots(questionId: string, round: number): Promise<StoredBallot[]> {
    return this.statements.ballots.all(questionId, round).map(toBallot);
  }

  async findBallot(questionId: string, round: number, participantKey: string): Promise<StoredBallot | undefined> {
    const row = this.statements.ballot.get(questionId, round, participantKey);
    return row ? toBallot(row) : undefined;
  }

  async ballotChecksum(questionId: string, round: number, upToSeq = Number.MAX_SAFE_INTEGER): Promise<BallotChecksum> {
    const row = this.statements.checksum.get(questionId, round, upToSeq);
    return { count: row?.count ?? 0, seqSum: row?.seqSum ?? 0 };
  }

  async deleteSession(sessionId: string): Promise<void> {
    // Ballots still waiting in the batch must not recreate rows of a deleted session.
    this.flushBallots();
    this.write(() => this.deleteSessionRow(sessionId));
    this.checkpoint();
  }

  async deleteSessionsCreatedBefore(cutoff: string): Promise<string[]> {
    this.flushBallots();
    const deleted = this.write(() => {
      const ids = this.statements.oldSessions.all(cutoff).map((r) => r.id);
      for (const id of ids) this.deleteSessionRow(id);
      return { ids, networks: this.statements.deleteOldEmptyNetworks.run(cutoff).changes };
    });
    if (deleted.ids.length > 0 || deleted.networks > 0) this.checkpoint();
    return deleted.ids;
  }

  /** Delete a session, and its network when this was the network's last session. Only inside a transaction (see write()). */
  private deleteSessionRow(sessionId: string): void {
    const networkId = this.statements.deleteSession.get(sessionId)?.network_id;
    if (networkId) this.statements.deleteEmptyNetwork.run(networkId);
  }

  /**
   * Old page images of deleted rows also sit in the WAL until a checkpoint: write them back and empty it. When
   * that fails (a full disk cannot take the pages the file grows by) the deletion is committed but its old text
   * is not yet erased, so the caller hears StoreUnavailableError instead of a success; deleting again checkpoints.
   */
  private checkpoint(): void {
    try {
      this.db.pragma("wal_checkpoint(TRUNCATE)");
    } catch (error) {
      throw translate(error);
    }
  }

  async secret(): Promise<Buffer> {
    const row = this.statements.getMeta.get("participant_secret");
    if (row) return row.value;
    const value = randomBytes(32);
    this.write(() => this.statements.setMeta.run("participant_secret", value));
    return value;
  }

  /**
   * A small write, committed: readiness means the store can commit now, which a read cannot tell (a full disk
   * reads fine). A remembered last failure would be cheaper but stays "not ready" until a write comes, and a
   * load balancer sends none to a node it took out. Each check is one short transaction (one fsync with
   * synchronous=FULL), far below what ballots cost.
   */
  async checkReady(): Promise<void> {
    if (!this.db.open) throw new StoreUnavailableError(new Error("the database is closed"));
    this.write(() => this.statements.probe.run(Buffer.from(new Date().toISOString())));
  }

  async close(): Promise<void> {
    if (this.pending.length > 0) this.flushBallots();
    if (this.db.open) this.db.close();
  }
}
