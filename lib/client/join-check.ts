/**
 * Whether a typed join code belongs to a session, asked before the home page hands over to the phone page: a wrong
 * code then stays in its field with a message beside it instead of ending on a page without one.
 */
import { participantId } from "./local";

/** `unknown`: no session has this code; `rate_limited`: too many wrong codes from here; `go`: open the phone page. */
export type JoinCheck = "go" | "unknown" | "rate_limited";

/** How long a slow network may take before the phone page, which keeps trying by itself, takes over. */
const CHECK_TIMEOUT_MS = 4000;
/**
 * The checking socket stays this long after a right code, so the phone page's own socket (same participant id)
 * is in before it leaves and the console's participant count does not blink.
 */
const HANDOVER_MS = 3000;

/**
 * Asks the server the one way it answers a join code: a participant handshake (a wrong one counts against this
 * address's failed joins like any other). Only a refusal that names the code keeps the person on the home page;
 * anything else (a slow or briefly unavailable server) goes on to the phone page, which waits and retries.
 */
export async function checkJoinCode(code: string): Promise<JoinCheck> {
  // Loaded on demand: the home page's first load stays without socket.io, and the phone page reuses the chunk.
  const { openSessionSocket } = await import("./socket");
  const socket = openSessionSocket({ code, participantId: participantId() });
  return new Promise<JoinCheck>((resolve) => {
    const done = (result: JoinCheck, linger = 0) => {
      clearTimeout(timer);
      socket.off();
      setTimeout(() => socket.disconnect(), linger);
      resolve(result);
    };
    const timer = setTimeout(() => done("go"), CHECK_TIMEOUT_MS);
    socket.on("connect", () => done("go", HANDOVER_MS));
    socket.on("connect_error", (error) => {
      // An active socket is retrying a network error by itself: leave that to the phone page.
      if (socket.active) return;
      if (error.message.startsWith("session_not_found")) done("unknown");
      else if (error.message.startsWith("rate_limited")) done("rate_limited");
      // A server that cannot read its database for a moment, or any other refusal: the phone page says or retries it.
      else done("go");
    });
  });
}
