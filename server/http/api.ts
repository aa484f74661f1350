/** The public HTTP API: create, delete, duplicate, measure again, export, report, summary, compare, trend and health. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  compareBodySchema,
  createActionBodySchema,
  createCoHostBodySchema,
  updateActionBodySchema,
  createSessionBodySchema,
  publishBodySchema,
  describeZodError,
  EXPORT_FORMATS,
  exportFormatSchema,
  PROTOCOL_VERSION,
  renameSessionBodySchema,
  type CoHostView,
  type CreatedCoHost,
  type CreatedMeasurement,
  type CreatedPublication,
  type PublicResultsPage,
  type CreatedSession,
  type ErrorCode,
  type HealthReply,
  type HttpErrorBody,
  type NetworkTrend,
  type ReportData,
  type SessionSummary,
} from "../../lib/protocol";
import { byGroupOf, compareGroups, comparisonCsv } from "../../lib/poll/compare";
import { copyTitle } from "../../lib/session-titles";
import { breakdownAllowed, cooccurrence } from "../../lib/poll/cooccurrence";
import type { ExportInput } from "../../lib/poll/export";
import { rankFloor } from "../../lib/poll/floor";
import { networkTrend, trendCsv } from "../../lib/poll/trend";
import { PUBLICATION_DAYS, publicationLive, publicResults } from "../../lib/poll/publication";
import { isLanguage } from "../../lib/i18n";
import type { FloodGuard } from "../flood-guard";
import { StoreUnavailableError, type Store, type StoredCoHost } from "../store/store";
import { keyMatches, hashKey } from "../keys";
import { clientAddress, isValidHost, originAllowed, publicBaseUrl } from "../public-url";
import { countRound, type Room } from "../room/room";
import type { CreatedSessionKeys, Rooms } from "../room/rooms";
import { ActionRefused, actionView, addAction, dotsIn, planReview } from "../room/action-plan";
import { CONTENT_TYPES, exportFile } from "./export-file";

/** A create-session body is a title and a language; 16 KiB is generous and stops memory floods. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface ApiOptions {
  publicUrl: string | undefined;
  allowedOrigins: readonly string[];
  createPasscode: string | undefined;
  trustProxy: number;
  diagnostics: boolean;
  /** Privacy threshold: no breakdown for fewer respondents than this. */
  minGroupSize: number;
  guard: FloodGuard;
  store: Pick<Store, "listBallots" | "checkReady">;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** The rest of the request body was not read, so the connection cannot carry another request. */
    readonly closeConnection = false,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

function sendError(res: ServerResponse, error: HttpError): void {
  const body: HttpErrorBody = { error: { code: error.code, message: error.message } };
  if (error.closeConnection) res.setHeader("connection", "close");
  sendJson(res, error.status, body);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  const tooLarge = () => new HttpError(413, "invalid_payload", `body larger than ${MAX_BODY_BYTES} bytes`, true);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "invalid_payload", "body must be JSON");
  }
}

/** The bearer token of `Authorization: Bearer <hostKey>`. */
function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function createdBody({ session, hostKey, screenKey }: CreatedSessionKeys, base: string): CreatedSession {
  return {
    id: session.id,
    code: session.code,
    hostKey,
    screenKey,
    links: {
      join: `${base}/j/${session.code}`,
      host: `${base}/s/${session.id}/host#key=${hostKey}`,
      screen: `${base}/s/${session.id}/screen#key=${screenKey}`,
    },
  };
}

/**
 * The public HTTP API. It lives in the server process (not in Next route handlers) because Next bundles route
 * handlers separately and they would see another instance of the sessions and the database.
 * Returns false when the request is not for the API, so the caller hands it to Next.
 */
