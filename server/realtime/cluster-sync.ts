import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { BallotDelta, LiveSession, Reconciled, SessionService } from "../session-service";
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
  z.object({ type: z.literal("changed"), from: z.string(), sessionId: z.string() }),
  z.object({ type: z.literal("deleted"), from: z.string(), sessionId: z.string() }),
  z.object({ type: z.literal("presence"), from: z.string(), counts: z.array(z.tuple([z.string(), z.number().int().min(0)])) }),
]);
type SyncMessage = z.infer<typeof syncMessageSchema>;

/** What the realtime layer does when another node changed something. */
export interface SyncHooks {
  /** Ballots of this session changed; `newRespondents` when someone answered for the first time. */
  ballotsChanged(live: LiveSession, newRespondents: boolean): void;
  /**
   * The session or its questions changed: facilitators and screens need a fresh state; phones too when
   * `activeChanged`, else the active question changed in place.
   */
  stateChanged(live: LiveSession, found: Pick<Reconciled, "activeChanged" | "activeUpdated">): void;
  /** The cluster-wide connected figure changed. */
  presenceChanged(live: LiveSession): void;
  /** The session was deleted on another node. */
  sessionDeleted(sessionId: string): void;
}

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
  private flushScheduled = false;
  private readonly reconciling = new Map<string, Promise<void>>();
  private readonly presenceDirty = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly io: TafelrondeServer,
    private readonly service: SessionService,
    private readonly hooks: SyncHooks,
    private readonly options: ClusterSyncOptions,
  ) {
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

  /** A ballot this node committed; sent with the others of the same event-loop turn in one message. */
  ballotSaved(delta: BallotDelta): void {
    if (!this.options.messaging) return;
    this.outgoing.push(delta);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const deltas = this.outgoing;
      this.outgoing = [];
      if (deltas.length > 0) this.send({ type: "ballots", from: this.nodeId, deltas });
    });
  }

  sessionChanged(sessionId: string): void {
    this.send({ type: "changed", from: this.nodeId, sessionId });
  }

  sessionDeleted(sessionId: string): void {
    this.send({ type: "deleted", from: this.nodeId, sessionId });
  }

  /** This node's connected figure of a session changed; sent at most once a second. */
  presenceChanged(sessionId: string): void {
    if (this.options.messaging) this.presenceDirty.add(sessionId);
  }

  private sendPresence(all: boolean): void {
    const ids = all ? this.service.loadedSessions().map((l) => l.session.id) : [...this.presenceDirty];
    this.presenceDirty.clear();
    const counts: [string, number][] = [];
    for (const id of ids) {
      const live = this.service.peek(id);
      // A heartbeat repeats only sessions with someone connected here; a change to zero is sent once.
      if (live && (!all || live.connected.size > 0)) counts.push([id, live.connected.size]);
    }
    if (counts.length > 0) this.send({ type: "presence", from: this.nodeId, counts });
  }

  private receive(raw: unknown): void {
    const parsed = syncMessageSchema.safeParse(raw);
    if (!parsed.success || parsed.data.from === this.nodeId) return;
    const message = parsed.data;
    switch (message.type) {
      case "ballots": {
        const touched = new Map<string, boolean>();
        for (const delta of message.deltas) {
          const applied = this.service.applyRemoteBallot(delta);
          if (applied) touched.set(delta.sessionId, (touched.get(delta.sessionId) ?? false) || applied === "new");
        }
        for (const [sessionId, newRespondents] of touched) {
          const live = this.service.peek(sessionId);
          if (live) this.hooks.ballotsChanged(live, newRespondents);
        }
        return;
      }
      case "changed": {
        const live = this.service.peek(message.sessionId);
        if (live) void this.reconcile(live);
        return;
      }
      case "deleted":
        if (this.service.peek(message.sessionId)) {
          this.service.forget(message.sessionId);
          this.hooks.sessionDeleted(message.sessionId);
        }
        return;
      case "presence":
        for (const [sessionId, count] of message.counts) {
          if (this.service.setRemoteConnected(sessionId, message.from, count)) {
            const live = this.service.peek(sessionId);
            if (live) this.hooks.presenceChanged(live);
          }
        }
        return;
    }
  }

  /** Check one session against the store now (one check at a time per session), then tell the sockets. */
  reconcile(live: LiveSession): Promise<void> {
    const sessionId = live.session.id;
    const running = this.reconciling.get(sessionId);
    if (running) return running;
    const run = this.service
      .reconcile(live)
      .then((found) => {
        if (found.deleted) return this.hooks.sessionDeleted(sessionId);
        if (found.stateChanged) this.hooks.stateChanged(live, found);
        else if (found.ballotsChanged) this.hooks.ballotsChanged(live, true);
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
  async fresh(live: LiveSession, participantKey?: string): Promise<void> {
    if (!this.options.sharedStore) return;
    if (Date.now() - live.checkedAt > RECONCILE_INTERVAL_MS) await this.reconcile(live);
    if (participantKey === undefined) return;
    // The node it came from may have died between the commit and telling the others.
    const found = await this.service.refreshBallot(live, participantKey);
    if (found) this.hooks.ballotsChanged(live, found === "new");
  }

  /** The sessions that have sockets on this node. */
  private reconcileActive(): void {
    for (const live of this.service.loadedSessions()) {
      const rooms = this.io.sockets.adapter.rooms;
      if (live.connected.size > 0 || rooms.has(hostsRoom(live.session.id)) || rooms.has(screensRoom(live.session.id))) {
        void this.reconcile(live);
      }
    }
  }

  close(): void {
    this.timers.forEach((t) => clearInterval(t));
  }
}
