/** Test helpers: open sessions, join, send commands and read the database as tests need. */
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { Socket } from "socket.io-client";
import type { Ack, CreatedSession, QuestionChanged, QuestionUpdated, QuestionView, ServerToClientEvents, SessionState } from "../../lib/protocol";
import { lastStateOf, type ClientSocket, type Harness } from "./harness";

/** A fresh browser id: url-safe and 8..64 characters, like the ones phones make. */
export function newParticipantId(): string {
  return `p-${randomUUID()}`;
}

export interface Joined {
  socket: ClientSocket;
  state: SessionState;
}

export interface OpenedSession {
  created: CreatedSession;
  host: Joined;
  questionId: string;
}

/**
 * The active question of a state, for tests of sessions that have one: a session made without a template
 * argument starts with the nine challenges, so a missing question is a failure, not a case to skip.
 */
export function activeQuestion(state: SessionState | undefined): QuestionView {
  if (!state?.question) throw new Error(`expected an active question in ${JSON.stringify(state)}`);
  return state.question;
}

/** Create a session over HTTP and connect its facilitator. */
export async function openSession(h: Harness, body?: Record<string, unknown>): Promise<OpenedSession> {
  const created = await h.createSession(body);
  const host = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
  return { created, host, questionId: host.state.question?.id ?? "" };
}

export async function joinAsParticipant(
  h: Harness,
  created: CreatedSession,
  participantId = newParticipantId(),
): Promise<Joined & { participantId: string }> {
  const joined = await h.connectAs({ code: created.code, participantId });
  return { ...joined, participantId };
}

export function joinAsScreen(h: Harness, created: CreatedSession): Promise<Joined> {
  return h.connectAs({ sessionId: created.id, screenKey: created.screenKey });
}

/**
 * Emit anything, bypassing the typed event map, to send the payloads a hostile or buggy client could send.
 * Resolves with whatever the server acknowledges.
 */
export function emitRaw(socket: ClientSocket, event: string, ...args: unknown[]): Promise<unknown> {
  return (socket as unknown as Socket).emitWithAck(event, ...args);
}

/** Emit without an ack callback, as a careless client may do. */
export function emitWithoutAck(socket: ClientSocket, event: string, ...args: unknown[]): void {
  (socket as unknown as Socket).emit(event, ...args);
}

/**
 * The next change of what a client shows: a `session:state`, or for phones a `question:updated` (the active
 * question changed in place; the phone keeps its ballot), given back as the state the phone then shows.
 * A view built from a `question:updated` carries the ballot of the socket's last `session:state`: the server
 * sends none with it, so a test shows that a ballot survived by reconnecting the phone, not by reading it here.
 */
export function nextView(socket: ClientSocket): Promise<SessionState & { via: "session:state" | "question:updated" }> {
  return new Promise((resolve) => {
    const onState = (state: SessionState) => {
      socket.off("question:updated", onUpdate);
      resolve({ ...state, via: "session:state" });
    };
    const onUpdate = (update: QuestionUpdated) => {
      socket.off("session:state", onState);
      resolve({ ...(lastStateOf(socket) as SessionState), question: update.question, results: update.results, via: "question:updated" });
    };
    socket.once("session:state", onState);
    socket.once("question:updated", onUpdate);
  });
}

/**
 * Send a facilitator command and wait until each watcher has received the view that follows it (see
 * nextView). The listeners are registered before the emit, so nothing can slip past. Moderating an answer
 * (answer:hide, answer:show) sends phones no view at all, so phones are no watchers of those.
 */
export async function command(
  host: ClientSocket,
  event: string,
  payload: unknown,
  watchers: readonly ClientSocket[] = [],
): Promise<{ ack: Ack<QuestionChanged>; states: (SessionState & { via: string })[] }> {
  const pending = watchers.map((w) => nextView(w));
  const ack = (await emitRaw(host, event, payload)) as Ack<QuestionChanged>;
  if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
  return { ack, states: await Promise.all(pending) };
}

/** Add a question of the facilitator's own; resolves with its view and the watchers' next states. */
export async function addQuestion(
  host: ClientSocket,
  draft: Record<string, unknown>,
  watchers: readonly ClientSocket[] = [],
): Promise<{ question: QuestionView; states: SessionState[] }> {
  const { ack, states } = await command(host, "question:add", draft, watchers);
  if (!ack.ok) throw new Error(`question:add failed: ${ack.error.code}`);
  return { question: ack.data.question, states };
}

/**
 * The session as a facilitator who reloads the console sees it, from a connection of its own: reading it there
 * cannot mistake an older broadcast on the test's facilitator socket for the current state.
 */
export async function facilitatorView(h: Harness, created: CreatedSession): Promise<SessionState> {
  const fresh = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
  fresh.socket.disconnect();
  return fresh.state;
}

/** Every option id at 0 except the given ones: what results of the nine challenges look like. */
export function countsWith(optionIds: readonly string[], picked: Record<string, number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of optionIds) counts[id] = picked[id] ?? 0;
  return counts;
}

export interface BallotRow {
  question_id: string;
  round: number;
  participant_key: string;
  option_ids: string;
  vote_id: string | null;
  cast_at: string;
}

export interface QuestionRow {
  id: string;
  session_id: string;
  max_choices: number | null;
  status: string;
  results_visible: number;
  round: number;
}

/** Look into the database file the way a researcher would: a separate, read-only connection. */
export function readDatabase<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function ballotRows(path: string, questionId: string): BallotRow[] {
  return readDatabase(path, (db) =>
    db.prepare<[string], BallotRow>(`SELECT * FROM ballots WHERE question_id = ? ORDER BY round, participant_key`).all(questionId),
  );
}

export function questionRow(path: string, questionId: string): QuestionRow | undefined {
  return readDatabase(path, (db) => db.prepare<[string], QuestionRow>(`SELECT * FROM questions WHERE id = ?`).get(questionId));
}

export function sessionCount(path: string): number {
  return readDatabase(path, (db) => (db.prepare(`SELECT COUNT(*) AS n FROM sessions`).get() as { n: number }).n);
}

/** Record every event of that name from now on, to show afterwards what did (not) arrive. */
export function collect<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
): { received: Parameters<ServerToClientEvents[E]>[0][]; stop(): void } {
  const received: Parameters<ServerToClientEvents[E]>[0][] = [];
  const listener = ((payload: Parameters<ServerToClientEvents[E]>[0]) => received.push(payload)) as never;
  socket.on(event, listener);
  return { received, stop: () => void socket.off(event, listener) };
}

/**
 * Everything a client is told from now on (or only the given events), in order of arrival, as [event, payload]:
 * to show what did and did not arrive, and what came first.
 */
export function heard(
  socket: ClientSocket,
  events?: readonly (keyof ServerToClientEvents)[],
): { log: [string, unknown][]; clear(): void; stop(): void } {
  const log: [string, unknown][] = [];
  const listener = (event: string, payload: unknown) => {
    if (!events || (events as readonly string[]).includes(event)) log.push([event, payload]);
  };
  socket.onAny(listener);
  return { log, clear: () => void log.splice(0), stop: () => void socket.offAny(listener) };
}

/** What a refused or obeyed facilitator command could send a phone, screen or facilitator about the session. */
export const VIEW_EVENTS = ["session:state", "question:updated"] as const;

/**
 * One round trip on this socket (an invalid vote, refused without effect): whatever the server sent it while
 * handling an earlier event has arrived by the time this resolves, because a handler broadcasts right after its ack.
 */
export async function roundTrip(socket: ClientSocket): Promise<void> {
  await emitRaw(socket, "vote:cast", null);
}