export function createApiHandler(rooms: Rooms, options: ApiOptions) {
  const allowed = options.publicUrl ? [options.publicUrl, ...options.allowedOrigins] : options.allowedOrigins;
  const passcodeHash = options.createPasscode ? hashKey(options.createPasscode) : undefined;
  const loopDelay = options.diagnostics ? monitorEventLoopDelay({ resolution: 10 }) : undefined;
  loopDelay?.enable();

  /**
   * Every question with its results (hidden open answers included) and anonymous ballots: one snapshot, whose
   * results are counted from the very ballots it lists (read from the store), never from the live mirror, which
   * votes arriving meanwhile may have moved on.
   */
  async function exportInput(room: Room): Promise<ExportInput> {
    const listed = await Promise.all(room.questions.map((q) => options.store.listBallots(q.stored.id, q.stored.round)));
    const snapshot = room.snapshot(listed);
    // Rounds kept by a vote again, oldest first, counted from their own stored ballots.
    const rounds = await Promise.all(
      snapshot.questions.map((q) =>
        Promise.all(q.stored.keptRounds.map(async (r) => snapshot.protectRound(q, countRound(q, r, await options.store.listBallots(q.stored.id, r))))),
      ),
    );
    const groupings = snapshot.questions.filter((g) => g.stored.grouping);
    const questions = snapshot.questions.map((q, i) => {
      const results = snapshot.results(q);
      // Only the ballots that count (of those asked), and none of a question whose numbers are withheld.
      const ballots = results.withheld ? [] : (listed[i] ?? []).filter((b) => snapshot.isAsked(q, b.participantKey));
      const splits = groupings.flatMap((g) => snapshot.splitOf(q, g.stored.id) ?? []);
      return {
        question: snapshot.view(q),
        results,
        ballots: ballots.map((b) => ({ answer: b.answer, castAt: b.castAt, hidden: b.hidden })),
        ...(splits.length > 0 ? { splits } : {}),
        ...(rounds[i]?.length ? { rounds: rounds[i] } : {}),
      };
    });
    // Questions from the floor with their upvotes, from the same snapshot; views carry no participant key.
    const floor = snapshot.floor.all();
    // The plan, the previous plan's review and (a measurement of a network) the trend, every measurement protected.
    const actions = (await room.store.listActions(room.id)).map((a) => actionView(a, dotsIn(snapshot)));
    const review = planReview(snapshot);
    const network = room.session.networkId ? await rooms.network(room.session.networkId) : undefined;
    return {
      session: room.sessionView(),
      questions,
      exportedAt: new Date(),
      ...(floor.length > 0 ? { floor } : {}),
      ...(actions.length > 0 ? { actions } : {}),
      ...(review ? { planReview: review } : {}),
      ...(network ? { trend: await trendOf(network) } : {}),
    };
  }

  /**
   * The session behind `/api/sessions/{id}/...` when the bearer is its host key, or (unless only the owner may) a
   * co-facilitator's key whose link is not revoked.
   */
  async function authorised(req: IncomingMessage, sessionId: string, who: "facilitator" | "owner" = "facilitator") {
    const key = bearer(req);
    if (!key) throw new HttpError(401, "unauthorized", "send Authorization: Bearer <hostKey>");
    const { room, access } = await facilitatorAccess(sessionId, key);
    // The same answer for an unknown session and a wrong key, so ids cannot be probed.
    if (!room || !access) throw new HttpError(403, "forbidden", "wrong host key for this session");
    if (who === "owner" && access.coHostId !== null) throw new HttpError(403, "forbidden", "only the session's owner (its host key) can do this");
    return room;
  }

  /** The session's room and what `key` may do in it: its host key, or a co-facilitator's key whose link is not revoked. */
  async function facilitatorAccess(sessionId: string, key: string) {
    const room = await rooms.get(sessionId);
    let access = room?.facilitatorAccess(key);
    if (room && !access && room.store.shared) {
      // A link made on another node a moment ago.
      await room.refreshCoHosts();
      access = room.facilitatorAccess(key);
    }
    return { room, access };
  }

  /**
   * Whether `key` is the host key of one of the network's measurements, or the key of a co-facilitator link of one
   * that is not revoked. Read from the store's rows, so a wrong key loads no room.
   */
  async function opensNetwork(sessions: readonly { id: string; hostKeyHash: string }[], key: string): Promise<boolean> {
    if (sessions.some((s) => keyMatches(key, s.hostKeyHash))) return true;
    const links = await Promise.all(sessions.map((s) => rooms.store.listCoHosts(s.id)));
    return links.flat().some((c) => c.revokedAt === null && keyMatches(key, c.keyHash));
  }

  /** Every console of the session, on every node, hears that the plan changed (after the commit). */
  function planChanged(room: Room): void {
    rooms.events.emit({ type: "plan-changed", room, origin: "local" });
  }

  /** A network's trend: the nine challenges of each measurement as the room holds them now. */
  async function trendOf(found: NonNullable<Awaited<ReturnType<Rooms["network"]>>>): Promise<NetworkTrend> {
    const inputs = [];
    for (const stored of found.sessions) {
      const room = await rooms.get(stored.id);
      if (!room) continue;
      const q = room.questions.find((x) => x.stored.template === "nine-challenges");
      const results = q ? room.results(q) : undefined;
      inputs.push({
        sessionId: room.id,
        title: room.session.title,
        createdAt: room.session.createdAt,
        respondents: results?.respondents ?? 0,
        counts: results?.counts ?? null,
        measurement: stored.measurement ?? inputs.length + 1,
      });
    }
    return networkTrend({ id: found.network.id, name: found.network.name }, inputs, options.minGroupSize);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (path === "/api/health") {
      if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "method_not_allowed", "use GET");
      // `?ready=1` also asks the store whether it can take writes now (checkReady), for a load balancer's
      // readiness check: a node whose database is unreachable or whose disk is full answers 503 and gets no new clients.
      if (url.searchParams.get("ready") === "1") await options.store.checkReady();
      const reply: HealthReply = { ok: true, protocol: PROTOCOL_VERSION };
      return sendJson(res, 200, reply);
    }

    if (path === "/api/diagnostics" && loopDelay) {
      // Only for soak and bench runs (DIAGNOSTICS=1). `gc=1`: collect first (node --expose-gc) so heap figures
      // compare; `reset=1`: start a new event-loop delay window.
      if (url.searchParams.get("gc") === "1") (globalThis as { gc?: () => void }).gc?.();
      const resources: Record<string, number> = {};
      for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1;
      const eventLoopDelayMs = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
      if (url.searchParams.get("reset") === "1") loopDelay.reset();
      return sendJson(res, 200, { memory: process.memoryUsage(), cpu: process.cpuUsage(), resources, eventLoopDelayMs, roomsInMemory: rooms.loadedRooms().length });
    }

    if (path === "/api/sessions") {
      if (req.method !== "POST") throw new HttpError(405, "method_not_allowed", "use POST");
      if (!originAllowed(req.headers.origin, req.headers.host, allowed)) {
        throw new HttpError(403, "forbidden", "this origin may not create sessions");
      }
      const parsed = createSessionBodySchema.safeParse(await readJsonBody(req));
      if (!parsed.success) throw new HttpError(400, "invalid_payload", describeZodError(parsed.error));
      if (passcodeHash && !keyMatches(parsed.data.passcode ?? "", passcodeHash)) {
        throw new HttpError(403, "passcode_required", "this server needs the passcode to create a session");
      }
      if (!(await options.guard.createAllowed(clientAddress(req.headers, req.socket.remoteAddress, options.trustProxy)))) {
        throw new HttpError(429, "rate_limited", "too many sessions created from this address; try again later");
      }
      // Links are built from the Host header (unless PUBLIC_URL is set): refuse one that is no host at all
      // before anything is stored, so no session is made that nobody can reach.
      if (!options.publicUrl && !isValidHost(req.headers.host)) throw new HttpError(400, "invalid_payload", "malformed Host header");
      const base = publicBaseUrl(options.publicUrl, req.headers.host);
      const created = await rooms.createSession({
        title: parsed.data.title,
        language: parsed.data.language ?? "nl",
        template: parsed.data.template ?? "challenges",
      });
      return sendJson(res, 201, createdBody(created, base));
    }

    const sessionMatch = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (sessionMatch) {
      if (req.method !== "DELETE" && req.method !== "PATCH") throw new HttpError(405, "method_not_allowed", "use PATCH or DELETE");
      if (!originAllowed(req.headers.origin, req.headers.host, allowed)) {
        throw new HttpError(403, "forbidden", "this origin may not change sessions");
      }
      if (req.method === "PATCH") {
        const parsed = renameSessionBodySchema.safeParse(await readJsonBody(req));
        if (!parsed.success) throw new HttpError(400, "invalid_payload", describeZodError(parsed.error));
        const room = await authorised(req, sessionMatch[1] ?? "");
        const ack = await room.command("session:rename", { title: parsed.data.title });
        if (!ack.ok) throw new HttpError(400, ack.error.code, ack.error.message);
        return sendJson(res, 200, ack.data);
      }
      const room = await authorised(req, sessionMatch[1] ?? "", "owner");
      await rooms.delete(room);
      res.writeHead(204, { "cache-control": "no-store" }).end();
      return;
    }

    const exportMatch = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/export$/.exec(path);
    if (exportMatch) {
      if (req.method !== "GET") throw new HttpError(405, "method_not_allowed", "use GET");
      const format = exportFormatSchema.safeParse(url.searchParams.get("format") ?? "csv");
      if (!format.success) throw new HttpError(400, "invalid_payload", `format must be one of ${EXPORT_FORMATS.join(", ")}`);
      const room = await authorised(req, exportMatch[1] ?? "");
      const file = await exportFile(format.data, await exportInput(room));
      res.writeHead(200, {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.name}"`,
        "cache-control": "no-store",
      });
      res.end(file.body);
      return;
    }

    const reportMatch = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/report$/.exec(path);
    if (reportMatch) {
      if (req.method !== "GET") throw new HttpError(405, "method_not_allowed", "use GET");
      const room = await authorised(req, reportMatch[1] ?? "");
      const input = await exportInput(room);
      const report: ReportData = {
        session: input.session,
        createdAt: room.session.createdAt,
        exportedAt: input.exportedAt.toISOString(),
        minGroupSize: options.minGroupSize,
        questions: input.questions.map((q) => ({
          question: q.question,
          results: q.results,
          // The breakdown is withheld below the privacy threshold, not just hidden by the page.
          cooccurrence:
            q.question.kind === "multiple" && breakdownAllowed(q.results.respondents, options.minGroupSize)
              ? cooccurrence(q.question.options.map((o) => o.id), q.ballots.map((b) => (Array.isArray(b.answer) ? b.answer : [])))
              : null,
          ...(q.splits ? { splits: [...q.splits] } : {}),
          ...(q.rounds ? { rounds: [...q.rounds] } : {}),
        })),
        // The facilitator's report: every question from the floor, hidden and waiting ones flagged by their status.
        ...(input.floor && input.floor.length > 0 ? { floor: rankFloor(input.floor) } : {}),
        ...(input.trend ? { trend: input.trend } : {}),
        ...(input.actions && input.actions.length > 0 ? { actions: [...input.actions] } : {}),
        ...(input.planReview ? { planReview: input.planReview } : {}),
      };
      return sendJson(res, 200, report);
    }

    const summaryMatch = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/summary$/.exec(path);
    if (summaryMatch) {
      if (req.method !== "GET") throw new HttpError(405, "method_not_allowed", "use GET");
      const room = await authorised(req, summaryMatch[1] ?? "");
      const summary: SessionSummary = {
        session: room.sessionView(),
        createdAt: room.session.createdAt,
        screenPath: `/s/${room.id}/screen#key=${await rooms.screenKey(room.id)}`,
        questions: room.summaries(),
        respondents: Math.max(0, ...room.questions.map((q) => q.ballots.size)),
      };
      return sendJson(res, 200, summary);
    }

    const duplicateMatch = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/duplicate$/.exec(path);
    if (duplicateMatch) {
      if (req.method !== "POST") throw new HttpError(405, "method_not_allowed", "use POST");
      if (!originAllowed(req.headers.origin, req.headers.host, allowed)) throw new HttpError(403, "forbidden", "this origin may not create sessions");
      const room = await authorised(req, duplicateMatch[1] ?? "");
      if (!(await options.guard.createAllowed(clientAddress(req.headers, req.socket.remoteAddress, options.trustProxy)))) {
        throw new HttpError(429, "rate_limited", "too many sessions created from this address; try again later");
      }
      const created = await rooms.createSession({ title: copyTitle(room.session.title, room.session.language), language: room.session.language, copyOf: room });
      return sendJson(res, 201, createdBody(created, publicBaseUrl(options.publicUrl, req.headers.host)));
    }

    const publicationMatch = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/publication$/.exec(path);
    if (publicationMatch) {
      if (req.method !== "POST" && req.method !== "DELETE") throw new HttpError(405, "method_not_allowed", "use POST or DELETE");
      if (!originAllowed(req.headers.origin, req.headers.host, allowed)) throw new HttpError(403, "forbidden", "this origin may not change sessions");
      if (req.method === "DELETE") {
        const room = await authorised(req, publicationMatch[1] ?? "");
        if (!(await rooms.withdraw(room))) throw new HttpError(404, "not_found", "the results page is not up");
        res.writeHead(204, { "cache-control": "no-store" }).end();
        return;
      }
      const parsed = publishBodySchema.safeParse(await readJsonBody(req));
      if (!parsed.success) throw new HttpError(400, "invalid_payload", describeZodError(parsed.error));
      const room = await authorised(req, publicationMatch[1] ?? "");
      const publication = await rooms.publish(room, parsed.data.days ?? PUBLICATION_DAYS.default);
      const pagePath = `/r/${room.id}/${publication.token}`;
      const body: CreatedPublication = { url: `${publicBaseUrl(options.publicUrl, req.headers.host)}${pagePath}`, path: pagePath, publishedAt: publication.publishedAt, expiresAt: publication.expiresAt };
      return sendJson(res, 201, body);
    }

    const resultsMatch = /^\/api\/results\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,128})$/.exec(path);
    if (resultsMatch) {
      if (req.method !== "GET") throw new HttpError(405, "method_not_allowed", "use GET");
      const room = await rooms.get(resultsMatch[1] ?? "");
      const publication = room?.session.publication;
      // One answer for an unknown session, a wrong address, a withdrawn page and an expired one.
      const up = room && publication && publicationLive(publication, Date.now()) && keyMatches(resultsMatch[2] ?? "", hashKey(publication.token));
      if (!room || !publication || !up) throw new HttpError(404, "not_found", "no results page at this address (withdrawn, expired or never published)");
      const page: PublicResultsPage = {
        session: { title: room.session.title, language: room.session.language },
        publishedAt: publication.publishedAt,
        expiresAt: publication.expiresAt,
        minGroupSize: options.minGroupSize,
        questions: room.questions
          .map((q) => ({ question: room.view(q), results: publicResults(room.results(q, false), options.minGroupSize) }))
          .filter((x) => x.results.respondents > 0),
        // A proposal's dots only where the page shows its dot vote's numbers (the privacy threshold, a silent vote).
        actions: (await room.store.listActions(room.id)).map((a) => actionView(a, dotsIn(room, options.minGroupSize))),
      };
      return sendJson(res, 200, page);
    }

    const coHostsMatch = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/cohosts(?:\/([A-Za-z0-9_-]{1,64}))?$/.exec(path);
    if (coHostsMatch) {
      const [, sessionId = "", coHostId] = coHostsMatch;
      const view = (c: StoredCoHost): CoHostView => ({ id: c.id, label: c.label, createdAt: c.createdAt, revokedAt: c.revokedAt });
      if (coHostId !== undefined) {
        if (req.method !== "DELETE") throw new HttpError(405, "method_not_allowed", "use DELETE");
        if (!originAllowed(req.headers.origin, req.headers.host, allowed)) throw new HttpError(403, "forbidden", "this origin may not change sessions");
        const room = await authorised(req, sessionId, "owner");
        if (!(await room.revokeCoHost(coHostId))) throw new HttpError(404, "not_found", "no such co-facilitator link, or it was revoked already");
        res.writeHead(204, { "cache-control": "no-store" }).end();
        return;
      }
      if (req.method === "GET") {
        const room = await authorised(req, sessionId, "owner");
        return sendJson(res, 200, { coHosts: room.coHosts.map(view) });
      }
      if (req.method !== "POST") throw new HttpError(405, "method_not_allowed", "use GET or POST");
      if (!originAllowed(req.headers.origin, req.headers.host, allowed)) throw new HttpError(403, "forbidden", "this origin may not change sessions");
      const parsed = createCoHostBodySchema.safeParse(await readJsonBody(req));
      if (!parsed.success) throw new HttpError(400, "invalid_payload", describeZodError(parsed.error));
      const room = await authorised(req, sessionId, "owner");
      const { coHost, key } = await room.addCoHost(parsed.data.label);
      const body: CreatedCoHost = { ...view(coHost), link: `${publicBaseUrl(options.publicUrl, req.headers.host)}/s/${room.id}/host#key=${key}` };
      return sendJson(res, 201, body);
    }

    const actionsMatch = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/actions(?:\/([A-Za-z0-9_-]{1,64}))?$/.exec(path);
    if (actionsMatch) {
      const [, sessionId = "", actionId] = actionsMatch;
      const allowedMethods = actionId === undefined ? ["GET", "POST"] : ["PATCH", "DELETE"];
      if (!allowedMethods.includes(req.method ?? "")) throw new HttpError(405, "method_not_allowed", `use ${allowedMethods.join(" or ")}`);
      if (req.method === "GET") {
        const room = await authorised(req, sessionId);
        return sendJson(res, 200, { actions: (await room.store.listActions(room.id)).map((a) => actionView(a, dotsIn(room))) });
      }
      if (!originAllowed(req.headers.origin, req.headers.host, allowed)) throw new HttpError(403, "forbidden", "this origin may not change sessions");
      if (req.method === "DELETE") {
        const room = await authorised(req, sessionId);
        if (!(await room.store.deleteAction(room.id, actionId ?? ""))) throw new HttpError(404, "not_found", "no such action in this session's plan");
        planChanged(room);
        res.writeHead(204, { "cache-control": "no-store" }).end();
        return;
      }
      if (req.method === "PATCH") {
        const parsed = updateActionBodySchema.safeParse(await readJsonBody(req));
        if (!parsed.success) throw new HttpError(400, "invalid_payload", describeZodError(parsed.error));
        const room = await authorised(req, sessionId);
        const updated = await room.store.updateAction(room.id, actionId ?? "", parsed.data);
        if (!updated) throw new HttpError(404, "not_found", "no such action in this session's plan");
        planChanged(room);
        return sendJson(res, 200, actionView(updated, dotsIn(room)));
      }
      const parsed = createActionBodySchema.safeParse(await readJsonBody(req));
      if (!parsed.success) throw new HttpError(400, "invalid_payload", describeZodError(parsed.error));
      const room = await authorised(req, sessionId);
      try {
        const { action, created } = await addAction(room, parsed.data);
        if (created) planChanged(room);
        return sendJson(res, created ? 201 : 200, actionView(action, dotsIn(room)));
      } catch (error) {
        if (error instanceof ActionRefused) throw new HttpError(error.status, error.code, error.message);
        throw error;
      }
    }

    const measureMatch = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/measurements$/.exec(path);
    if (measureMatch) {
      if (req.method !== "POST") throw new HttpError(405, "method_not_allowed", "use POST");
      if (!originAllowed(req.headers.origin, req.headers.host, allowed)) throw new HttpError(403, "forbidden", "this origin may not create sessions");
      const room = await authorised(req, measureMatch[1] ?? "");
      if (!(await options.guard.createAllowed(clientAddress(req.headers, req.socket.remoteAddress, options.trustProxy)))) {
        throw new HttpError(429, "rate_limited", "too many sessions created from this address; try again later");
      }
      const created = await rooms.newMeasurement(room);
      const body: CreatedMeasurement = { ...createdBody(created, publicBaseUrl(options.publicUrl, req.headers.host)), networkId: created.networkId, measurement: created.measurement };
      return sendJson(res, 201, body);
    }

    const trendMatch = /^\/api\/networks\/([A-Za-z0-9_-]{1,64})\/trend$/.exec(path);
    if (trendMatch) {
      if (req.method !== "GET") throw new HttpError(405, "method_not_allowed", "use GET");
      const key = bearer(req);
      if (!key) throw new HttpError(401, "unauthorized", "send Authorization: Bearer <hostKey> of a session of the network");
      const found = await rooms.network(trendMatch[1] ?? "");
      // Any measurement's host key, or a co-facilitator's key of one (the report carries the trend for them too),
      // opens the network's trend; an unknown network answers as a wrong key does.
      if (!found || !(await opensNetwork(found.sessions, key))) throw new HttpError(403, "forbidden", "wrong host key for this network");
      const trend = await trendOf(found);
      const format = url.searchParams.get("format") ?? "json";
      if (format === "csv" || format === "csv-semicolon") {
        const language = url.searchParams.get("language");
        res.writeHead(200, {
          "content-type": CONTENT_TYPES.csv,
          "content-disposition": `attachment; filename="tafelronde-trend.csv"`,
          "cache-control": "no-store",
        });
        res.end(trendCsv(trend, isLanguage(language) ? language : (found.sessions[0]?.language ?? "nl"), format === "csv" ? "comma" : "semicolon"));
        return;
      }
      if (format !== "json") throw new HttpError(400, "invalid_payload", "format must be json, csv or csv-semicolon");
      return sendJson(res, 200, trend);
    }

    if (path === "/api/compare") {
      if (req.method !== "POST") throw new HttpError(405, "method_not_allowed", "use POST");
      const parsed = compareBodySchema.safeParse(await readJsonBody(req));
      if (!parsed.success) throw new HttpError(400, "invalid_payload", describeZodError(parsed.error));
      const groups = [];
      for (const { id, hostKey } of parsed.data.sessions) {
        const room = await rooms.get(id);
        if (!room || !room.hostKeyMatches(hostKey)) throw new HttpError(403, "forbidden", `wrong host key for session ${id}`);
        const q = room.questions.find((x) => x.stored.template === "nine-challenges");
        const results = q ? room.results(q) : undefined;
        // Per group: the grouping question of this session named by template id or by its prompt.
        const groupBy = parsed.data.groupBy;
        const by = groupBy ? room.questions.find((x) => x.stored.grouping && (x.stored.template === groupBy || room.view(x).prompt === groupBy)) : undefined;
        const split = q && by ? room.splitOf(q, by.stored.id) : undefined;
        groups.push({
          sessionId: id,
          title: room.session.title,
          createdAt: room.session.createdAt,
          respondents: results?.respondents ?? 0,
          counts: results?.counts ?? null,
          ...(groupBy ? { byGroup: split ? byGroupOf(split) : null } : {}),
        });
      }
      const comparison = compareGroups(groups, options.minGroupSize);
      if (parsed.data.format === "csv") {
        res.writeHead(200, {
          "content-type": CONTENT_TYPES.csv,
          "content-disposition": `attachment; filename="tafelronde-compare.csv"`,
          "cache-control": "no-store",
        });
        res.end(comparisonCsv(comparison, parsed.data.language ?? "nl"));
        return;
      }
      return sendJson(res, 200, comparison);
    }

    throw new HttpError(404, "not_found", "no such API route");
  }

  return function handleApi(req: IncomingMessage, res: ServerResponse): boolean {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      // A request target no URL parser accepts (e.g. `http://%zz/`): answer it here, never throw.
      sendError(res, new HttpError(400, "invalid_payload", "malformed request URL"));
      return true;
    }
    if (!url.pathname.startsWith("/api/")) return false;
    route(req, res, url).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError) return sendError(res, error);
      if (error instanceof StoreUnavailableError) {
        res.setHeader("retry-after", "2");
        return sendError(res, new HttpError(503, "unavailable", "the database cannot take this for a moment (unreachable or full); nothing was stored, please try again"));
      }
      sendError(res, new HttpError(500, "internal_error", "something went wrong on the server"));
    });
    return true;
  };
}
