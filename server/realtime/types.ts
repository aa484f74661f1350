/** The typed Socket.IO server and socket of Tafelronde, and the names of a session's rooms. */
import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, Role, ServerToClientEvents } from "../../lib/protocol";

/** What the handshake established about a socket; set once in `io.use`. */
export interface SocketData {
  role: Role;
  sessionId: string;
  /** Per-session pseudonym (participants only). */
  participantKey?: string;
  /** Link for phones, derived from the Host the browser used (facilitators and screens). */
  joinUrl?: string;
  /** Path of the screen view with its read-only key (facilitators only). */
  screenPath?: string;
  /** A co-facilitator's link (facilitators who are not the session's owner). */
  coHostId?: string;
}

/** Between the nodes of a cluster (through the adapter); parsed on arrival like any other input. */
export interface InterServerEvents {
  "tafelronde:sync": (message: unknown) => void;
}

export type TafelrondeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type TafelrondeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Facilitators' sockets. */
export const hostsRoom = (sessionId: string) => `s:${sessionId}:hosts`;
/** Projector screens: read-only, and they never receive hidden open answers. */
export const screensRoom = (sessionId: string) => `s:${sessionId}:screens`;
export const phonesRoom = (sessionId: string) => `s:${sessionId}:phones`;
