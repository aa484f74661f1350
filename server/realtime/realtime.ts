import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions } from "socket.io";
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
import { StoreUnavailableError } from "../store/store";
import { ClusterSync } from "./cluster-sync";
import { PhoneFanout } from "./phone-fanout";
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
  sync: ClusterSync;
  /** Tell every socket of a deleted session and close them. */
  endSession(sessionId: string): void;
  close(): Promise<void>;
}

type AckFn<T> = (ack: Ack<T>) => void;

/**
 * Commands that change the question they name in place: not which question is active, nor its ballots.
 * Phones hear of them through one `question:updated` for the whole room (one serialisation, no per-phone
 * state), and only when the question is the active one.
 */
const IN_PLACE_EVENTS: ReadonlySet<FacilitatorEvent> = new Set(["question:open", "question:close", "results:show", "results:hide", "question:configure", "question:update"]);
/** Commands that change only results (moderating open answers): phones get them as results. */
const RESULTS_ONLY_EVENTS: ReadonlySet<FacilitatorEvent> = new Set(["answer:hide", "answer:show"]);

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

/** How several nodes work together; a single node has neither. */
export interface ClusterOptions {
  /** The Socket.IO adapter that carries messages between nodes (Redis). */
  adapter?: ServerOptions["adapter"];
  /** The store is shared by several nodes (PostgreSQL). */
  sharedStore: boolean;
}

/** The ack for a store error: retryable when the database was unreachable, nothing was stored either way. */
function storeFailure(error: unknown, what: string) {
  return error instanceof StoreUnavailableError
    ? fail("unavailable", `the database is unreachable for a moment; ${what} was not stored, please send it again`)
    : fail("internal_error", `${what} could not be stored; please try again`);
}

/** Clients may emit without an ack callback; the server must not crash on that. */
function safeAck<T>(ack: unknown): AckFn<T> {
  return typeof ack === "function" ? (ack as AckFn<T>) : () => {};
}

