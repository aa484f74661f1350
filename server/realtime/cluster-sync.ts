/**
 * Keeps this node's rooms in step with the other nodes of a cluster: tells them what it committed (from the
 * rooms' domain events), applies what they tell, and checks its rooms against the shared store.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { BallotDelta, Room } from "../room/room";
import type { RoomEvent } from "../room/room-events";
import type { Rooms } from "../room/rooms";
import { hostsRoom, screensRoom, type TafelrondeServer } from "./types";

/** How often each node checks the sessions its sockets use against the shared store. */
export const RECONCILE_INTERVAL_MS = 2000;
/** How often a node repeats its "connected" figures, so a node that died is forgotten after the TTL. */
export const PRESENCE_INTERVAL_MS = 5000;
/** The server-side event the nodes of a cluster talk over (through the Socket.IO adapter). */
export const SYNC_EVENT = "tafelronde:sync" as const;

/** A stored answer: option ids, a scale value or a text (see `Answer` in lib/protocol.ts). */
const answerSchema = z.union([z.array(z.string()), z.number(), z.string()]);

/** Messages between nodes; parsed like any other input, because a bad one must not stop a node. */
const syncMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("ballots"),
    from: z.string(),
    deltas: z.array(
      z.object({
        sessionId: z.string(),
        questionId: z.string(),
        round: z.number().int(),
        participantKey: z.string(),
        ballot: z.object({ answer: answerSchema, voteId: z.string().nullable(), hidden: z.boolean(), seq: z.number() }),
      }),
    ),
  }),
  z.object({
    type: z.literal("floor-votes"),
    from: z.string(),
    votes: z.array(z.object({ sessionId: z.string(), floorId: z.string(), participantKey: z.string(), up: z.boolean() })),
  }),
  z.object({ type: z.literal("changed"), from: z.string(), sessionId: z.string() }),
  z.object({ type: z.literal("deleted"), from: z.string(), sessionId: z.string() }),
  z.object({ type: z.literal("plan"), from: z.string(), sessionId: z.string() }),
  z.object({ type: z.literal("presence"), from: z.string(), counts: z.array(z.tuple([z.string(), z.number().int().min(0)])) }),
]);
type SyncMessage = z.infer<typeof syncMessageSchema>;

export interface ClusterSyncOptions {
  /** Nodes can message each other (a Redis adapter is set). */
  messaging: boolean;
  /** The store is shared with other nodes: check the mirror against it. */
  sharedStore: boolean;
}

/**
 * Keeps this node's in-memory sessions in step with the other nodes of a cluster. Each node serves its own
 * sockets from its own mirror; after a commit it tells the others what changed (ballots as deltas, commands
 * as "reload this session"), and every few seconds it checks the mirror of every session its sockets use
 * against the shared store, so a message lost in a Redis restart or a node that died between its commit
 * and its message cannot leave a node showing other numbers for long.
 */
