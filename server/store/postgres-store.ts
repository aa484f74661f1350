/** The store on PostgreSQL, shared by several nodes: ballots batched per commit, conditional writes, migrations. */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { PoolClient, QueryConfig, QueryResultRow } from "pg";
import { isLanguage } from "../../lib/i18n";
import { FLOOR_STATUSES, QUESTION_KINDS, type Audience, type FloorSettings, type FloorStatus, type QuestionKind } from "../../lib/protocol";
import { readFloorSettings } from "./floor-settings";
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

/**
 * Schema versions, applied in order at start; `schema_migrations` records which are in. Tables and column names
 * are those of the SQLite file, so the two stores read alike; JSON columns are jsonb, times timestamptz.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE SEQUENCE ballot_seq;
  CREATE TABLE meta (key text PRIMARY KEY, value bytea NOT NULL);
  CREATE TABLE sessions (
    id text PRIMARY KEY,
    code text NOT NULL CONSTRAINT sessions_code_key UNIQUE,
    title text NOT NULL,
    language text NOT NULL,
    host_key_hash text NOT NULL,
    screen_key_hash text NOT NULL,
    created_at timestamptz NOT NULL,
    active_question_id text
  );
  CREATE INDEX sessions_created_at ON sessions (created_at);
  CREATE TABLE questions (
    id text PRIMARY KEY,
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position integer NOT NULL,
    kind text NOT NULL,
    template text NOT NULL,
    prompt text,
    options jsonb,
    scale jsonb,
    max_choices integer,
    status text NOT NULL,
    results_visible boolean NOT NULL,
    round integer NOT NULL DEFAULT 1
  );
  CREATE INDEX questions_session ON questions (session_id, position);
  CREATE TABLE ballots (
    question_id text NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    round integer NOT NULL,
    participant_key text NOT NULL,
    option_ids jsonb NOT NULL,
    vote_id text,
    cast_at timestamptz NOT NULL,
    hidden boolean NOT NULL DEFAULT false,
    seq bigint NOT NULL DEFAULT nextval('ballot_seq'),
    PRIMARY KEY (question_id, round, participant_key)
  );
  `,
  // Groups: a single choice can sort the room (a role, a sector), a question can be asked of some groups only,
  // and a session's results can be split by a grouping question.
  `
  ALTER TABLE questions ADD COLUMN is_grouping boolean NOT NULL DEFAULT false, ADD COLUMN audience jsonb;
  ALTER TABLE sessions ADD COLUMN split_by text;
  `,
  // The presenter's tools: a countdown (voting closes at closes_at), notes, the silent vote, and rounds kept by a
  // vote again.
  `
  ALTER TABLE questions ADD COLUMN closes_at timestamptz, ADD COLUMN timer_seconds integer, ADD COLUMN notes text,
    ADD COLUMN silent boolean NOT NULL DEFAULT false, ADD COLUMN kept_rounds jsonb NOT NULL DEFAULT '[]';
  `,
  // Word clouds: the words the facilitator took off the screens (their keys).
  `
  ALTER TABLE questions ADD COLUMN hidden_words jsonb NOT NULL DEFAULT '[]';
  `,
  // Questions from the floor: the session's settings ('{}' reads as FLOOR_CLOSED), the questions, and one row per
  // participant's upvote.
  `
  ALTER TABLE sessions ADD COLUMN floor jsonb NOT NULL DEFAULT '{}';
  CREATE TABLE floor_questions (
    id text PRIMARY KEY,
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    participant_key text NOT NULL,
    ask_id text,
    text text NOT NULL,
    name text,
    status text NOT NULL,
    answered boolean NOT NULL DEFAULT false,
    rev integer NOT NULL DEFAULT 0,
    asked_at timestamptz NOT NULL
  );
  CREATE INDEX floor_questions_session ON floor_questions (session_id);
  CREATE TABLE floor_votes (
    floor_id text NOT NULL REFERENCES floor_questions (id) ON DELETE CASCADE,
    participant_key text NOT NULL,
    PRIMARY KEY (floor_id, participant_key)
  );
  `,
  // The network over time: sessions of the same collaboration network, each one measurement of it.
  `
  CREATE TABLE networks (id text PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL);
  ALTER TABLE sessions ADD COLUMN network_id text REFERENCES networks (id) ON DELETE SET NULL, ADD COLUMN measurement integer;
  CREATE INDEX sessions_network ON sessions (network_id, measurement);
  `,
  // Co-facilitators: a revocable link per person, its key kept as a hash.
  `
  CREATE TABLE co_hosts (
    id text PRIMARY KEY,
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    key_hash text NOT NULL,
    label text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
  );
  CREATE INDEX co_hosts_session ON co_hosts (session_id);
  `,
  // The results page for participants: the last publication of each session, or NULL.
  `
  ALTER TABLE sessions ADD COLUMN publication jsonb;
  `,
  // From challenges to actions: each session's action plan.
  `
  CREATE TABLE actions (
    id text PRIMARY KEY,
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position integer NOT NULL,
    text text NOT NULL,
    about text,
    owner text NOT NULL,
    due date NOT NULL,
    from_question_id text,
    from_option_id text,
    created_at timestamptz NOT NULL
  );
  CREATE INDEX actions_session ON actions (session_id, position);
  CREATE UNIQUE INDEX actions_source ON actions (session_id, from_question_id, from_option_id) WHERE from_question_id IS NOT NULL;
  `,
];

const ACTION_COLUMNS = `id, session_id, position, text, about, owner, to_char(due, 'YYYY-MM-DD') AS due, from_question_id, from_option_id, created_at`;

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
  created_at: Date;
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
  createdAt: r.created_at.toISOString(),
});

/** pg_advisory_xact_lock key of this app's migrations ("tafr"): nodes starting together migrate one after another. */
const MIGRATION_LOCK = 0x74616672;

