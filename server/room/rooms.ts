/**
 * The rooms a node holds in memory: made, found (by id or join code), loaded from the store on demand, left to
 * go when idle, deleted. Also the keys derived from the server secret. Memory follows the sessions in use, not
 * every session since the start.
 */
import { SESSION_TEMPLATES, type QuestionTemplate, type SessionTemplate } from "../../lib/templates";
import type { Language } from "../../lib/protocol";
import { derivedKey, hashKey, newId, newJoinCode, newSecretKey, participantKey } from "../keys";
import { FRESH_QUESTION, JoinCodeTakenError, type Store, type StoredAction, type StoredNetwork, type StoredPublication, type StoredQuestion, type StoredSession } from "../store/store";
import { publicationExpiry, publicationLive } from "../../lib/poll/publication";
import { FLOOR_CLOSED } from "../../lib/poll/floor";
import { measurementTitle } from "../../lib/session-titles";
import { parseActionTemplate } from "../../lib/poll/actions";
import { reviewQuestions } from "./action-plan";
import { FloorBook } from "./floor-book";
import { loadQuestion, Room } from "./room";
import { RoomEvents } from "./room-events";

/** A room without sockets leaves memory after this long without a socket, a request or a command. */
export const DEFAULT_IDLE_UNLOAD_MS = 10 * 60 * 1000;

export interface CreatedSessionKeys {
  session: StoredSession;
  hostKey: string;
  screenKey: string;
}

export interface RoomsOptions {
  /** How long an unused room stays in memory; see DEFAULT_IDLE_UNLOAD_MS. */
  idleUnloadMs?: number;
  /** The privacy threshold (MIN_GROUP_SIZE): no group's numbers with fewer respondents leave a room. */
  minGroupSize?: number;
}

/** A session's questions from its template; an audience names its grouping question by template, here by id. */
function questionsFromTemplates(templates: readonly QuestionTemplate[], sessionId: string): StoredQuestion[] {
  const ids = templates.map(() => newId("q_"));
  const idOf = (template: string) => ids[templates.findIndex((t) => t.id === template)];
  return templates.map((t, position) => {
    const groupingId = t.audience && idOf(t.audience.template);
    return {
      id: ids[position] ?? newId("q_"),
      sessionId,
      position,
      kind: t.kind,
      template: t.id,
      prompt: null,
      options: null,
      maxChoices: t.maxChoices,
      scale: null,
      ...FRESH_QUESTION,
      grouping: t.grouping ?? false,
      audience: t.audience && groupingId ? { questionId: groupingId, optionIds: [...t.audience.optionIds] } : null,
    };
  });
}

/**
 * The questions of a copy or a next measurement: the same, fresh, under new ids, audiences pointing at the copies
 * of their grouping questions. An action round's questions (proposals, the dot vote, the review) stay behind: they
 * were about that meeting's answers. Positions are the caller's (see `create`).
 */
function copiedQuestions(room: Room, sessionId: string): StoredQuestion[] {
  const kept = room.questions.filter((q) => parseActionTemplate(q.stored.template) === null);
  const ids = new Map(kept.map((q) => [q.stored.id, newId("q_")]));
  return kept.map((q) => {
    const audience = q.stored.audience;
    const groupingId = audience && ids.get(audience.questionId);
    return {
      ...q.stored,
      ...FRESH_QUESTION,
      // The copy keeps what the facilitator set: its notes and whether it is a silent vote.
      notes: q.stored.notes,
      silent: q.stored.silent,
      id: ids.get(q.stored.id) ?? newId("q_"),
      sessionId,
      audience: audience && groupingId ? { questionId: groupingId, optionIds: [...audience.optionIds] } : null,
    };
  });
}