export function createRealtime(
  httpServer: HttpServer,
  service: SessionService,
  guard: FloodGuard,
  options: HandshakeOptions,
  cluster: ClusterOptions = { sharedStore: false },
): Realtime {
  const io: TafelrondeServer = new Server(httpServer, {
    ...(cluster.adapter ? { adapter: cluster.adapter } : {}),
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // Phones drop the socket when the screen locks; a quick ping notices a dead one within a minute.
    pingInterval: 20_000,
    pingTimeout: 20_000,
    perMessageDeflate: false,
    serveClient: false,
  });
  // Messages to all phones of a large room go out one shard per event-loop turn, in order.
  const phones = new PhoneFanout(io);

  // Results always concern the active question. Facilitators see hidden open answers flagged (to moderate);
  // screens and phones never receive them.
  const hostResults = new ResultsBroadcaster<{ facilitators: Results; screens: Results }>(
    HOST_RESULTS_INTERVAL_MS,
    (sessionId, results) => {
      // Each node serves its own sockets from its own mirror: results never go through the adapter.
      io.local.to(hostsRoom(sessionId)).emit("results:updated", results.facilitators);
      io.local.to(screensRoom(sessionId)).emit("results:updated", results.screens);
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
    (sessionId, results) => phones.emit(sessionId, "results:updated", results),
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

  /**
   * The active question changed in place: one `question:updated` for all phones of this node (at 10,000
   * phones a state per phone would block the event loop for a second), with results while they are shown.
   */
  function questionUpdatedToPhones(live: LiveSession, shared = sharedState(live)): void {
    const question = shared.base.question;
    if (question) {
      const results = shared.phoneResults();
      phones.emit(live.session.id, "question:updated", results ? { question, results } : { question });
      if (results) phoneResults.sent(live.session.id);
    }
    hostResults.changed(live.session.id);
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
  /** Returns the shared parts it computed, so a follow-up message to phones does not recount. */
  function broadcastState(live: LiveSession, toPhones = true): ReturnType<typeof sharedState> {
    const shared = sharedState(live);
    for (const room of [hostsRoom(live.session.id), screensRoom(live.session.id)]) {
      for (const id of io.sockets.adapter.rooms.get(room) ?? []) {
        const socket = io.sockets.sockets.get(id);
        if (socket) socket.emit("session:state", stateFor(live, socket, shared));
      }
    }
    if (toPhones) phones.each(live.session.id, (socket) => socket.emit("session:state", stateFor(live, socket, shared)));
    return shared;
  }

  /** Tell this node's sockets of a deleted session and close them. */
  function endLocal(sessionId: string): void {
    hostResults.forget(sessionId);
    phoneResults.forget(sessionId);
    facilitatorLists.forget(sessionId);
    phones.forget(sessionId);
    for (const room of [hostsRoom(sessionId), screensRoom(sessionId), phonesRoom(sessionId)]) {
      io.local.to(room).emit("session:deleted", { sessionId });
      io.local.in(room).disconnectSockets(true);
    }
  }

  const sync = new ClusterSync(
    io,
    service,
    {
      ballotsChanged(live, newRespondents) {
        resultsChanged(live);
        if (newRespondents) facilitatorLists.changed(live.session.id);
      },
      stateChanged(live, { activeChanged, activeUpdated }) {
        if (activeChanged) {
          broadcastState(live);
          return resultsChanged(live);
        }
        const shared = broadcastState(live, false);
        if (activeUpdated) questionUpdatedToPhones(live, shared);
        else hostResults.changed(live.session.id);
      },
      presenceChanged: resultsChanged,
      sessionDeleted: endLocal,
    },
    { messaging: cluster.adapter !== undefined, sharedStore: cluster.sharedStore },
  );

  io.use(handshakeMiddleware(service, guard, options, (live, key) => sync.fresh(live, key)));

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
      phones.join(socket, sessionId);
      if (service.participantConnected(live, participantKey)) {
        resultsChanged(live);
        sync.presenceChanged(sessionId);
      }
      socket.on("disconnect", () => {
        if (service.participantDisconnected(live, participantKey)) {
          resultsChanged(live);
          sync.presenceChanged(sessionId);
        }
      });
    } else {
      void socket.join(role === "screen" ? screensRoom(sessionId) : hostsRoom(sessionId));
    }
    socket.emit("session:state", stateFor(live, socket));

    // Every event passes the per-socket limit first. A refused event with an ack gets `rate_limited`; a
    // socket that keeps flooding is disconnected, so it cannot slow down the rest of the room.
    const budget = guard.socketBudget();
    socket.use((packet, next) => {
      if (budget.take()) return next();
      // Count the strike first: a flooder past its strikes is dropped at once, without an answer.
      void guard.socketStrike(socket.id).then((ok) => {
        if (!ok) return void socket.disconnect(true);
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
        const after = q?.ballots.get(participantKey);
        if (result.ok && q && after && after !== before) {
          sync.ballotSaved({ sessionId, questionId: q.stored.id, round: q.stored.round, participantKey, ballot: after });
          resultsChanged(live);
          // The facilitator's question list shows respondents per question.
          if (before === undefined) facilitatorLists.changed(live.session.id);
        }
      } catch (error) {
        ack(storeFailure(error, "the vote"));
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
          if (!result.ok) return;
          sync.sessionChanged(sessionId);
          if (!IN_PLACE_EVENTS.has(event) && !RESULTS_ONLY_EVENTS.has(event)) {
            broadcastState(live);
            return resultsChanged(live);
          }
          const shared = broadcastState(live, false);
          if (RESULTS_ONLY_EVENTS.has(event)) return resultsChanged(live);
          // In place: phones hear of it only when it is their (the active) question.
          const active = service.active(live);
          if ("question" in result.data && result.data.question.id === active?.stored.id) return questionUpdatedToPhones(live, shared);
          hostResults.changed(sessionId);
        } catch (error) {
          ack(storeFailure(error, "the change"));
        }
      });
    }
  });

  return {
    io,
    sync,
    endSession(sessionId) {
      endLocal(sessionId);
      sync.sessionDeleted(sessionId);
    },
    async close() {
      sync.close();
      hostResults.close();
      phoneResults.close();
      facilitatorLists.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