export class ClusterSync {
  readonly nodeId = randomUUID();
  private outgoing: BallotDelta[] = [];
  private outgoingFloorVotes: { sessionId: string; floorId: string; participantKey: string; up: boolean }[] = [];
  private flushScheduled = false;
  private readonly reconciling = new Map<string, Promise<void>>();
  private readonly presenceDirty = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    private readonly io: TafelrondeServer,
    private readonly rooms: Rooms,
    private readonly options: ClusterSyncOptions,
  ) {
    this.unsubscribe = rooms.events.subscribe((event) => this.heard(event));
    if (options.messaging) {
      // serverSideEmit events arrive on the server itself, not on a socket.
      io.on(SYNC_EVENT, (message: unknown) => this.receive(message));
      this.timers.push(setInterval(() => this.sendPresence(true), PRESENCE_INTERVAL_MS));
      this.timers.push(setInterval(() => this.sendPresence(false), 1000));
    }
    if (options.sharedStore) this.timers.push(setInterval(() => this.reconcileActive(), RECONCILE_INTERVAL_MS));
    this.timers.forEach((t) => t.unref());
  }

  /** Is this node one of several? */
  get clustered(): boolean {
    return this.options.messaging || this.options.sharedStore;
  }

  private send(message: SyncMessage): void {
    if (!this.options.messaging) return;
    // The adapter queues while Redis is away; a message lost anyway is caught by the next reconcile.
    try {
      this.io.serverSideEmit(SYNC_EVENT, message);
    } catch {
      // Only the reconcile can help now.
    }
  }

  /** What this node committed, the other nodes must hear of; what it learnt from them, they know already. */
  private heard(event: RoomEvent): void {
    if (!this.options.messaging || event.type === "session-unloaded" || event.origin !== "local") return;
    switch (event.type) {
      case "ballot-saved": {
        const { room, questionId, round, participantKey, ballot } = event;
        return this.ballotSaved({ sessionId: room.id, questionId, round, participantKey, ballot });
      }
      case "floor-voted": {
        const { room, floorId, participantKey, up } = event;
        this.outgoingFloorVotes.push({ sessionId: room.id, floorId, participantKey, up });
        return this.scheduleFlush();
      }
      case "question-changed":
      case "answers-moderated":
      case "session-changed":
      case "floor-changed":
      case "access-revoked":
        return this.send({ type: "changed", from: this.nodeId, sessionId: event.room.id });
      case "session-deleted":
        return this.send({ type: "deleted", from: this.nodeId, sessionId: event.sessionId });
      case "plan-changed":
        return this.send({ type: "plan", from: this.nodeId, sessionId: event.room.id });
      case "presence-changed":
        // Sent at most once a second.
        this.presenceDirty.add(event.room.id);
        return;
      case "ballots-reloaded":
        return;
    }
  }

  /** A ballot this node committed; sent with the others of the same event-loop turn in one message. */
  private ballotSaved(delta: BallotDelta): void {
    this.outgoing.push(delta);
    this.scheduleFlush();
  }

  /** Ballots and upvotes committed in one event-loop turn go out as one message of each. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const deltas = this.outgoing;
      const votes = this.outgoingFloorVotes;
      this.outgoing = [];
      this.outgoingFloorVotes = [];
      if (deltas.length > 0) this.send({ type: "ballots", from: this.nodeId, deltas });
      if (votes.length > 0) this.send({ type: "floor-votes", from: this.nodeId, votes });
    });
  }

  private sendPresence(all: boolean): void {
    const ids = all ? this.rooms.loadedRooms().map((r) => r.id) : [...this.presenceDirty];
    this.presenceDirty.clear();
    const counts: [string, number][] = [];
    for (const id of ids) {
      const room = this.rooms.peek(id);
      // A heartbeat repeats only sessions with someone connected here; a change to zero is sent once.
      if (room && (!all || room.connected.size > 0)) counts.push([id, room.connected.size]);
    }
    if (counts.length > 0) this.send({ type: "presence", from: this.nodeId, counts });
  }

  private receive(raw: unknown): void {
    const parsed = syncMessageSchema.safeParse(raw);
    if (!parsed.success || parsed.data.from === this.nodeId) return;
    const message = parsed.data;
    switch (message.type) {
      case "ballots":
        for (const delta of message.deltas) this.rooms.peek(delta.sessionId)?.applyRemoteBallot(delta);
        return;
      case "floor-votes":
        for (const v of message.votes) this.rooms.peek(v.sessionId)?.applyRemoteFloorVote(v.floorId, v.participantKey, v.up);
        return;
      case "changed": {
        const room = this.rooms.peek(message.sessionId);
        if (room) void this.reconcile(room);
        return;
      }
      case "deleted":
        if (this.rooms.peek(message.sessionId)) this.rooms.deleted(message.sessionId, "remote");
        return;
      case "plan": {
        // The plan is read from the shared store: this node's consoles only need to hear that it changed.
        const room = this.rooms.peek(message.sessionId);
        if (room) this.rooms.events.emit({ type: "plan-changed", room, origin: "remote" });
        return;
      }
      case "presence":
        for (const [sessionId, count] of message.counts) this.rooms.peek(sessionId)?.setRemoteConnected(message.from, count);
        return;
    }
  }

  /** Check one room against the store now (one check at a time per room); the room tells what it found. */
  reconcile(room: Room): Promise<void> {
    const sessionId = room.id;
    const running = this.reconciling.get(sessionId);
    if (running) return running;
    const run = room
      .reconcile()
      .then((exists) => {
        if (!exists) this.rooms.deleted(sessionId, "remote");
      })
      .catch(() => undefined)
      .finally(() => this.reconciling.delete(sessionId));
    this.reconciling.set(sessionId, run);
    return run;
  }

  /**
   * Before a socket joins a session in a cluster: make sure the mirror is recent, so a phone that moved here
   * from a node that died gets back the ballot it was acked for.
   */
  async fresh(room: Room, participantKey?: string): Promise<void> {
    if (!this.options.sharedStore) return;
    if (Date.now() - room.checkedAt > RECONCILE_INTERVAL_MS) await this.reconcile(room);
    // The node it came from may have died between the commit and telling the others.
    if (participantKey !== undefined) await room.refreshBallot(participantKey);
  }

  /** The rooms that have sockets on this node. */
  private reconcileActive(): void {
    const sockets = this.io.sockets.adapter.rooms;
    for (const room of this.rooms.loadedRooms()) {
      if (room.connected.size > 0 || sockets.has(hostsRoom(room.id)) || sockets.has(screensRoom(room.id))) void this.reconcile(room);
    }
  }

  close(): void {
    this.unsubscribe();
    this.timers.forEach((t) => clearInterval(t));
  }
}