export class Rooms {
  /** Every room's domain events, for the transport and the cluster sync. */
  readonly events = new RoomEvents();
  private readonly loading = new Map<string, Promise<Room | undefined>>();
  private readonly loaded = new Map<string, Room>();
  /** join code -> session id of loaded rooms. */
  private readonly byCode = new Map<string, string>();
  private secretPromise: Promise<Buffer> | undefined;
  private readonly idleUnloadMs: number;
  private readonly minGroupSize: number;
  private readonly sweeper: NodeJS.Timeout;
  /** The measurement being made now (see newMeasurement). */
  private measuring: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: Store,
    options: RoomsOptions = {},
  ) {
    this.idleUnloadMs = options.idleUnloadMs ?? DEFAULT_IDLE_UNLOAD_MS;
    this.minGroupSize = options.minGroupSize ?? 5;
    // Check a few times per idle period, so a room leaves within about 1.25 periods of its last use.
    this.sweeper = setInterval(() => this.unloadIdle(), Math.max(250, this.idleUnloadMs / 4));
    this.sweeper.unref();
  }

  async createSession(input: {
    title: string;
    language: Language;
    template?: SessionTemplate;
    copyOf?: Room;
    /** A measurement of a network (the network exists already). */
    network?: { id: string; measurement: number };
    /** The previous measurement's action plan: the new session opens by asking the room how far each action got. */
    reviewOf?: readonly StoredAction[];
  }): Promise<CreatedSessionKeys> {
    const hostKey = newSecretKey();
    const id = newId();
    const screenKey = await this.screenKey(id);
    const reviews = reviewQuestions(input.reviewOf ?? [], id, input.language);
    // The review first, then the questions; numbered once, in that order.
    const questions = [...reviews, ...(input.copyOf ? copiedQuestions(input.copyOf, id) : questionsFromTemplates(SESSION_TEMPLATES[input.template ?? "challenges"], id))].map(
      (q, position) => ({ ...q, position }),
    );
    // A code collision is rare (hundreds of millions of codes); the UNIQUE constraint catches it and we retry.
    for (let attempt = 0; ; attempt++) {
      const session: StoredSession = {
        id,
        code: newJoinCode(),
        title: input.title,
        language: input.language,
        hostKeyHash: hashKey(hostKey),
        screenKeyHash: hashKey(screenKey),
        createdAt: new Date().toISOString(),
        activeQuestionId: questions[0]?.id ?? null,
        splitBy: null,
        // A copy asks the room as the original did (open, with or without approval); its questions stay behind.
        floor: input.copyOf ? { ...FLOOR_CLOSED, open: input.copyOf.session.floor.open, approval: input.copyOf.session.floor.approval } : FLOOR_CLOSED,
        networkId: input.network?.id ?? null,
        measurement: input.network?.measurement ?? null,
        // A copy or a next measurement is published on its own, if at all.
        publication: null,
      };
      try {
        await this.store.createSession(session, questions);
        return { session, hostKey, screenKey };
      } catch (error) {
        if (attempt >= 5 || !(error instanceof JoinCodeTakenError)) throw error;
      }
    }
  }

  /** The room, from memory or loaded from the store; counts as a use of it. */
  get(sessionId: string): Promise<Room | undefined> {
    const room = this.loaded.get(sessionId);
    if (room) {
      room.lastUsedAt = Date.now();
      return Promise.resolve(room);
    }
    let loading = this.loading.get(sessionId);
    if (!loading) {
      loading = this.load(sessionId);
      this.loading.set(sessionId, loading);
      // Unknown ids are not kept, so probing ids cannot grow memory.
      const done = () => this.loading.delete(sessionId);
      loading.then(done, done);
    }
    return loading;
  }

  /** The room when it is in memory already (a socket of it is connected, or it was used lately). */
  peek(sessionId: string): Room | undefined {
    return this.loaded.get(sessionId);
  }

  async getByCode(code: string): Promise<Room | undefined> {
    // A whole hall joins with the same code within a minute: answer from memory once the room is loaded.
    const known = this.byCode.get(code);
    if (known && this.loaded.has(known)) return this.get(known);
    const session = await this.store.findSessionByCode(code);
    return session ? this.get(session.id) : undefined;
  }

  private async load(sessionId: string): Promise<Room | undefined> {
    const session = await this.store.findSessionById(sessionId);
    if (!session) return undefined;
    const [questions, floor, coHosts] = await Promise.all([
      Promise.all((await this.store.listQuestions(sessionId)).map((q) => loadQuestion(this.store, q))),
      this.store.listFloor(sessionId),
      this.store.listCoHosts(sessionId),
    ]);
    const room = new Room({ store: this.store, events: this.events, minGroupSize: this.minGroupSize }, session, questions, FloorBook.from(floor), coHosts);
    this.loaded.set(sessionId, room);
    this.byCode.set(session.code, sessionId);
    // A countdown that ran out while the room was not in memory (a restart, an unload) closes now.
    room.watchDeadlines();
    return room;
  }

  /**
   * The next measurement of a session's network: a new session with the same questions, numbered after the network's
   * last measurement. The first time, the network is made, named after the session, with the session as measurement 1.
   * Measurements are made one after the other, so two clicks at once cannot both become measurement 2.
   */
  newMeasurement(room: Room): Promise<CreatedSessionKeys & { networkId: string; measurement: number }> {
    const run = async () => {
      let network = room.session.networkId ? await this.store.findNetwork(room.session.networkId) : undefined;
      if (!network) {
        network = { id: newId("n_"), name: room.session.title, createdAt: new Date().toISOString() };
        await this.store.createNetwork(network);
        await this.store.setSessionNetwork(room.id, network.id, 1);
        room.session = { ...room.session, networkId: network.id, measurement: 1 };
      }
      const sessions = await this.store.listNetworkSessions(network.id);
      const measurement = Math.max(0, ...sessions.map((s) => s.measurement ?? 0)) + 1;
      const { language } = room.session;
      const plan = await this.store.listActions(room.id);
      const created = await this.createSession({ title: measurementTitle(network.name, measurement, language), language, copyOf: room, network: { id: network.id, measurement }, reviewOf: plan });
      return { ...created, networkId: network.id, measurement };
    };
    const next = this.measuring.then(run, run);
    this.measuring = next.catch(() => undefined);
    return next;
  }

  /** Put the participants' results page up for `days` days, at a new address (an earlier one stops working). */
  async publish(room: Room, days: number): Promise<StoredPublication> {
    const now = new Date();
    const publication: StoredPublication = { token: newSecretKey(), publishedAt: now.toISOString(), expiresAt: publicationExpiry(now, days), withdrawnAt: null };
    await this.store.setPublication(room.id, publication);
    room.session = { ...room.session, publication };
    this.events.emit({ type: "session-changed", room, origin: "local" });
    return publication;
  }

  /** Take the results page down; false when it was not up. */
  async withdraw(room: Room): Promise<boolean> {
    const current = room.session.publication;
    if (!current || !publicationLive(current, Date.now())) return false;
    const publication = { ...current, withdrawnAt: new Date().toISOString() };
    await this.store.setPublication(room.id, publication);
    room.session = { ...room.session, publication };
    this.events.emit({ type: "session-changed", room, origin: "local" });
    return true;
  }

  /** A network with its sessions (by measurement), or undefined when there is no such network. */  /** A network with its sessions (by measurement), or undefined when there is no such network. */
  async network(networkId: string): Promise<{ network: StoredNetwork; sessions: StoredSession[] } | undefined> {
    const network = await this.store.findNetwork(networkId);
    return network ? { network, sessions: await this.store.listNetworkSessions(networkId) } : undefined;
  }

  /** Rooms in this node's memory. */  /** Rooms in this node's memory. */
  loadedRooms(): Room[] {
    return [...this.loaded.values()];
  }

  /** Delete a session and all its data at once (the facilitator's right to erase). */
  async delete(room: Room): Promise<void> {
    await this.store.deleteSession(room.id);
    this.deleted(room.id, "local");
  }

  /** Delete sessions created more than `days` days ago; returns their ids. */
  async deleteExpired(days: number, now = new Date()): Promise<string[]> {
    const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
    const ids = await this.store.deleteSessionsCreatedBefore(cutoff);
    ids.forEach((id) => this.deleted(id, "local"));
    return ids;
  }

  /** A session is gone (deleted here, or on another node: `remote`): drop it and tell. */
  deleted(sessionId: string, origin: "local" | "remote"): void {
    this.drop(sessionId);
    this.events.emit({ type: "session-deleted", sessionId, origin });
  }

  private drop(sessionId: string): void {
    const room = this.loaded.get(sessionId);
    if (room) this.byCode.delete(room.session.code);
    room?.dispose();
    this.loaded.delete(sessionId);
  }

  /** Let rooms without sockets that were not used for the idle period leave memory; returns how many left. */
  unloadIdle(now = Date.now()): number {
    let unloaded = 0;
    for (const room of this.loaded.values()) {
      if (room.sockets > 0 || now - room.lastUsedAt < this.idleUnloadMs) continue;
      this.drop(room.id);
      this.events.emit({ type: "session-unloaded", sessionId: room.id });
      unloaded += 1;
    }
    return unloaded;
  }

  private secret(): Promise<Buffer> {
    this.secretPromise ??= this.store.secret();
    return this.secretPromise;
  }

  /** The participant key stored with a ballot: a keyed pseudonym of the browser's id within one session. */
  async participantKey(sessionId: string, participantId: string): Promise<string> {
    return participantKey(await this.secret(), sessionId, participantId);
  }

  /**
   * The read-only screen key is derived from the server secret, so the console can always hand out the
   * screen link without the database keeping the key itself.
   */
  async screenKey(sessionId: string): Promise<string> {
    return derivedKey(await this.secret(), "screen", sessionId);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const room of this.loaded.values()) room.dispose();
  }
}
