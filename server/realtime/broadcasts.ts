/**
 * Who hears what: the rooms' domain events become messages to facilitators, screens and phones. Results are
 * coalesced per session (at most 10 a second to facilitators and screens, one a second to phones), and
 * messages to every phone of a large room go out one shard per event-loop turn (phone-fanout.ts).
 */
import type { FloorView, QuestionSummary, Results, SessionState } from "../../lib/protocol";
import type { Room } from "../room/room";
import type { RoomEvent } from "../room/room-events";
import type { Rooms } from "../room/rooms";
import { actionView, dotsIn } from "../room/action-plan";
import { floorChange, floorVotes } from "../../lib/poll/floor";
import { publicationLive } from "../../lib/poll/publication";
import { silentResults } from "../../lib/poll/silent";
import { PhoneFanout } from "./phone-fanout";
import { ResultsBroadcaster } from "./results-broadcaster";
import { hostsRoom, phonesRoom, screensRoom, type TafelrondeServer, type TafelrondeSocket } from "./types";

/** Facilitators and screens: at most 10 results messages a second per session. */
export const HOST_RESULTS_INTERVAL_MS = 100;
/** Phones: at most one results message a second. */
export const PHONE_RESULTS_INTERVAL_MS = 1000;
/**
 * Phones: at most one message about questions from the floor every two seconds. It carries up to
 * LIMITS.floorOnPhones questions (a few kilobytes), to every phone, while a hall upvotes: ten times a results message.
 */
export const PHONE_FLOOR_INTERVAL_MS = 2000;
/** Facilitators' consoles get every question (up to 500): a few a second is enough to moderate. */
export const HOST_FLOOR_INTERVAL_MS = 250;

/**
 * The parts of a session's state that are the same for every socket of a role, computed once per broadcast:
 * recounting the results for each of 10,000 phones would block the event loop for seconds.
 */
function sharedState(room: Room) {
  const q = room.active();
  const base: SessionState = { session: room.sessionView() };
  if (q) base.question = room.view(q);
  let hostResults: Results | undefined;
  let publicResults: Results | undefined;
  let screenResults: Results | undefined;
  let questions: QuestionSummary[] | undefined;
  const floors: Partial<Record<"facilitator" | "screen" | "phone", FloorView>> = {};
  const facilitatorResults = () => (hostResults ??= q ? withSplit(room, q, room.results(q)) : undefined);
  return {
    base,
    hostResults: facilitatorResults,
    phoneResults: () => (q && room.phonesSeeResults(q) ? (publicResults ??= room.results(q, false)) : undefined),
    screenResults: () => (screenResults ??= q ? screensResults(room, q, facilitatorResults) : undefined),
    questions: () => (questions ??= room.summaries()),
    floor: (audience: "facilitator" | "screen" | "phone") => (floors[audience] ??= room.floorView(audience)),
    ballotOf: (key: string) => (q ? room.ballotOf(q, key) : undefined),
    notAsked: (key: string) => q !== undefined && !room.isAsked(q, key),
  };
}

/**
 * What screens get: during a silent vote how many voted and nothing more (lib/poll/silent.ts); otherwise the
 * facilitators' results, except that an open question's hidden answers stay off (only open questions have any,
 * and they are never split).
 */
function screensResults(room: Room, q: NonNullable<ReturnType<Room["active"]>>, facilitators: () => Results | undefined): Results | undefined {
  if (q.stored.silent) return silentResults(room.results(q, false));
  // Hidden open answers and hidden words stay off (only those kinds hide anything, and they are never split).
  return q.stored.kind === "open" || q.stored.kind === "words" ? room.results(q, false) : facilitators();
}

/**
 * Facilitators' and screens' results carry the split while the session is split, and the round before after a
 * vote again (phones get neither).
 */
function withSplit(room: Room, q: NonNullable<ReturnType<Room["active"]>>, results: Results): Results {
  const split = room.splitOf(q);
  const previous = room.previousOf(q);
  return split || previous ? { ...results, ...(split ? { split } : {}), ...(previous ? { previous } : {}) } : results;
}
type Shared = ReturnType<typeof sharedState>;