/** Own questions have no template; the column is NOT NULL (as in SQLite), so they store this marker. */
const NO_TEMPLATE = "custom";

const SECRET_KEY = "participant_secret";

/** A vote during an outage fails after this long instead of waiting for PostgreSQL to come back. */
const CONNECT_TIMEOUT_MS = 2_000;

/** Deadlocks and serialization failures are PostgreSQL's "try again"; a batch of ballots is safe to repeat. */
const RETRYABLE = new Set(["40P01", "40001"]);
const RETRIES = 3;

/** SQLSTATEs of a server shutting down, crashing, starting up, or out of connection slots. */
const CONNECTION_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const CONNECTION_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Query read timeout/i;

/** Whether an error of pg means "PostgreSQL is not reachable now" rather than "this statement is wrong". */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_ERRNOS.has(code) || CONNECTION_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
    return true;
  }
  if (CONNECTION_MESSAGES.test(error.message)) return true;
  // Node reports a refused connection to every address of a host as one AggregateError.
  return error instanceof AggregateError && error.errors.some(isConnectionError);
}

/** How long one query may take before the store reports the database as unreachable. */
const QUERY_TIMEOUT_MS = 15_000;

/**
 * SQLSTATEs of a server that is reached but cannot write now: disk full, out of memory, an I/O error, and a
 * read-only server (a standby a failover left this node on). Nothing was committed, and the same write succeeds
 * once the cause is gone.
 */
const UNWRITABLE_SQLSTATES = new Set(["53100", "53200", "58030", "25006"]);

/** Whether an error of pg means "cannot take this now, send the same again": an outage or a server that cannot write. */
export function isUnavailableError(error: unknown): boolean {
  return isConnectionError(error) || (error instanceof Error && UNWRITABLE_SQLSTATES.has(sqlState(error) ?? ""));
}

function translate(error: unknown): unknown {
  return isUnavailableError(error) ? new StoreUnavailableError(error) : error;
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

interface SessionRow {
  id: string;
  code: string;
  title: string;
  language: string;
  host_key_hash: string;
  screen_key_hash: string;
  created_at: Date;
  active_question_id: string | null;
  split_by: string | null;
  /** jsonb arrives parsed. */
  floor: unknown;
  network_id: string | null;
  /** jsonb arrives parsed; NULL when never published. */
  publication: StoredPublication | null;
  measurement: number | null;
}

interface NetworkRow {
  id: string;
  name: string;
  created_at: Date;
}

interface FloorQuestionRow {
  id: string;
  session_id: string;
  participant_key: string;
  ask_id: string | null;
  text: string;
  name: string | null;
  status: string;
  answered: boolean;
  rev: number;
  asked_at: Date;
  /** Participant keys of the question's upvotes. */
  voters: string[];
}

interface QuestionRow {
  id: string;
  session_id: string;
  position: number;
  kind: string;
  template: string;
  prompt: string | null;
  options: StoredOption[] | null;
  scale: StoredQuestion["scale"];
  max_choices: number | null;
  status: string;
  results_visible: boolean;
  round: number;
  is_grouping: boolean;
  audience: Audience | null;
  closes_at: Date | null;
  timer_seconds: number | null;
  notes: string | null;
  silent: boolean;
  kept_rounds: number[];
  hidden_words: string[];
}

interface BallotRow {
  participant_key: string;
  /** bigint arrives as text. */
  seq: string;
  option_ids: StoredBallot["answer"];
  vote_id: string | null;
  cast_at: Date;
  hidden: boolean;
}

function toSession(row: SessionRow): StoredSession {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    language: isLanguage(row.language) ? row.language : "nl",
    hostKeyHash: row.host_key_hash,
    screenKeyHash: row.screen_key_hash,
    createdAt: row.created_at.toISOString(),
    activeQuestionId: row.active_question_id,
    splitBy: row.split_by,
    floor: readFloorSettings(row.floor),
    networkId: row.network_id,
    publication: row.publication ?? null,
    measurement: row.measurement,
  };
}

function toFloorQuestion(row: FloorQuestionRow): StoredFloorQuestion {
  return {
    id: row.id,
    sessionId: row.session_id,
    participantKey: row.participant_key,
    askId: row.ask_id,
    text: row.text,
    name: row.name,
    // A status this version does not know is shown to no one.
    status: (FLOOR_STATUSES as readonly string[]).includes(row.status) ? (row.status as FloorStatus) : "hidden",
    answered: row.answered,
    rev: row.rev,
    askedAt: row.asked_at.toISOString(),
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
    options: row.options,
    scale: row.scale,
    maxChoices: row.max_choices,
    status: row.status === "closed" ? "closed" : "open",
    resultsVisible: row.results_visible,
    round: row.round,
    grouping: row.is_grouping,
    audience: row.audience,
    closesAt: row.closes_at ? row.closes_at.toISOString() : null,
    timerSeconds: row.timer_seconds,
    notes: row.notes,
    silent: row.silent,
    keptRounds: row.kept_rounds,
    hiddenWords: row.hidden_words,
  };
}

