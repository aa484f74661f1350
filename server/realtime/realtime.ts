/**
 * Socket.IO for the rooms: admits sockets (handshake.ts), registers one handler per event of the protocol's
 * registry (parse -> room -> ack), and hears the rooms' domain events to decide who is told what (broadcasts.ts).
 */
import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions } from "socket.io";
import { CLIENT_EVENTS, describeZodError, fail, type Ack, type ClientEventName } from "../../lib/protocol";
import type { FloodGuard } from "../flood-guard";
import type { Room } from "../room/room";
import type { Rooms } from "../room/rooms";
import { StoreUnavailableError } from "../store/store";
import { createBroadcasts } from "./broadcasts";
import { ClusterSync } from "./cluster-sync";
import { handshakeMiddleware, type HandshakeOptions } from "./handshake";
import { hostsRoom, screensRoom, type TafelrondeServer, type TafelrondeSocket } from "./types";

/** A vote is a few hundred bytes; anything near this limit is not a vote. */
export const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;

export interface Realtime {
  io: TafelrondeServer;
  sync: ClusterSync;
  close(): Promise<void>;
}

/** How several nodes work together; a single node has neither. */
export interface ClusterOptions {
  /** The Socket.IO adapter that carries messages between nodes (Redis). */
  adapter?: ServerOptions["adapter"];
  /** The store is shared by several nodes (PostgreSQL). */
  sharedStore: boolean;
}

/** The ack for a store error: retryable when the database was unreachable or full, nothing was stored either way. */
function storeFailure(error: unknown, what: string) {
  return error instanceof StoreUnavailableError
    ? fail("unavailable", `the database cannot take writes for a moment; ${what} was not stored, please send it again`)
    : fail("internal_error", `${what} could not be stored; please try again`);
}

type AckFn = (ack: Ack<unknown>) => void;

/** Clients may emit without an ack callback; the server must not crash on that. */
function safeAck(ack: unknown): AckFn {
  return typeof ack === "function" ? (ack as AckFn) : () => {};
}

/** What one event does once its payload is parsed and its sender allowed. */
function dispatch(room: Room, socket: TafelrondeSocket, event: ClientEventName, payload: unknown): Promise<Ack<unknown>> {
  const key = socket.data.participantKey ?? "";
  switch (event) {
    case "vote:cast":
      return room.castVote(key, payload as never);
    case "floor:ask":
      return room.askFloor(key, payload as never);
    case "floor:upvote":
      return room.upvoteFloor(key, payload as never);
    default:
      return room.command(event, payload as never);
  }
}

export function createRealtime(
  httpServer: HttpServer,
  rooms: Rooms,
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
  const broadcasts = createBroadcasts(io, rooms);
  const sync = new ClusterSync(io, rooms, { messaging: cluster.adapter !== undefined, sharedStore: cluster.sharedStore });

  io.use(handshakeMiddleware(rooms, guard, options, (room, key) => sync.fresh(room, key)));

  io.on("connection", (socket: TafelrondeSocket) => {
    const { sessionId, role, participantKey } = socket.data;
    // Loaded by the handshake; looked up synchronously so no event can arrive before the handlers exist.
    const room = rooms.peek(sessionId);
    if (!room) return void socket.disconnect(true);
    room.attach(1);
    if (role === "participant" && participantKey) {
      broadcasts.joinPhones(socket, sessionId);
      room.participantConnected(participantKey);
    } else {
      void socket.join(role === "screen" ? screensRoom(sessionId) : hostsRoom(sessionId));
    }
    socket.on("disconnect", () => {
      room.attach(-1);
      if (role === "participant" && participantKey) room.participantDisconnected(participantKey);
    });
    socket.emit("session:state", broadcasts.stateFor(room, socket));

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

    // One handler per event of the registry: who may send it, how it is parsed, where it goes.
    for (const event of Object.keys(CLIENT_EVENTS) as ClientEventName[]) {
      const spec = CLIENT_EVENTS[event];
      socket.on(event, async (payload: unknown, ackArg: unknown) => {
        const ack = safeAck(ackArg);
        if (role !== spec.role || (role === "participant" && !participantKey)) {
          return ack(fail("forbidden", spec.role === "participant" ? "only participants vote" : "only the facilitator can do this"));
        }
        const parsed = spec.schema.safeParse(payload);
        if (!parsed.success) return ack(fail("invalid_payload", describeZodError(parsed.error)));
        try {
          ack(await dispatch(room, socket, event, parsed.data));
        } catch (error) {
          ack(storeFailure(error, event === "vote:cast" ? "the vote" : event === "floor:ask" ? "the question" : event === "floor:upvote" ? "the upvote" : "the change"));
        }
      });
    }
  });

  return {
    io,
    sync,
    async close() {
      sync.close();
      broadcasts.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
