/**
 * The phone's first view, drawn on the server: the session and its active question (and the results while
 * they are shown), handed to the page by the server in a request header, so the question is in the first
 * HTML instead of waiting for the scripts and the socket. The participant's own ballot is not in it (the
 * participant id lives in the phone's localStorage); it follows over the socket.
 */
import type { FirstView } from "@/lib/protocol";

export { FIRST_VIEW_HEADER, type FirstView } from "@/lib/protocol";

/** The first view in the header, or `undefined` (no such session, an older server, or a malformed value). */
export function parseFirstView(header: string | null): FirstView | undefined {
  if (!header) return undefined;
  try {
    const value = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as Partial<FirstView> | null;
    const s = value?.session;
    if (!s || typeof s.title !== "string" || typeof s.code !== "string" || typeof s.language !== "string") return undefined;
    return value as FirstView;
  } catch {
    return undefined;
  }
}
