import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { z } from "zod";
import {
  FACILITATOR_EVENTS,
  answerModerateSchema,
  describeZodError,
  fail,
  followupCreateSchema,
  maxChoicesSetSchema,
  questionAddSchema,
  questionMoveSchema,
  questionRefSchema,
  questionUpdateSchema,
  voteCastSchema,
  type Ack,
  type FacilitatorEvent,
  type QuestionDraft,
  type QuestionSummary,
  type Results,
  type SessionState,
} from "../../lib/protocol";
import type { FloodGuard } from "../flood-guard";
import type { CommandPayload, LiveSession, SessionService } from "../session-service";
import { handshakeMiddleware, type HandshakeOptions } from "./handshake";
import { ResultsBroadcaster } from "./results-broadcaster";
import { hostsRoom, phonesRoom, screensRoom, type TafelrondeServer, type TafelrondeSocket } from "./types";

/** A vote is a few hundred bytes; anything near this limit is not a vote. */
export const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;
/** Facilitators and screens: at most 10 results messages a second per session. */
export const HOST_RESULTS_INTERVAL_MS = 100;
/** Phones: at most one results message a second. */
export const PHONE_RESULTS_INTERVAL_MS = 1000;

export interface Realtime {
  io: TafelrondeServer;
  /** Tell every socket of a deleted session and close them. */
  endSession(sessionId: string): void;
  close(): Promise<void>;
}

type AckFn<T> = (ack: Ack<T>) => void;

/** How each facilitator event's payload is parsed. */
const COMMAND_SCHEMAS: Record<FacilitatorEvent, z.ZodType> = {
  "question:open": questionRefSchema,
  "question:close": questionRefSchema,
  "results:show": questionRefSchema,
  "results:hide": questionRefSchema,
  "question:reset": questionRefSchema,
  "question:configure": maxChoicesSetSchema,
  "question:add": questionAddSchema,
  "question:update": questionUpdateSchema,
  "question:move": questionMoveSchema,
  "question:remove": questionRefSchema,
  "question:activate": questionRefSchema,
  "followup:create": followupCreateSchema,
  "answer:hide": answerModerateSchema,
  "answer:show": answerModerateSchema,
};

function toCommandPayload(event: FacilitatorEvent, data: unknown): CommandPayload {
  // question:add sends the draft itself; every other event names its question.
  return event === "question:add" ? { draft: data as QuestionDraft } : (data as CommandPayload);
}

/** Clients may emit without an ack callback; the server must not crash on that. */
function safeAck<T>(ack: unknown): AckFn<T> {
  return typeof ack === "function" ? (ack as AckFn<T>) : () => {};
}