function toBallot(row: BallotRow): StoredBallot {
  return {
    participantKey: row.participant_key,
    seq: Number(row.seq),
    answer: row.option_ids,
    voteId: row.vote_id,
    castAt: row.cast_at.toISOString(),
    hidden: row.hidden,
  };
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const SESSION_COLUMNS = "id, code, title, language, host_key_hash, screen_key_hash, created_at, active_question_id, split_by, floor, network_id, measurement";
/** What is read of a session: its columns and its publication (never written on creation). */
const SESSION_READ_COLUMNS = `${SESSION_COLUMNS}, publication`;
const BALLOT_COLUMNS = "participant_key, seq, option_ids, vote_id, cast_at, hidden";

const INSERT_QUESTION = `INSERT INTO questions (id, session_id, position, kind, template, prompt, options, scale, max_choices, status, results_visible, round, is_grouping, audience, closes_at, timer_seconds, notes, silent, kept_rounds, hidden_words)
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13, $14::jsonb, $15::timestamptz, $16, $17, $18, $19::jsonb, $20::jsonb)`;

/**
 * One statement for a whole batch of ballots. The last ballot of a participant in the batch wins (ON CONFLICT may
 * not touch a row twice). A ballot is written only while its question is open, in that round and the session's
 * active question, before its countdown's deadline (clock_timestamp(): as the statement runs), read under FOR SHARE: a facilitator closing or resetting the question on another node waits
 * for this commit, or this statement sees the change and skips the ballot, so no vote lands after a close.
 * Rows are written in key order, so two nodes' batches lock ballots in the same order and cannot deadlock.
 */
const SAVE_BALLOTS = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
      WITH ORDINALITY AS i (question_id, round, participant_key, answer, vote_id, cast_at, n)
  ),
  latest AS (
    SELECT DISTINCT ON (question_id, round, participant_key) * FROM input
    ORDER BY question_id, round, participant_key, n DESC
  ),
  allowed AS (
    SELECT latest.* FROM latest
    JOIN questions q ON q.id = latest.question_id AND q.round = latest.round AND q.status = 'open'
      AND (q.closes_at IS NULL OR q.closes_at > clock_timestamp())
    JOIN sessions s ON s.id = q.session_id AND s.active_question_id = q.id
    FOR SHARE OF q, s
  )
  INSERT INTO ballots (question_id, round, participant_key, option_ids, vote_id, cast_at)
  SELECT question_id, round, participant_key, answer::jsonb, vote_id, cast_at::timestamptz FROM allowed
  ORDER BY question_id, round, participant_key
  ON CONFLICT (question_id, round, participant_key) DO UPDATE SET
    option_ids = excluded.option_ids, vote_id = excluded.vote_id, cast_at = excluded.cast_at, seq = excluded.seq,
    hidden = CASE WHEN ballots.option_ids = excluded.option_ids THEN ballots.hidden ELSE false END
  RETURNING question_id, round, participant_key, seq, hidden`;

/**
 * A session's questions from the floor with the keys of their upvotes, in one statement so both come from one
 * snapshot (two queries could list an upvote of a question asked between them, or miss one).
 */
const LIST_FLOOR = `
  SELECT f.id, f.session_id, f.participant_key, f.ask_id, f.text, f.name, f.status, f.answered, f.rev, f.asked_at,
    coalesce((SELECT array_agg(v.participant_key ORDER BY v.participant_key COLLATE "C") FROM floor_votes v WHERE v.floor_id = f.id), '{}') AS voters
  FROM floor_questions f WHERE f.session_id = $1
  ORDER BY f.asked_at, f.id COLLATE "C"`;

/**
 * An upvote is written only while its question is shown, read under FOR SHARE: a facilitator hiding the question on
 * another node waits for this commit, or this statement sees the hide and writes nothing (as ballots and a close).
 * A second upvote of the same participant is the same row. `shown` says whether the question is shown.
 */
const ADD_FLOOR_VOTE = `
  WITH q AS (SELECT id FROM floor_questions WHERE id = $1 AND status = 'shown' FOR SHARE),
  added AS (INSERT INTO floor_votes (floor_id, participant_key) SELECT id, $2::text FROM q ON CONFLICT DO NOTHING)
  SELECT EXISTS (SELECT 1 FROM q) AS shown`;

/** Taking an upvote back, under the same condition and lock; taking back one that is not there changes nothing. */
const REMOVE_FLOOR_VOTE = `
  WITH q AS (SELECT id FROM floor_questions WHERE id = $1 AND status = 'shown' FOR SHARE),
  removed AS (DELETE FROM floor_votes v USING q WHERE v.floor_id = q.id AND v.participant_key = $2::text)
  SELECT EXISTS (SELECT 1 FROM q) AS shown`;

const NOT_SAVED: BallotSaved = { saved: false };

const ballotKey = (questionId: string, round: number, participantKey: string) => `${questionId}\u0000${round}\u0000${participantKey}`;

interface PendingBallot {
  ballot: BallotWrite;
  resolve: (saved: BallotSaved) => void;
  reject: (error: unknown) => void;
}

export interface PostgresStoreOptions {
  /** postgres:// or postgresql:// URL. */
  url: string;
  /** Connections in the pool; default 10. */
  poolSize?: number;
}

/**
 * PostgreSQL through a pg Pool, shared by every node of a cluster. Ballots are written in batches: those that
 * arrive while no batch is in flight go out after the current event-loop turn, those that arrive while one is in
 * flight go out together as soon as it commits (one statement, one commit), and each caller is resolved after its
 * commit. One batch at a time keeps a participant's writes in the order they were made.
 *
 * A connection error (PostgreSQL restarting, unreachable) rejects with StoreUnavailableError within about
 * CONNECT_TIMEOUT_MS; the pool opens new connections by itself once PostgreSQL is back.
 */
export class PostgresStore implements Store {
  readonly shared = true;
  private pending: PendingBallot[] = [];
  private flushScheduled = false;
  /** The batch being written, if any. */
  private writing: Promise<void> | undefined;
  /** Batches handed to PostgreSQL so far, and those written or refused: one at a time, so they end in order. */
  private batchesStarted = 0;
  private batchesDone = 0;
  /** Upvotes handed to PostgreSQL and not answered yet: a change of their question waits for those made before it. */
  private floorVotesInFlight = new Set<Promise<unknown>>();
  private closed = false;

  private constructor(private readonly pool: pg.Pool) {}

  /** Connect, apply the migrations this database lacks, and resolve with a store ready for use. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A server that accepts connections but stops answering (frozen, network partition) must not hang a vote:
      // after this the caller gets `unavailable` and the phone sends the same vote again (its voteId makes a
      // write that did commit harmless).
      query_timeout: QUERY_TIMEOUT_MS,
      keepAlive: true,
    });
    // An idle connection that PostgreSQL closes (restart, failover) is an 'error' of the pool; unhandled it would
    // crash the process. The pool has already dropped that connection and opens a new one on the next query, and
    // a query that meets the outage rejects with StoreUnavailableError, so there is nothing else to do here.
    pool.on("error", () => {});
    const store = new PostgresStore(pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // Taken before anything else, the table below included: CREATE TABLE IF NOT EXISTS itself races.
      await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0) AS version FROM schema_migrations`);
      for (let v = rows[0]?.version ?? 0; v < MIGRATIONS.length; v++) {
        await client.query(MIGRATIONS[v] ?? "");
        await client.query(`INSERT INTO schema_migrations (version) VALUES ($1)`, [v + 1]);
      }
    });
  }

  private async query<R extends QueryResultRow>(text: string | QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw translate(error);
    }
  }

  /** BEGIN .. COMMIT on one connection; ROLLBACK on an error, and a broken connection is dropped from the pool. */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translate(error);
    }
    // A checked-out connection has no 'error' listener of the pool's: an error between two of our queries would
    // otherwise be thrown at the process.
    let broken = false;
    const onError = () => {
      broken = true;
    };
    client.on("error", onError);
    try {
      await client.query("BEGIN");
      const result = await work(client);
      // PostgreSQL answers the COMMIT of a transaction that an earlier statement failed with ROLLBACK, not an error.
      const { command } = await client.query("COMMIT");
      if (command !== "COMMIT") throw new Error(`the transaction did not commit (the server answered ${command})`);
      return result;
    } catch (error) {
      if (isConnectionError(error)) broken = true;
      if (!broken) await client.query("ROLLBACK").catch(() => (broken = true));
      throw translate(error);
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
  }

  async createSession(session: StoredSession, questions: readonly StoredQuestion[]): Promise<void> {
    try {
      await this.transaction(async (client) => {
        await client.query(`INSERT INTO sessions (${SESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`, [
          session.id,
          session.code,
          session.title,
          session.language,
          session.hostKeyHash,
          session.screenKeyHash,
          session.createdAt,
          session.activeQuestionId,
          session.splitBy,
          JSON.stringify(session.floor),
          session.networkId,
          session.measurement,
        ]);
        for (const q of questions) await client.query(INSERT_QUESTION, questionValues(q));
      });
    } catch (error) {
      // Only the code's own constraint: a duplicate session id is a bug to report, not a code to draw again.
      if (sqlState(error) === "23505" && (error as { constraint?: string }).constraint === "sessions_code_key") {
        throw new JoinCodeTakenError(session.code);
      }
      throw error;
    }
  }

  async findSessionById(id: string): Promise<StoredSession | undefined> {
    const { rows } = await this.query<SessionRow>(`SELECT ${SESSION_READ_COLUMNS} FROM sessions WHERE id = $1`, [id]);
    return rows[0] && toSession(rows[0]);
  }

  async findSessionByCode(code: string): Promise<StoredSession | undefined> {
    const { rows } = await this.query<SessionRow>(`SELECT ${SESSION_READ_COLUMNS} FROM sessions WHERE code = $1`, [code]);
    return rows[0] && toSession(rows[0]);
  }

  async setActiveQuestion(sessionId: string, questionId: string | null): Promise<void> {
    // Ballots checked while their question was active are written before it stops being so (see drain).
    await this.drain();
    await this.query(`UPDATE sessions SET active_question_id = $1 WHERE id = $2`, [questionId, sessionId]);
  }

  async setSessionTitle(sessionId: string, title: string): Promise<void> {
    await this.query(`UPDATE sessions SET title = $1 WHERE id = $2`, [title, sessionId]);
  }

  async setSplitBy(sessionId: string, questionId: string | null): Promise<void> {
    await this.query(`UPDATE sessions SET split_by = $1 WHERE id = $2`, [questionId, sessionId]);
  }

  async listQuestions(sessionId: string): Promise<StoredQuestion[]> {
    const { rows } = await this.query<QuestionRow>(`SELECT * FROM questions WHERE session_id = $1 ORDER BY position`, [sessionId]);
    return rows.map(toQuestion);
  }

  async insertQuestion(question: StoredQuestion): Promise<void> {
    await this.query(INSERT_QUESTION, questionValues(question));
  }

  async updateQuestion(questionId: string, patch: QuestionPatch): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    // Column names come from this fixed list, never from input.
    const set = (column: string, value: unknown, cast = "") => {
      values.push(value);
      sets.push(`${column} = $${values.length}${cast}`);
    };
    if (patch.status !== undefined) set("status", patch.status);
    if (patch.resultsVisible !== undefined) set("results_visible", patch.resultsVisible);
    if (patch.round !== undefined) set("round", patch.round);
    if (patch.maxChoices !== undefined) set("max_choices", patch.maxChoices);
    if (patch.position !== undefined) set("position", patch.position);
    if (patch.kind !== undefined) set("kind", patch.kind);
    if (patch.prompt !== undefined) set("prompt", patch.prompt);
    if (patch.template !== undefined) set("template", patch.template ?? NO_TEMPLATE);
    if (patch.options !== undefined) set("options", json(patch.options), "::jsonb");
    if (patch.scale !== undefined) set("scale", json(patch.scale), "::jsonb");
    if (patch.grouping !== undefined) set("is_grouping", patch.grouping);
    if (patch.audience !== undefined) set("audience", json(patch.audience), "::jsonb");
    if (patch.closesAt !== undefined) set("closes_at", patch.closesAt, "::timestamptz");
    if (patch.timerSeconds !== undefined) set("timer_seconds", patch.timerSeconds);
    if (patch.notes !== undefined) set("notes", patch.notes);
    if (patch.silent !== undefined) set("silent", patch.silent);
    if (patch.keptRounds !== undefined) set("kept_rounds", JSON.stringify(patch.keptRounds), "::jsonb");
    if (patch.hiddenWords !== undefined) set("hidden_words", JSON.stringify(patch.hiddenWords), "::jsonb");
    if (sets.length === 0) return;
    // A ballot checked while the question was open is written before a close or reset: waiting for the batch
    // before it must not turn an on-time vote into a refused one.
    await this.drain();
    values.push(questionId);
    await this.query(`UPDATE questions SET ${sets.join(", ")} WHERE id = $${values.length}`, values);
  }

  async setPositions(positions: readonly { id: string; position: number }[]): Promise<void> {
    if (positions.length === 0) return;
    // One statement is one transaction.
    await this.query(
      `UPDATE questions SET position = p.position FROM unnest($1::text[], $2::int[]) AS p (id, position) WHERE questions.id = p.id`,
      [positions.map((p) => p.id), positions.map((p) => p.position)],
    );
  }

  async deleteQuestion(questionId: string): Promise<void> {
    await this.drain();
    await this.query(`DELETE FROM questions WHERE id = $1`, [questionId]);
  }

  saveBallot(ballot: BallotWrite): Promise<BallotSaved> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ballot, resolve, reject });
      if (!this.flushScheduled && !this.writing) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          this.startBatch();
        });
      }
    });
  }

  private startBatch(): void {
    if (this.writing || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.batchesStarted += 1;
    this.writing = this.writeBatch(batch).finally(() => {
      this.writing = undefined;
      this.batchesDone += 1;
      // What arrived during that round trip goes out now, as one batch.
      this.startBatch();
    });
  }

  /** Resolves or rejects every caller of the batch; never rejects itself. */
  private async writeBatch(batch: PendingBallot[]): Promise<void> {
    try {
      const written = await this.upsertBallots(batch.map((p) => p.ballot));
      for (const p of batch) p.resolve(savedOf(written, p.ballot));
      return;
    } catch (error) {
      // Nothing can be written while PostgreSQL is away; a lone ballot has no one else to spare.
      if (error instanceof StoreUnavailableError || batch.length === 1) {
        for (const p of batch) p.reject(error);
        return;
      }
    }
    // One bad write must not fail the others that shared its statement: write them one by one, in order.
    for (const p of batch) {
      try {
        p.resolve(savedOf(await this.upsertBallots([p.ballot]), p.ballot));
      } catch (error) {
        p.reject(error);
      }
    }
  }

  /** The new seq and stored moderation flag of every ballot written, by ballotKey. */
  private async upsertBallots(ballots: readonly BallotWrite[]): Promise<Map<string, { seq: number; hidden: boolean }>> {
    const values = [
      ballots.map((b) => b.questionId),
      ballots.map((b) => b.round),
      ballots.map((b) => b.participantKey),
      ballots.map((b) => JSON.stringify(b.answer)),
      ballots.map((b) => b.voteId),
      ballots.map((b) => b.castAt),
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        // Named: each connection parses and plans it once.
        const { rows } = await this.pool.query<{ question_id: string; round: number; participant_key: string; seq: string; hidden: boolean }>({
          name: "tafelronde_save_ballots",
          text: SAVE_BALLOTS,
          values,
        });
        return new Map(rows.map((r) => [ballotKey(r.question_id, r.round, r.participant_key), { seq: Number(r.seq), hidden: r.hidden }]));
      } catch (error) {
        if (!(RETRYABLE.has(sqlState(error) ?? "") && attempt < RETRIES)) throw translate(error);
      }
    }
  }

  /**
   * Wait until every ballot handed to saveBallot so far is written (or refused): commands that change where a
   * ballot may be written call this first, as the SQLite store writes its batch first. Only those ballots: the
   * waiting ones all go out in the next batch, and ballots arriving meanwhile are not waited for, so a steady
   * stream of votes cannot hold a close back.
   */
  private async drain(): Promise<void> {
    const last = this.batchesStarted + (this.pending.length > 0 ? 1 : 0);
    while (this.batchesDone < last) {
      this.startBatch();
      await this.writing;
    }
  }

  async listBallots(questionId: string, round: number): Promise<StoredBallot[]> {
    const { rows } = await this.query<BallotRow>(
      `SELECT ${BALLOT_COLUMNS} FROM ballots WHERE question_id = $1 AND round = $2 ORDER BY cast_at, participant_key COLLATE "C"`,
      [questionId, round],
    );
    return rows.map(toBallot);
  }

  async findBallot(questionId: string, round: number, participantKey: string): Promise<StoredBallot | undefined> {
    const { rows } = await this.query<BallotRow>(
      `SELECT ${BALLOT_COLUMNS} FROM ballots WHERE question_id = $1 AND round = $2 AND participant_key = $3`,
      [questionId, round, participantKey],
    );
    return rows[0] && toBallot(rows[0]);
  }

  async ballotChecksum(questionId: string, round: number, upToSeq = Number.MAX_SAFE_INTEGER): Promise<BallotChecksum> {
    const { rows } = await this.query<{ count: number; seq_sum: string }>(
      `SELECT count(*)::int AS count, coalesce(sum(seq), 0)::text AS seq_sum FROM ballots WHERE question_id = $1 AND round = $2 AND seq <= $3`,
      [questionId, round, upToSeq],
    );
    return { count: rows[0]?.count ?? 0, seqSum: Number(rows[0]?.seq_sum ?? 0) };
  }

  async setBallotHidden(questionId: string, round: number, participantKey: string, hidden: boolean): Promise<number | undefined> {
    // A ballot that arrived before the command is written first, so the flag applies to it and is numbered after.
    await this.drain();
    const { rows } = await this.query<{ seq: string }>(
      `UPDATE ballots SET hidden = $1, seq = nextval('ballot_seq')
       WHERE question_id = $2 AND round = $3 AND participant_key = $4 RETURNING seq`,
      [hidden, questionId, round, participantKey],
    );
    return rows[0] ? Number(rows[0].seq) : undefined;
  }

  async setPublication(sessionId: string, publication: StoredPublication): Promise<void> {
    await this.query(`UPDATE sessions SET publication = $1::jsonb WHERE id = $2`, [JSON.stringify(publication), sessionId]);
  }

  async listActions(sessionId: string): Promise<StoredAction[]> {
    const { rows } = await this.query<ActionRow>(`SELECT ${ACTION_COLUMNS} FROM actions WHERE session_id = $1 ORDER BY position, id COLLATE "C"`, [sessionId]);
    return rows.map(toAction);
  }

  async insertAction(action: Omit<StoredAction, "position">, limit: number): Promise<ActionInsert> {
    // Two nodes adding at once: the session's row lock makes one wait, and its checks and INSERT (new statements, so
    // new snapshots under READ COMMITTED) then see the other's action: the next position, the limit, the same proposal.
    return this.transaction(async (client): Promise<ActionInsert> => {
      const locked = await client.query(`SELECT id FROM sessions WHERE id = $1 FOR UPDATE`, [action.sessionId]);
      if (locked.rowCount === 0) return { refused: "no_session" };
      if (action.from) {
        const { rows } = await client.query<ActionRow>(`SELECT ${ACTION_COLUMNS} FROM actions WHERE session_id = $1 AND from_question_id = $2 AND from_option_id = $3`, [
          action.sessionId,
          action.from.questionId,
          action.from.optionId,
        ]);
        if (rows[0]) return { existing: toAction(rows[0]) };
      }
      const { rows: counted } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM actions WHERE session_id = $1`, [action.sessionId]);
      if ((counted[0]?.n ?? 0) >= limit) return { refused: "full" };
      const { rows } = await client.query<ActionRow>(
        `INSERT INTO actions (id, session_id, position, text, about, owner, due, from_question_id, from_option_id, created_at)
         SELECT $1, $2, (SELECT COALESCE(MAX(position), -1) + 1 FROM actions WHERE session_id = $2), $3, $4, $5, $6::date, $7, $8, $9::timestamptz
         RETURNING ${ACTION_COLUMNS}`,
        [action.id, action.sessionId, action.text, action.about, action.owner, action.due, action.from?.questionId ?? null, action.from?.optionId ?? null, action.createdAt],
      );
      const row = rows[0];
      if (!row) throw new Error(`the action ${action.id} was not added`);
      return { inserted: toAction(row) };
    });
  }

  async updateAction(sessionId: string, actionId: string, patch: ActionPatch): Promise<StoredAction | undefined> {
    const { rows } = await this.query<ActionRow>(
      `UPDATE actions SET text = COALESCE($3, text), owner = COALESCE($4, owner), due = COALESCE($5::date, due),
       about = CASE WHEN $6 THEN $7 ELSE about END WHERE id = $1 AND session_id = $2 RETURNING ${ACTION_COLUMNS}`,
      [actionId, sessionId, patch.text ?? null, patch.owner ?? null, patch.due ?? null, patch.about !== undefined, patch.about ?? null],
    );
    return rows[0] && toAction(rows[0]);
  }

  async deleteAction(sessionId: string, actionId: string): Promise<boolean> {
    const { rowCount } = await this.query(`DELETE FROM actions WHERE id = $1 AND session_id = $2`, [actionId, sessionId]);
    return rowCount === 1;
  }

  async createCoHost(coHost: StoredCoHost): Promise<void> {
    await this.query(`INSERT INTO co_hosts (id, session_id, key_hash, label, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz)`, [
      coHost.id,
      coHost.sessionId,
      coHost.keyHash,
      coHost.label,
      coHost.createdAt,
      coHost.revokedAt,
    ]);
  }

  async listCoHosts(sessionId: string): Promise<StoredCoHost[]> {
    const { rows } = await this.query<{ id: string; session_id: string; key_hash: string; label: string; created_at: Date; revoked_at: Date | null }>(
      `SELECT id, session_id, key_hash, label, created_at, revoked_at FROM co_hosts WHERE session_id = $1 ORDER BY created_at, id COLLATE "C"`,
      [sessionId],
    );
    return rows.map((r) => ({ id: r.id, sessionId: r.session_id, keyHash: r.key_hash, label: r.label, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null }));
  }

  async revokeCoHost(sessionId: string, coHostId: string, at: string): Promise<boolean> {
    const { rowCount } = await this.query(`UPDATE co_hosts SET revoked_at = $1::timestamptz WHERE id = $2 AND session_id = $3 AND revoked_at IS NULL`, [at, coHostId, sessionId]);
    return rowCount === 1;
  }

  async createNetwork(network: StoredNetwork): Promise<void> {
    await this.query(`INSERT INTO networks (id, name, created_at) VALUES ($1, $2, $3::timestamptz)`, [network.id, network.name, network.createdAt]);
  }

  async findNetwork(id: string): Promise<StoredNetwork | undefined> {
    const { rows } = await this.query<NetworkRow>(`SELECT id, name, created_at FROM networks WHERE id = $1`, [id]);
    return rows[0] && { id: rows[0].id, name: rows[0].name, createdAt: rows[0].created_at.toISOString() };
  }

  async setSessionNetwork(sessionId: string, networkId: string | null, measurement: number | null): Promise<void> {
    await this.query(`UPDATE sessions SET network_id = $1, measurement = $2 WHERE id = $3`, [networkId, measurement, sessionId]);
  }

  async listNetworkSessions(networkId: string): Promise<StoredSession[]> {
    const { rows } = await this.query<SessionRow>(
      `SELECT ${SESSION_READ_COLUMNS} FROM sessions WHERE network_id = $1 ORDER BY measurement NULLS LAST, created_at, id COLLATE "C"`,
      [networkId],
    );
    return rows.map(toSession);
  }

  async setFloorSettings(sessionId: string, settings: FloorSettings): Promise<void> {
    await this.query(`UPDATE sessions SET floor = $1::jsonb WHERE id = $2`, [JSON.stringify(settings), sessionId]);
  }

  async listFloor(sessionId: string): Promise<{ questions: StoredFloorQuestion[]; votes: FloorVote[] }> {
    const { rows } = await this.query<FloorQuestionRow>(LIST_FLOOR, [sessionId]);
    return {
      questions: rows.map(toFloorQuestion),
      votes: rows.flatMap((row) => row.voters.map((participantKey) => ({ floorId: row.id, participantKey }))),
    };
  }

  async insertFloorQuestion(question: StoredFloorQuestion): Promise<void> {
    await this.query(
      `INSERT INTO floor_questions (id, session_id, participant_key, ask_id, text, name, status, answered, rev, asked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz)`,
      [
        question.id,
        question.sessionId,
        question.participantKey,
        question.askId,
        question.text,
        question.name,
        question.status,
        question.answered,
        question.rev,
        question.askedAt,
      ],
    );
  }

  async updateFloorQuestion(floorId: string, patch: Partial<Pick<StoredFloorQuestion, "status" | "answered">>): Promise<number | undefined> {
    // Upvotes made before a hide are written first, while the question was still shown (as ballots before a close).
    await Promise.allSettled([...this.floorVotesInFlight]);
    const { rows } = await this.query<{ rev: number }>(
      `UPDATE floor_questions SET status = coalesce($2::text, status), answered = coalesce($3::boolean, answered), rev = rev + 1
       WHERE id = $1 RETURNING rev`,
      [floorId, patch.status ?? null, patch.answered ?? null],
    );
    return rows[0]?.rev;
  }

  /**
   * One statement per upvote: it touches one question's row, so it needs no batch to avoid deadlocks, and
   * PostgreSQL's group commit already shares the flush of upvotes that arrive together.
   */
  async saveFloorVote(vote: FloorVote & { up: boolean }): Promise<boolean> {
    const write = this.query<{ shown: boolean }>({
      // Named: each connection parses and plans them once.
      name: vote.up ? "tafelronde_add_floor_vote" : "tafelronde_remove_floor_vote",
      text: vote.up ? ADD_FLOOR_VOTE : REMOVE_FLOOR_VOTE,
      values: [vote.floorId, vote.participantKey],
    });
    this.floorVotesInFlight.add(write);
    try {
      const { rows } = await write;
      return rows[0]?.shown === true;
    } finally {
      this.floorVotesInFlight.delete(write);
    }
  }

  async floorChecksum(sessionId: string): Promise<FloorChecksum> {
    const { rows } = await this.query<{ questions: number; votes: number; rev_sum: string }>(
      `SELECT count(*)::int AS questions, coalesce(sum(rev), 0)::text AS rev_sum,
         (SELECT count(*)::int FROM floor_votes v JOIN floor_questions f ON f.id = v.floor_id WHERE f.session_id = $1) AS votes
       FROM floor_questions WHERE session_id = $1`,
      [sessionId],
    );
    return { questions: rows[0]?.questions ?? 0, votes: rows[0]?.votes ?? 0, revSum: Number(rows[0]?.rev_sum ?? 0) };
  }

  async deleteSession(sessionId: string): Promise<void> {
    // Ballots still waiting in the batch must not be written after their session is gone.
    await this.drain();
    await this.transaction(async (client) => {
      const { rows } = await client.query<{ network_id: string | null }>(`DELETE FROM sessions WHERE id = $1 RETURNING network_id`, [sessionId]);
      await deleteEmptyNetworks(client, rows.flatMap((r) => (r.network_id ? [r.network_id] : [])));
    });
  }

  async deleteSessionsCreatedBefore(cutoff: string): Promise<string[]> {
    await this.drain();
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ id: string; network_id: string | null }>(
        `DELETE FROM sessions WHERE created_at < $1 RETURNING id, network_id`,
        [cutoff],
      );
      // A network emptied earlier (its sessions taken out, not deleted) goes too once it is older than the cutoff.
      await deleteEmptyNetworks(client, rows.flatMap((r) => (r.network_id ? [r.network_id] : [])), cutoff);
      return rows.map((r) => r.id);
    });
  }

  async secret(): Promise<Buffer> {
    // Several nodes may start at once on an empty database: the first insert wins and everyone reads that one.
    await this.query(`INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [SECRET_KEY, randomBytes(32)]);
    const { rows } = await this.query<{ value: Buffer }>(`SELECT value FROM meta WHERE key = $1`, [SECRET_KEY]);
    if (!rows[0]) throw new Error("the participant secret is missing right after it was written");
    return rows[0].value;
  }

  /** One round trip on a pooled connection: what a node needs from PostgreSQL before it takes clients. */
  async checkReady(): Promise<void> {
    // A standby in recovery, or a database or session set read-only, answers a SELECT but refuses every write.
    const { rows } = await this.query<{ recovery: boolean; readOnly: string }>(`SELECT pg_is_in_recovery() AS recovery, current_setting('transaction_read_only') AS "readOnly"`);
    if (rows[0]?.recovery) throw new StoreUnavailableError("the database is a standby in recovery and takes no writes");
    if (rows[0]?.readOnly === "on") throw new StoreUnavailableError("the database is read-only and takes no writes");
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Until none is left: a ballot handed over while closing is written too, not dropped with the pool.
    while (this.writing || this.pending.length > 0) await this.drain();
    await Promise.allSettled([...this.floorVotesInFlight]);
    await this.pool.end();
  }
}

