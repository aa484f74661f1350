/** A page's client state of its session: a zustand store changed only by a pure reducer of server events. */
import { createStore, type StoreApi } from "zustand/vanilla";
import { withFloorVotes, withUpvote } from "../poll/floor";
import type { Answer, FloorQuestionView, FloorView, FloorVoted, QuestionUpdated, Results, SessionState } from "../protocol";

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
  | { type: "ballot:acked"; questionId: string; ballot: Answer }
  | { type: "floor:updated"; floor: FloorView }
  /** Only upvote counts changed (phones): the same questions, ranked again. */
  | { type: "floor:votes"; votes: Record<string, number> }
  /** The server acked this participant's question from the floor (stored, shown or waiting for approval). */
  | { type: "floor:asked"; question: FloorQuestionView }
  /** The server acked this participant's upvote (or taking it back). */
  | { type: "floor:upvoted"; voted: FloorVoted };

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
    case "floor:updated":
      return current.state ? { ...current, state: { ...current.state, floor: event.floor } } : current;
    case "floor:votes": {
      const state = current.state;
      if (!state?.floor) return current;
      const { votes } = event;
      const mine = state.floorMine && { ...state.floorMine, asked: state.floorMine.asked.map((q) => ({ ...q, votes: votes[q.id] ?? q.votes })) };
      return { ...current, state: { ...state, floor: withFloorVotes(state.floor, votes), ...(mine ? { floorMine: mine } : {}) } };
    }
    case "floor:asked": {
      if (!current.state) return current;
      const mine = current.state.floorMine ?? { asked: [], upvoted: [] };
      const asked = [...mine.asked.filter((q) => q.id !== event.question.id), event.question];
      return { ...current, state: { ...current.state, floorMine: { ...mine, asked } } };
    }
    case "floor:upvoted": {
      const state = current.state;
      if (!state) return current;
      const { floorId, votes, upvoted } = event.voted;
      const mine = state.floorMine ?? { asked: [], upvoted: [] };
      // The ack's count is the newest there is: the list shows it until the next floor message.
      const withVotes = (q: FloorQuestionView) => (q.id === floorId ? { ...q, votes } : q);
      const floor = state.floor && { ...state.floor, questions: state.floor.questions.map(withVotes) };
      return {
        ...current,
        state: { ...state, ...(floor ? { floor } : {}), floorMine: { asked: mine.asked.map(withVotes), upvoted: withUpvote(mine.upvoted, floorId, upvoted) } },
      };
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