export function createRealtime(httpServer: HttpServer, service: SessionService, guard: FloodGuard, options: HandshakeOptions): Realtime {
  const io: TafelrondeServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // Phones drop the socket when the screen locks; a quick ping notices a dead one within a minute.
    pingInterval: 20_000,
    pingTimeout: 20_000,
    perMessageDeflate: false,
    serveClient: false,
  });

  // Results always concern the active question. Facilitators see hidden open answers flagged (to moderate);
  // screens and phones never receive them.
  const hostResults = new ResultsBroadcaster<{ facilitators: Results; screens: Results }>(
    HOST_RESULTS_INTERVAL_MS,
    (sessionId, results) => {
      io.to(hostsRoom(sessionId)).emit("results:updated", results.facilitators);
      io.to(screensRoom(sessionId)).emit("results:updated", results.screens);
    },
    (sessionId) => {
      const live = service.peek(sessionId);
      const q = live && service.active(live);
      if (!live || !q) return undefined;
      const facilitators = service.results(live, q);
      return { facilitators, screens: q.stored.kind === "open" ? service.results(live, q, false) : facilitators };
    },
  );
  const phoneResults = new ResultsBroadcaster(
    PHONE_RESULTS_INTERVAL_MS,
    (sessionId, results) => io.to(phonesRoom(sessionId)).emit("results:updated", results),
    (sessionId) => {
      const live = service.peek(sessionId);
      const q = live && service.active(live);
      return live && q && q.stored.resultsVisible ? service.results(live, q, false) : undefined;
    },
  );

  function resultsChanged(live: LiveSession): void {
    hostResults.changed(live.session.id);
    if (service.active(live)?.stored.resultsVisible) phoneResults.changed(live.session.id);
  }

  /**
   * The parts of a session's state that are the same for every socket of a role, computed once per broadcast:
   * recounting the results for each of 10,000 phones would block the event loop for seconds.
   */
  function sharedState(live: LiveSession) {
    const q = service.active(live);
    const base: SessionState = { session: service.sessionView(live) };
    if (q) base.question = service.questionView(live, q);
    let hostResults: Results | undefined;
    let publicResults: Results | undefined;
    let questions: QuestionSummary[] | undefined;
    return {
      q,
      base,
      hostResults: () => (hostResults ??= q ? service.results(live, q) : undefined),
      phoneResults: () => (q?.stored.resultsVisible ? (publicResults ??= q ? service.results(live, q, false) : undefined) : undefined),
      phoneResultsAlways: () => (publicResults ??= q ? service.results(live, q, false) : undefined),
      questions: () => (questions ??= service.summaries(live)),
    };
  }

  function stateFor(live: LiveSession, socket: TafelrondeSocket, shared = sharedState(live)): SessionState {
    const state: SessionState = { ...shared.base };
    const q = shared.q;
    if (socket.data.role === "participant") {
      const key = socket.data.participantKey ?? "";
      const ballot = q && service.ballotOf(live, q, key);
      if (ballot !== undefined) state.ballot = ballot;
      const results = shared.phoneResults();
      if (results) state.results = results;
    } else {
      const results = socket.data.role === "screen" ? shared.phoneResultsAlways() : shared.hostResults();
      if (results) state.results = results;
      state.joinUrl = socket.data.joinUrl;
      if (socket.data.role === "facilitator") state.questions = shared.questions();
      if (socket.data.screenPath) state.screenPath = socket.data.screenPath;
    }
    return state;
  }

  /** Fresh state for the facilitators only (their question list shows respondents per question). */
  function broadcastToFacilitators(live: LiveSession): void {
    const shared = sharedState(live);
    for (const id of io.sockets.adapter.rooms.get(hostsRoom(live.session.id)) ?? []) {
      const socket = io.sockets.sockets.get(id);
      if (socket?.data.role === "facilitator") socket.emit("session:state", stateFor(live, socket, shared));
    }
  }

  // New respondents change the facilitators' question list; under load that refresh is coalesced to once a second.
  const facilitatorLists = new ResultsBroadcaster<LiveSession>(
    PHONE_RESULTS_INTERVAL_MS,
    (_sessionId, live) => broadcastToFacilitators(live),
    (sessionId) => service.peek(sessionId),
  );

  /** Every socket of the session gets its own fresh state (phones see their own ballot). */
  function broadcastState(live: LiveSession): void {
    const shared = sharedState(live);
    for (const room of [hostsRoom(live.session.id), screensRoom(live.session.id), phonesRoom(live.session.id)]) {
      for (const id of io.sockets.adapter.rooms.get(room) ?? []) {
        const socket = io.sockets.sockets.get(id);
        if (socket) socket.emit("session:state", stateFor(live, socket, shared));
      }
    }
  }

  io.use(handshakeMiddleware(service, guard, options));

  io.on("connection", (socket: TafelrondeSocket) => {
    const { sessionId, role } = socket.data;
    // Loaded by the handshake; looked up synchronously so no event can arrive before the handlers exist.
    const live = service.peek(sessionId);
    if (!live) {
      socket.disconnect(true);
      return;
    }
    const participantKey = socket.data.participantKey;

    if (role === "participant" && participantKey) {
      void socket.join(phonesRoom(sessionId));
      if (service.participantConnected(live, participantKey)) resultsChanged(live);
      socket.on("disconnect", () => {
        if (service.participantDisconnected(live, participantKey)) resultsChanged(live);
      });
    } else {
      void socket.join(role === "screen" ? screensRoom(sessionId) : hostsRoom(sessionId));
    }
    socket.emit("session:state", stateFor(live, socket));

    // Every event passes the per-socket limit first. A refused event with an ack gets `rate_limited`; a
    // socket that keeps flooding is disconnected, so it cannot slow down the rest of the room.
    socket.use((packet, next) => {
      void guard.socketEvent(socket.id).then(async (ok) => {
        if (ok) return next();
        // Count the strike first: a flooder past its strikes is dropped at once, without an answer.
        if (!(await guard.socketStrike(socket.id))) return void socket.disconnect(true);
        const ack: unknown = packet[packet.length - 1];
        if (typeof ack === "function") ack(fail("rate_limited", "too many messages; slow down"));
      });
    });

    socket.on("vote:cast", async (payload: unknown, ackArg: unknown) => {
      const ack = safeAck(ackArg);
      if (role !== "participant" || !participantKey) {
        return ack(fail("forbidden", "only participants vote"));
      }
      const parsed = voteCastSchema.safeParse(payload);
      if (!parsed.success) return ack(fail("invalid_payload", describeZodError(parsed.error)));
      try {
        const q = service.find(live, parsed.data.questionId);
        const before = q?.ballots.get(participantKey);
        const result = await service.castVote(live, participantKey, parsed.data);
        ack(result);
        if (result.ok && q?.ballots.get(participantKey) !== before) {
          resultsChanged(live);
          // The facilitator's question list shows respondents per question.
          if (before === undefined) facilitatorLists.changed(live.session.id);
        }
      } catch {
        ack(fail("internal_error", "the vote could not be stored; please try again"));
      }
    });

    for (const event of FACILITATOR_EVENTS) {
      socket.on(event, async (payload: unknown, ackArg: unknown) => {
        const ack = safeAck(ackArg);
        if (role !== "facilitator") {
          return ack(fail("forbidden", "only the facilitator can do this"));
        }
        const parsed = COMMAND_SCHEMAS[event].safeParse(payload);
        if (!parsed.success) return ack(fail("invalid_payload", describeZodError(parsed.error)));
        try {
          const result = await service.applyCommand(live, event, toCommandPayload(event, parsed.data));
          ack(result);
          if (result.ok) {
            broadcastState(live);
            resultsChanged(live);
          }
        } catch {
          ack(fail("internal_error", "the change could not be stored; please try again"));
        }
      });
    }
  });

  return {
    io,
    endSession(sessionId) {
      hostResults.forget(sessionId);
      phoneResults.forget(sessionId);
      facilitatorLists.forget(sessionId);
      for (const room of [hostsRoom(sessionId), screensRoom(sessionId), phonesRoom(sessionId)]) {
        io.to(room).emit("session:deleted", { sessionId });
        io.in(room).disconnectSockets(true);
      }
    },
    async close() {
      hostResults.close();
      phoneResults.close();
      facilitatorLists.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