/**
 * Delete those of the networks that have no session left (and, with a cutoff, every network without a session
 * created before it). Their rows are locked first, and only then is "no session left" read, in a statement of its
 * own, so it sees what committed while this waited for the lock:
 * - another node putting a session into the network holds a key-share lock on its row (the foreign key's check):
 *   this waits for that commit and then sees the session, or takes the lock first and that write fails on the
 *   foreign key. Without the lock the check would read a snapshot from before that commit, and ON DELETE SET NULL
 *   would quietly take the new session out of the network it was just put in.
 * - two deletions of a network's last two sessions at once take turns: the second sees the first's deletion and
 *   deletes the network, where each would otherwise still see the other's session and leave the network behind.
 */
async function deleteEmptyNetworks(client: PoolClient, networkIds: readonly string[], createdBefore: string | null = null): Promise<void> {
  if (networkIds.length === 0 && createdBefore === null) return;
  const { rows } = await client.query<{ id: string }>(
    `SELECT n.id FROM networks n
     WHERE n.id = ANY ($1::text[])
       OR (n.created_at < $2::timestamptz AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.network_id = n.id))
     ORDER BY n.id COLLATE "C" FOR UPDATE`,
    [networkIds, createdBefore],
  );
  if (rows.length === 0) return;
  await client.query(`DELETE FROM networks n WHERE n.id = ANY ($1::text[]) AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.network_id = n.id)`, [
    rows.map((r) => r.id),
  ]);
}

function questionValues(q: StoredQuestion): unknown[] {
  return [
    q.id,
    q.sessionId,
    q.position,
    q.kind,
    q.template ?? NO_TEMPLATE,
    q.prompt,
    json(q.options),
    json(q.scale),
    q.maxChoices,
    q.status,
    q.resultsVisible,
    q.round,
    q.grouping,
    json(q.audience),
    q.closesAt,
    q.timerSeconds,
    q.notes,
    q.silent,
    JSON.stringify(q.keptRounds),
    JSON.stringify(q.hiddenWords),
  ];
}

function savedOf(written: Map<string, { seq: number; hidden: boolean }>, b: BallotWrite): BallotSaved {
  const row = written.get(ballotKey(b.questionId, b.round, b.participantKey));
  return row === undefined ? NOT_SAVED : { saved: true, seq: row.seq, hidden: row.hidden };
}
