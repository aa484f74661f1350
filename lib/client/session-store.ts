/** A page's client state of its session: a zustand store changed only by a pure reducer of server events. */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Answer, QuestionUpdated, Results, SessionState } from "../protocol";

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "refused";

export interface ClientSessionState {
  connection: ConnectionStatus;
  /** The handshake's refusal, e.g. "session_not_found: no session with this code". */
  refusal?: string;
  state?: SessionState;
  results?: Results;
}

export type ClientEvent =
  | { type: "connected" }
  | { type: "disconnected" }
  | { type: "refused"; message: string }
  | { type: "session:state"; state: SessionState }
  | { type: "results:updated"; results: Results }
  | { type: "question:updated"; update: QuestionUpdated }
  /** The server acked this participant's vote: this is now their stored ballot. */
  | { type: "ballot:acked"; questionId: string; ballot: Answer };

export const initialClientState: ClientSessionState = { connection: "connecting" };

/** The only way client state changes: a pure function of the previous state and a server event. */
export function reduce(current: ClientSessionState, event: ClientEvent): ClientSessionState {
  switch (event.type) {
    case "connected":
      return { ...current, connection: "connected", refusal: undefined };
    case "disconnected":
      return current.connection === "refused" ? current : { ...current, connection: "reconnecting" };
    case "refused":
      return { ...current, connection: "refused", refusal: event.message };
    case "session:state":
      // A fresh state replaces everything: after a reconnect it is the server's truth, results included
      // (participants get none while results are hidden).
      return { ...current, connection: "connected", state: event.state, results: event.state.results };
    case "question:updated": {
      // The active question changed in place: the ballot stays; results come with it while they are shown.
      const state = current.state;
      if (!state?.question || state.question.id !== event.update.question.id) return current;
      const { results } = event.update;
      return { ...current, state: { ...state, question: event.update.question, results }, results };
    }
    case "results:updated": {
      const question = current.state?.question;
      // Results of another question (or from before a reset that the state already reflects) are dropped.
      if (!question || question.id !== event.results.questionId) return current;
      return { ...current, results: event.results };
    }
    case "ballot:acked": {
      if (!current.state || current.state.question?.id !== event.questionId) return current;
      return { ...current, state: { ...current.state, ballot: event.ballot } };
    }
  }
}

export type SessionStore = StoreApi<ClientSessionState & { dispatch: (event: ClientEvent) => void }>;

/** One store per page. */
export function createSessionStore(): SessionStore {
  return createStore<ClientSessionState & { dispatch: (event: ClientEvent) => void }>()((set) => ({
    ...initialClientState,
    dispatch: (event) => set((s) => reduce(s, event)),
  }));
}
