/** Messages to every phone of a room: a large room gets them one shard per event-loop turn, in order. */
import type { ServerToClientEvents } from "../../lib/protocol";
import { phonesRoom, type TafelrondeServer, type TafelrondeSocket } from "./types";

/** Phones of a room are spread over this many shard rooms (by socket id). */
export const PHONE_SHARDS = 16;
/** Rooms up to this size get a message in one go; larger ones one shard per event-loop turn. */
export const SLICE_ABOVE_PHONES = 1000;

export const phonesShardRoom = (sessionId: string, shard: number) => `s:${sessionId}:phones:${shard}`;

/** A stable shard for a socket id (FNV-1a). */
export function shardOf(socketId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < socketId.length; i++) hash = Math.imul(hash ^ socketId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % PHONE_SHARDS;
}

/**
 * Messages to every phone of a session on this node. Writing one message to 10,000 sockets blocks the event
 * loop for some 70 ms, and votes wait behind it; so a large room gets each message one shard per event-loop
 * turn, and votes are handled between the shards. Messages go out in the order they were given, for every
 * phone: each session has one queue of slices.
 */
export class PhoneFanout {
  private readonly queues = new Map<string, (() => void)[]>();

  constructor(
    private readonly io: TafelrondeServer,
    private readonly sliceAbove = SLICE_ABOVE_PHONES,
  ) {}

  /** Put a phone in its session's shard room (besides the phones room). */
  join(socket: TafelrondeSocket, sessionId: string): void {
    void socket.join([phonesRoom(sessionId), phonesShardRoom(sessionId, shardOf(socket.id))]);
  }

  /** The same message to every phone: one serialisation per shard. */
  emit<E extends "results:updated" | "question:updated" | "floor:updated" | "floor:votes">(sessionId: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    this.send(sessionId, (room) => {
      const target = this.io.local.to(room) as { emit(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): boolean };
      target.emit(event, payload);
    });
  }

  /** A message of its own to each phone (its state with its ballot). */
  each(sessionId: string, send: (socket: TafelrondeSocket) => void): void {
    this.send(sessionId, (room) => {
      for (const id of this.io.sockets.adapter.rooms.get(room) ?? []) {
        const socket = this.io.sockets.sockets.get(id);
        if (socket) send(socket);
      }
    });
  }

  private send(sessionId: string, deliver: (room: string) => void): void {
    const size = this.io.sockets.adapter.rooms.get(phonesRoom(sessionId))?.size ?? 0;
    const queue = this.queues.get(sessionId);
    if (!queue && size <= this.sliceAbove) return deliver(phonesRoom(sessionId));
    // Only shards with phones in them: an empty one would cost the queue a turn for nothing.
    const rooms = this.io.sockets.adapter.rooms;
    const slices = Array.from({ length: PHONE_SHARDS }, (_, shard) => phonesShardRoom(sessionId, shard))
      .filter((room) => rooms.has(room))
      .map((room) => () => deliver(room));
    if (slices.length === 0) return;
    if (queue) return void queue.push(...slices);
    this.queues.set(sessionId, slices);
    this.next(sessionId);
  }

  private next(sessionId: string): void {
    const queue = this.queues.get(sessionId);
    const slice = queue?.shift();
    if (!queue || !slice) return void this.queues.delete(sessionId);
    slice();
    if (queue.length === 0) this.queues.delete(sessionId);
    else setImmediate(() => this.next(sessionId));
  }

  /** Drop what is still queued for a session (deleted). */
  forget(sessionId: string): void {
    this.queues.delete(sessionId);
  }
}
