/** The Socket.IO handshake: who a socket is (participant, facilitator or screen), checked before any event. */
import {
  facilitatorAuthSchema,
  HANDSHAKE_ERRORS,
  participantAuthSchema,
  screenAuthSchema,
} from "../../lib/protocol";
import { normaliseJoinCode } from "../../lib/join-code";
import type { FloodGuard } from "../flood-guard";
import { clientAddress, originAllowed, publicBaseUrl } from "../public-url";
import type { Room } from "../room/room";
import type { Rooms } from "../room/rooms";
import { StoreUnavailableError } from "../store/store";
import type { TafelrondeSocket } from "./types";

export interface HandshakeOptions {
  publicUrl: string | undefined;
  allowedOrigins: readonly string[];
  /** Reverse proxies in front; see Config.trustProxy. */
  trustProxy: number;
}

/** Socket.IO hands the message of this error to the client as `connect_error`. */
function refuse(code: string, message: string): Error {
  const error = new Error(`${code}: ${message}`) as Error & { data: { code: string } };
  error.data = { code };
  return error;
}

/**
 * Authenticate every socket before any event is handled: participants by join code, facilitators by host
 * key, screens by their read-only key (or the host key). Keys are compared in constant time and never logged.
 */
export function handshakeMiddleware(
  rooms: Rooms,
  guard: FloodGuard,
  options: HandshakeOptions,
  /** In a cluster: bring the session's mirror up to date before the socket gets its state. */
  beforeJoin: (room: Room, participantKey?: string) => Promise<void> = async () => {},
) {
  const allowed = options.publicUrl ? [options.publicUrl, ...options.allowedOrigins] : options.allowedOrigins;
  return async (socket: TafelrondeSocket, next: (err?: Error) => void): Promise<void> => {
    try {
      const headers = socket.handshake.headers;
      if (!originAllowed(headers.origin, headers.host, allowed)) {
        return next(refuse(HANDSHAKE_ERRORS.forbiddenOrigin, "this origin may not connect"));
      }
      const address = clientAddress(headers, socket.handshake.address, options.trustProxy);
      // Only failed joins count per address, so the join-code space cannot be walked; a hall behind one
      // NAT address joins freely.
      if (!(await guard.joinAllowed(address))) {
        return next(refuse(HANDSHAKE_ERRORS.rateLimited, "too many failed attempts from this address; wait a minute"));
      }
      const failed = async (code: string, message: string) => {
        await guard.joinFailed(address);
        return next(refuse(code, message));
      };
      const auth: unknown = socket.handshake.auth;
      const baseUrl = publicBaseUrl(options.publicUrl, headers.host);

      const asParticipant = participantAuthSchema.safeParse(auth);
      if (asParticipant.success) {
        const code = normaliseJoinCode(asParticipant.data.code);
        const room = code ? await rooms.getByCode(code) : undefined;
        if (!room) return failed(HANDSHAKE_ERRORS.unknownCode, "no session with this code");
        const key = await rooms.participantKey(room.id, asParticipant.data.participantId);
        await beforeJoin(room, key);
        socket.data = { role: "participant", sessionId: room.id, participantKey: key };
        return next();
      }

      const asFacilitator = facilitatorAuthSchema.safeParse(auth);
      const asScreen = screenAuthSchema.safeParse(auth);
      const sessionId = asFacilitator.success ? asFacilitator.data.sessionId : asScreen.success ? asScreen.data.sessionId : undefined;
      if (sessionId === undefined) {
        return next(refuse(HANDSHAKE_ERRORS.invalidAuth, "auth must be {code, participantId}, {sessionId, hostKey} or {sessionId, screenKey}"));
      }
      const room = await rooms.get(sessionId);
      if (!room) return failed(HANDSHAKE_ERRORS.unknownCode, "no such session");
      await beforeJoin(room);
      const joinLink = `${baseUrl}/j/${room.session.code}`;
      if (asFacilitator.success) {
        const key = asFacilitator.data.hostKey;
        let access = room.facilitatorAccess(key);
        // In a cluster the link may have been made on another node a moment ago.
        if (!access && room.store.shared) {
          await room.refreshCoHosts();
          access = room.facilitatorAccess(key);
        }
        if (!access) return failed(HANDSHAKE_ERRORS.wrongKey, "wrong host key");
        const screenPath = `/s/${sessionId}/screen#key=${await rooms.screenKey(sessionId)}`;
        socket.data = { role: "facilitator", sessionId, joinUrl: joinLink, screenPath, ...(access.coHostId ? { coHostId: access.coHostId } : {}) };
        return next();
      }
      if (asScreen.success) {
        const key = asScreen.data.screenKey;
        if (!room.screenKeyMatches(key) && !room.hostKeyMatches(key)) {
          return failed(HANDSHAKE_ERRORS.wrongKey, "wrong screen key");
        }
        socket.data = { role: "screen", sessionId, joinUrl: joinLink };
        return next();
      }
      return next(refuse(HANDSHAKE_ERRORS.invalidAuth, "invalid auth"));
    } catch (error) {
      if (error instanceof StoreUnavailableError) {
        return next(refuse(HANDSHAKE_ERRORS.unavailable, "the database cannot be used for a moment; trying again"));
      }
      return next(refuse("internal_error", "the server could not check this connection"));
    }
  };
}
