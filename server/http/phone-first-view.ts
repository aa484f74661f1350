/**
 * The phone's first view for `GET /j/{code}`: the server looks the session up and hands the page its active
 * question in a request header (FIRST_VIEW_HEADER), so the phone draws the question before its scripts and socket
 * are there. The page works without it. A lookup by code counts like a join: an unknown code is a failed join for
 * the address, so the page is no free way to guess codes.
 */
import type { IncomingMessage } from "node:http";
import { normaliseJoinCode } from "../../lib/join-code";
import { FIRST_VIEW_HEADER, type FirstView } from "../../lib/protocol";
import type { FloodGuard } from "../flood-guard";
import { clientAddress } from "../public-url";
import type { Rooms } from "../room/rooms";

const JOIN_PAGE = /^\/j\/([^/?#]{1,32})(?:[?#]|$)/;

export function phoneFirstView(rooms: Rooms, guard: FloodGuard, trustProxy: number) {
  /** Set (or remove) the header on a page request before Next handles it. */
  return async function addFirstView(req: IncomingMessage): Promise<void> {
    // Only the server writes this header: what a client sent under its name is dropped.
    delete req.headers[FIRST_VIEW_HEADER];
    const join = req.method === "GET" ? JOIN_PAGE.exec(req.url ?? "") : null;
    if (!join) return;
    try {
      const address = clientAddress(req.headers, req.socket.remoteAddress, trustProxy);
      if (!(await guard.joinAllowed(address))) return;
      const code = normaliseJoinCode(decodeURIComponent(join[1] ?? ""));
      const room = code ? await rooms.getByCode(code) : undefined;
      if (!room) return void (await guard.joinFailed(address));
      const q = room.active();
      const first: FirstView = { session: room.sessionView() };
      if (q) first.question = room.view(q);
      if (q && room.phonesSeeResults(q)) first.results = room.results(q, false);
      req.headers[FIRST_VIEW_HEADER] = Buffer.from(JSON.stringify(first)).toString("base64url");
    } catch {
      // The page draws the question once the socket has it.
    }
  };
}
