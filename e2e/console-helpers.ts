/** Set-up for the console's specs: sessions made over the API, questions and votes sent by sockets (no clicking). */
import type { APIRequestContext } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, CreatedSession, QuestionDraft, ServerToClientEvents, SessionState } from "../lib/protocol";
import { CHALLENGE_IDS, ROOM } from "./pages";

type AnySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function createSession(request: APIRequestContext, data: { title: string; template?: "article" | "challenges" | "empty"; language?: string }) {
  const res = await request.post("/api/sessions", { data });
  return (await res.json()) as CreatedSession;
}

function connect(baseURL: string, auth: object): Promise<{ socket: AnySocket; state: SessionState }> {
  const socket: AnySocket = io(baseURL, { auth, transports: ["websocket"], forceNew: true });
  return new Promise((resolve) => socket.once("session:state", (state) => resolve({ socket, state })));
}

/** The facilitator's commands without a browser: add questions, activate one. */
export async function facilitator(baseURL: string, session: CreatedSession) {
  const { socket, state } = await connect(baseURL, { sessionId: session.id, hostKey: session.hostKey });
  let questions = state.questions ?? [];
  socket.on("session:state", (s) => (questions = s.questions ?? questions));
  return {
    questions: () => questions,
    async add(draft: QuestionDraft): Promise<string> {
      const ack = await socket.emitWithAck("question:add", draft);
      if (!ack.ok) throw new Error(`question:add refused: ${ack.error.message}`);
      return ack.data.question.id;
    },
    async activate(questionId: string) {
      const ack = await socket.emitWithAck("question:activate", { questionId });
      if (!ack.ok) throw new Error(`question:activate refused: ${ack.error.message}`);
    },
    close: () => void socket.disconnect(),
  };
}

/** A participant that answers the active question and stays connected until `close`. */
export async function participant(baseURL: string, session: CreatedSession, name: string) {
  const { socket, state } = await connect(baseURL, { code: session.code, participantId: `${name}-${Math.random().toString(36).slice(2, 10)}` });
  let questionId = state.question?.id ?? "";
  socket.on("session:state", (s) => (questionId = s.question?.id ?? questionId));
  return {
    socket,
    async vote(answer: { optionIds?: string[]; value?: number; text?: string }) {
      const ack = await socket.emitWithAck("vote:cast", { questionId, ...answer });
      if (!ack.ok) throw new Error(`vote refused: ${ack.error.message}`);
    },
    close: () => void socket.disconnect(),
  };
}

/**
 * A room of 37 that votes the ROOM figures (figure 1 of the article, illustrative) on the active nine-challenges
 * question and stays connected, so the console counts 37 connected; `close` lets them go.
 */
export async function votingRoom(baseURL: string, session: CreatedSession) {
  const n = 37;
  const ballots: string[][] = Array.from({ length: n }, () => []);
  let k = 0;
  for (const id of CHALLENGE_IDS) for (let i = 0; i < (ROOM[id] ?? 0); i++) ballots[k++ % n]!.push(id);
  const people = await Promise.all(ballots.map((_, i) => participant(baseURL, session, `room${i}`)));
  await Promise.all(people.map((p, i) => p.vote({ optionIds: ballots[i] })));
  return { close: () => people.forEach((p) => p.close()) };
}