export function createBroadcasts(io: TafelrondeServer, rooms: Rooms) {
  const phones = new PhoneFanout(io);

  /** The state one socket gets: its role decides what is in it (phones see their own ballot). */
  function stateFor(room: Room, socket: TafelrondeSocket, shared: Shared = sharedState(room)): SessionState {
    const state: SessionState = { ...shared.base };
    if (socket.data.role === "participant") {
      const key = socket.data.participantKey ?? "";
      const ballot = shared.ballotOf(key);
      if (ballot !== undefined) state.ballot = ballot;
      if (shared.notAsked(key)) state.notAsked = true;
      const results = shared.phoneResults();
      if (results) state.results = results;
      state.floor = shared.floor("phone");
      floorByAudience.phone.unsure(room.id);
      if (room.session.floor.open) state.floorMine = room.floor.mine(key);
      return state;
    }
    const { publication } = room.session;
    if (publication && publicationLive(publication, Date.now())) state.publication = { path: `/r/${room.id}/${publication.token}`, expiresAt: publication.expiresAt };
    const audience = socket.data.role === "screen" ? "screen" : "facilitator";
    state.floor = shared.floor(audience);
    floorByAudience[audience].unsure(room.id);
    // Facilitators see hidden open answers flagged (to moderate); screens and phones never receive them.
    const results = socket.data.role === "screen" ? shared.screenResults() : shared.hostResults();
    if (results) state.results = results;
    state.joinUrl = socket.data.joinUrl;
    if (room.session.splitBy) state.splitBy = room.session.splitBy;
    if (socket.data.role === "facilitator") {
      state.questions = shared.questions();
      const { networkId, measurement } = room.session;
      if (networkId !== null && measurement !== null) state.network = { id: networkId, measurement };
      if (socket.data.coHostId) state.coHost = true;
    }
    if (socket.data.screenPath) state.screenPath = socket.data.screenPath;
    return state;
  }

  // Results always concern the active question.
  const hostResults = new ResultsBroadcaster<{ facilitators: Results; screens: Results }>(
    HOST_RESULTS_INTERVAL_MS,
    (sessionId, results) => {
      // Each node serves its own sockets from its own mirror: results never go through the adapter.
      io.local.to(hostsRoom(sessionId)).emit("results:updated", results.facilitators);
      io.local.to(screensRoom(sessionId)).emit("results:updated", results.screens);
    },
    (sessionId) => {
      const room = rooms.peek(sessionId);
      const q = room?.active();
      if (!room || !q) return undefined;
      const facilitators = withSplit(room, q, room.results(q));
      return { facilitators, screens: screensResults(room, q, () => facilitators) ?? facilitators };
    },
  );
  const phoneResults = new ResultsBroadcaster(
    PHONE_RESULTS_INTERVAL_MS,
    (sessionId, results) => phones.emit(sessionId, "results:updated", results),
    (sessionId) => {
      const room = rooms.peek(sessionId);
      const q = room?.active();
      return room && q && room.phonesSeeResults(q) ? room.results(q, false) : undefined;
    },
  );
  // New respondents change the facilitators' question list; under load that refresh is coalesced to once a second.
  const facilitatorLists = new ResultsBroadcaster<Room>(
    PHONE_RESULTS_INTERVAL_MS,
    (_sessionId, room) => sendStates(room, [hostsRoom(room.id)]),
    (sessionId) => rooms.peek(sessionId),
  );

  // Questions from the floor, coalesced per audience: screens as fast as results (the room watches the top move).
  // A change that does not change what an audience sees (a question waiting for approval, to phones) sends it nothing.
  const floorChannel = (intervalMs: number, audience: "facilitator" | "screen" | "phone", send: (sessionId: string, floor: FloorView, before: FloorView | undefined) => void) => {
    const lastSent = new Map<string, FloorView>();
    const channel = new ResultsBroadcaster<FloorView>(
      intervalMs,
      (sessionId, floor) => {
        const before = lastSent.get(sessionId);
        if (floorChange(before, floor) === "none") return;
        lastSent.set(sessionId, floor);
        send(sessionId, floor, before);
      },
      (sessionId) => rooms.peek(sessionId)?.floorView(audience),
    );
    return {
      changed: (sessionId: string) => channel.changed(sessionId),
      /** A socket got the floor in a state: the next change goes out whole, even if it looks like the last one sent. */
      unsure: (sessionId: string) => void lastSent.delete(sessionId),
      forget: (sessionId: string) => {
        channel.forget(sessionId);
        lastSent.delete(sessionId);
      },
      close: () => channel.close(),
    };
  };
  const floorByAudience = {
    facilitator: floorChannel(HOST_FLOOR_INTERVAL_MS, "facilitator", (id, floor) => io.local.to(hostsRoom(id)).emit("floor:updated", floor)),
    screen: floorChannel(HOST_RESULTS_INTERVAL_MS, "screen", (id, floor) => io.local.to(screensRoom(id)).emit("floor:updated", floor)),
    // While a hall upvotes, phones get the counts alone: the same questions' texts again would be ten times the bytes.
    phone: floorChannel(PHONE_FLOOR_INTERVAL_MS, "phone", (id, floor, before) =>
      floorChange(before, floor) === "votes" ? phones.emit(id, "floor:votes", { votes: floorVotes(floor) }) : phones.emit(id, "floor:updated", floor),
    ),
  };
  const floorChannels = Object.values(floorByAudience);

  function floorChanged(room: Room, askedBy?: string): void {
    for (const channel of floorChannels) channel.changed(room.id);
    // The participant whose question was approved, hidden or answered sees it in their own list at once.
    if (askedBy !== undefined) phones.each(room.id, (socket) => {
      if (socket.data.participantKey === askedBy) socket.emit("session:state", stateFor(room, socket));
    });
  }

  function resultsChanged(room: Room): void {
    hostResults.changed(room.id);
    const q = room.active();
    if (q && room.phonesSeeResults(q)) phoneResults.changed(room.id);
  }

  /** A fresh state to every socket of these Socket.IO rooms of this node. */
  function sendStates(room: Room, targets: string[], shared = sharedState(room)): Shared {
    for (const target of targets) {
      for (const id of io.sockets.adapter.rooms.get(target) ?? []) {
        const socket = io.sockets.sockets.get(id);
        if (socket) socket.emit("session:state", stateFor(room, socket, shared));
      }
    }
    return shared;
  }

  /**
   * The active question changed in place: one `question:updated` for all phones of this node (at 10,000
   * phones a state per phone would block the event loop for a second), with results while they are shown.
   */
  function questionUpdatedToPhones(room: Room, shared: Shared): void {
    const question = shared.base.question;
    if (!question) return;
    const results = shared.phoneResults();
    phones.emit(room.id, "question:updated", results ? { question, results } : { question });
    if (results) phoneResults.sent(room.id);
  }

  /** Sessions whose plan is being read for their consoles; `again`: it changed once more meanwhile. */
  const planReads = new Map<string, { again: boolean }>();

  /**
   * The plan, read from the store and sent to this node's consoles of the session (phones and screens hear nothing).
   * One read per session at a time, and one more after a change that came during it: two reads at once could come
   * back in the wrong order (a pool of connections) and leave the consoles with the older plan.
   */
  function planChanged(room: Room): void {
    const reading = planReads.get(room.id);
    if (reading) return void (reading.again = true);
    const state = { again: false };
    planReads.set(room.id, state);
    void (async () => {
      try {
        do {
          state.again = false;
          const plan = await room.store.listActions(room.id);
          // Changed again while this was read: the next read is sent instead.
          if (!state.again) io.local.to(hostsRoom(room.id)).emit("plan:updated", { actions: plan.map((a) => actionView(a, dotsIn(room))) });
        } while (state.again);
      } catch (error) {
        // The consoles read the plan again when they reconnect, or at the next change.
        console.error(`plan of ${room.id}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        planReads.delete(room.id);
      }
    })();
  }

  function forget(sessionId: string): void {
    hostResults.forget(sessionId);
    phoneResults.forget(sessionId);
    facilitatorLists.forget(sessionId);
    for (const channel of floorChannels) channel.forget(sessionId);
    phones.forget(sessionId);
  }

  function heard(event: RoomEvent): void {
    switch (event.type) {
      case "ballot-saved":
      case "ballots-reloaded": {
        resultsChanged(event.room);
        // The facilitator's question list shows respondents per question.
        if (event.type === "ballot-saved" ? event.isNew : event.newRespondents) facilitatorLists.changed(event.room.id);
        return;
      }
      case "session-changed":
      case "question-changed": {
        const { room } = event;
        const shared = sendStates(room, [hostsRoom(room.id), screensRoom(room.id)]);
        if (event.type === "session-changed" || !event.inPlace) {
          // Every phone gets a state of its own, with its own ballot of the (new) active question.
          phones.each(room.id, (socket) => socket.emit("session:state", stateFor(room, socket, shared)));
          return resultsChanged(room);
        }
        if (event.active) questionUpdatedToPhones(room, shared);
        hostResults.changed(room.id);
        return;
      }
      case "answers-moderated":
        sendStates(event.room, [hostsRoom(event.room.id), screensRoom(event.room.id)]);
        return resultsChanged(event.room);
      case "presence-changed":
        return resultsChanged(event.room);
      case "floor-changed":
        return floorChanged(event.room, event.askedBy);
      case "access-revoked": {
        // This node's consoles of that co-facilitator hear why, then close.
        for (const id of io.sockets.adapter.rooms.get(hostsRoom(event.room.id)) ?? []) {
          const socket = io.sockets.sockets.get(id);
          if (socket?.data.coHostId !== event.coHostId) continue;
          socket.emit("access:revoked", { sessionId: event.room.id });
          socket.disconnect(true);
        }
        return;
      }
      case "floor-voted":
        return floorChanged(event.room);
      case "plan-changed":
        return planChanged(event.room);
      case "session-deleted": {
        // Tell this node's sockets of the deleted session and close them.
        forget(event.sessionId);
        for (const target of [hostsRoom(event.sessionId), screensRoom(event.sessionId), phonesRoom(event.sessionId)]) {
          io.local.to(target).emit("session:deleted", { sessionId: event.sessionId });
          io.local.in(target).disconnectSockets(true);
        }
        return;
      }
      case "session-unloaded":
        return forget(event.sessionId);
    }
  }
  const unsubscribe = rooms.events.subscribe(heard);

  return {
    stateFor,
    joinPhones: (socket: TafelrondeSocket, sessionId: string) => phones.join(socket, sessionId),
    close() {
      unsubscribe();
      hostResults.close();
      phoneResults.close();
      facilitatorLists.close();
      for (const channel of floorChannels) channel.close();
    },
  };
}
