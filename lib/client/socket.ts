/** The browser's one Socket.IO connection factory, typed with the protocol's event maps. */
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, FacilitatorAuth, ParticipantAuth, ScreenAuth, ServerToClientEvents } from "../protocol";

export type SessionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketAuth = ParticipantAuth | FacilitatorAuth | ScreenAuth;

/**
 * The only place the browser opens a socket. Emits that get no ack within `ackTimeout` are sent again
 * (up to `retries` times, also across a reconnect), which is safe because votes carry a voteId.
 */
export function openSessionSocket(auth: SocketAuth): SessionSocket {
  // A random key per socket, sent on every request: a load balancer hashes on it (nginx `hash $arg_lb`) so
  // the HTTP long-polling fallback keeps reaching the same node, while a whole hall behind one NAT address
  // still spreads over all nodes.
  const lb = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36).padStart(2, "0")).join("");
  return io({
    auth,
    query: { lb },
    // Conference Wi-Fi may block WebSockets; polling stays as the fallback.
    transports: ["websocket", "polling"],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    ackTimeout: 8000,
    retries: 20,
  });
}
