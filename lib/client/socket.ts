import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, FacilitatorAuth, ParticipantAuth, ScreenAuth, ServerToClientEvents } from "../protocol";

export type SessionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketAuth = ParticipantAuth | FacilitatorAuth | ScreenAuth;

/**
 * The only place the browser opens a socket. Emits that get no ack within `ackTimeout` are sent again
 * (up to `retries` times, also across a reconnect), which is safe because votes carry a voteId.
 */
export function openSessionSocket(auth: SocketAuth): SessionSocket {
  return io({
    auth,
    // Conference Wi-Fi may block WebSockets; polling stays as the fallback.
    transports: ["websocket", "polling"],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    ackTimeout: 8000,
    retries: 20,
  });
}
