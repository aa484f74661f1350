/** The HTTP API: health, session creation, export, delete, limits and origins. */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../../lib/challenges";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "../../lib/join-code";
import { PROTOCOL_VERSION, type CreatedSession, type HttpErrorBody } from "../../lib/protocol";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import { activeQuestion, ballotRows, joinAsParticipant, openSession, sessionCount } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

function postSession(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${h.url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

function exportSession(id: string, format: string, key?: string): Promise<Response> {
  return fetch(`${h.url}/api/sessions/${id}/export?format=${format}`, {
    headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
  });
}

describe("GET /api/health", () => {
  it("answers 200 {ok:true} with the protocol version", async () => {
    const res = await fetch(`${h.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, protocol: PROTOCOL_VERSION });
  });
});

describe("POST /api/sessions", () => {
  it("creates a session with a join code, secret keys and links", async () => {
    const res = await postSession(JSON.stringify({ title: "Zorgregio Noord", language: "en" }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as CreatedSession;

    expect(body.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(body.code).toHaveLength(JOIN_CODE_LENGTH);
    for (const ch of body.code) expect(JOIN_CODE_ALPHABET).toContain(ch);
    // 22 base64url characters carry 132 bits: the keys are bearer secrets and must not be guessable.
    expect(body.hostKey).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(body.screenKey).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(body.screenKey).not.toBe(body.hostKey);

    expect(body.links.join.endsWith(`/j/${body.code}`)).toBe(true);
    expect(new URL(body.links.host).hash).toContain(body.hostKey);
    expect(body.links.host).toContain(body.id);
    expect(body.links.screen).toContain(body.screenKey);
    expect(body.links.screen).toContain(body.id);
    expect(body.links.screen).not.toContain(body.hostKey);
    expect(body.links.join).not.toContain(body.hostKey);
    expect(body.links.join).not.toContain(body.screenKey);

    const host = await h.connectAs({ sessionId: body.id, hostKey: body.hostKey });
    expect(host.state.session).toEqual({ id: body.id, title: "Zorgregio Noord", code: body.code, language: "en" });
  });

  it("gives two sessions different ids, codes and keys", async () => {
    const a = await h.createSession({ title: "A" });
    const b = await h.createSession({ title: "B" });
    expect(b.id).not.toBe(a.id);
    expect(b.code).not.toBe(a.code);
    expect(b.hostKey).not.toBe(a.hostKey);
    expect(b.screenKey).not.toBe(a.screenKey);
  });

  it("uses Dutch when no language is given and trims the title", async () => {
    const created = await h.createSession({ title: "  Jeugdhulp West  " });
    const host = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    expect(host.state.session.language).toBe("nl");
    expect(host.state.session.title).toBe("Jeugdhulp West");
    expect(activeQuestion(host.state).prompt).toMatch(/samenwerking/);
  });

  it.each([
    ["a body that is not JSON", "{title: 'x'", 400],
    ["an empty body", "", 400],
    ["a JSON array", "[]", 400],
    ["JSON null", "null", 400],
    ["no title", JSON.stringify({ language: "nl" }), 400],
    ["an empty title", JSON.stringify({ title: "" }), 400],
    ["a title of spaces", JSON.stringify({ title: "   " }), 400],
    ["a title of 121 characters", JSON.stringify({ title: "x".repeat(121) }), 400],
    ["a title that is a number", JSON.stringify({ title: 42 }), 400],
    ["an unknown language", JSON.stringify({ title: "Sessie", language: "de" }), 400],
    ["an extra field", JSON.stringify({ title: "Sessie", hostKey: "mine" }), 400],
    ["a body over 16 KiB", JSON.stringify({ title: "Sessie", padding: "x".repeat(17 * 1024) }), 413],
  ])("refuses %s without creating a session", async (_name, body, status) => {
    const before = sessionCount(h.databasePath);
    const res = await postSession(body);
    expect(res.status).toBe(status);
    const error = (await res.json()) as HttpErrorBody;
    expect(error).toEqual({ error: { code: "invalid_payload", message: expect.any(String) } });
    expect(error.error.message.length).toBeGreaterThan(0);
    expect(sessionCount(h.databasePath)).toBe(before);
  });

  it("accepts a title of exactly 120 characters", async () => {
    const res = await postSession(JSON.stringify({ title: "x".repeat(120) }));
    expect(res.status).toBe(201);
  });

  it("refuses a streamed body over 16 KiB that declares no length", async () => {
    const before = sessionCount(h.databasePath);
    const { port } = new URL(h.url);
    const reply = await new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, path: "/api/sessions", method: "POST", headers: { "transfer-encoding": "chunked" } },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode, body }));
        },
      );
      req.on("error", reject);
      req.write(`{"title":"Sessie","padding":"`);
      for (let i = 0; i < 20; i++) req.write("x".repeat(1024));
      req.end(`"}`);
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: "invalid_payload" } });
    expect(sessionCount(h.databasePath)).toBe(before);
  });

  it("refuses a page on a foreign site and accepts the app's own origin", async () => {
    const before = sessionCount(h.databasePath);
    const foreign = await postSession(JSON.stringify({ title: "Sessie" }), { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: "forbidden" } });
    // Another app on the same machine is another origin too.
    const { port } = new URL(h.url);
    const otherPort = await postSession(JSON.stringify({ title: "Sessie" }), { origin: `http://127.0.0.1:${Number(port) === 1 ? 2 : 1}` });
    expect(otherPort.status).toBe(403);
    expect(sessionCount(h.databasePath)).toBe(before);

    const own = await postSession(JSON.stringify({ title: "Sessie" }), { origin: h.url });
    expect(own.status).toBe(201);
    expect(sessionCount(h.databasePath)).toBe(before + 1);
  });

  it("answers 405 for another method and 404 for an unknown API route", async () => {
    const get = await fetch(`${h.url}/api/sessions`);
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ error: { code: "method_not_allowed" } });
    const unknown = await fetch(`${h.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
  });
});

describe("GET /api/sessions/{id}/export", () => {
  /** A session in which three participants voted: power-play twice, enemy-image once, one empty ballot. */
  async function votedSession(title: string) {
    const { created, host, questionId } = await openSession(h, { title });
    const voters = await Promise.all([0, 1, 2].map(() => joinAsParticipant(h, created)));
    const picks = [["power-play", "enemy-image"], ["power-play"], []];
    const settled = eventMatching(host.socket, "results:updated", (r) => r.respondents === 3);
    await Promise.all(
      voters.map(async (v, i) => {
        const ack = await v.socket.emitWithAck("vote:cast", { questionId, optionIds: picks[i] ?? [] });
        expect(ack.ok).toBe(true);
      }),
    );
    await settled;
    const participantKeys = ballotRows(h.databasePath, questionId).map((b) => b.participant_key);
    expect(participantKeys).toHaveLength(3);
    return { created, questionId, participantIds: voters.map((v) => v.participantId), participantKeys };
  }

  it("exports CSV with the title and one row per option with its count", async () => {
    const { created, participantIds, participantKeys } = await votedSession("Regio Zuid");
    const res = await exportSession(created.id, "csv", created.hostKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Regio-Zuid\.csv"$/);
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines).toContain("Sessie,Regio Zuid");
    expect(lines).toContain("power-play,Machtsspel,2,0.667");
    expect(lines).toContain("enemy-image,Vijandbeeld,1,0.333");
    expect(lines).toContain("shared-ambition,Gebrek aan gedeelde ambitie,0,0");
    expect(lines).toContain("respondenten,3");
    for (const id of CHALLENGE_IDS) expect(lines.filter((l) => l.startsWith(`${id},`))).toHaveLength(1);
    for (const secret of [...participantIds, ...participantKeys, created.hostKey, created.screenKey]) {
      expect(text).not.toContain(secret);
    }
  });

  it("exports JSON with counts per option and anonymous ballots", async () => {
    const { created, questionId, participantIds, participantKeys } = await votedSession("Regio Oost");
    const res = await exportSession(created.id, "json", created.hostKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Regio-Oost\.json"$/);
    const text = await res.text();
    const body = JSON.parse(text) as {
      exportedAt: string;
      session: { id: string; title: string };
      questions: {
        id: string;
        kind: string;
        status: string;
        options: { id: string; count: number }[];
        results: { respondents: number; counts: Record<string, number> };
        respondents: number;
        ballots: Record<string, unknown>[];
      }[];
    };
    expect(Object.keys(body).sort()).toEqual(["exportedAt", "questions", "session"]);
    expect(body.session).toMatchObject({ id: created.id, title: "Regio Oost" });
    expect(body.questions).toHaveLength(1);
    const [question] = body.questions;
    if (!question) throw new Error("no question in the export");
    expect(question).toMatchObject({ id: questionId, kind: "multiple", status: "open", respondents: 3 });
    expect(question.results.respondents).toBe(3);
    expect(question.options.map((o) => o.id)).toEqual(CHALLENGE_IDS);
    const counts = Object.fromEntries(question.options.map((o) => [o.id, o.count]));
    expect(counts).toMatchObject({ "power-play": 2, "enemy-image": 1, "shared-ambition": 0 });
    expect(question.results.counts).toEqual(counts);
    expect(question.ballots).toHaveLength(3);
    for (const ballot of question.ballots) expect(Object.keys(ballot).sort()).toEqual(["castAt", "optionIds"]);
    expect(question.ballots.map((b) => b.optionIds)).toEqual(
      expect.arrayContaining([["power-play", "enemy-image"], ["power-play"], []]),
    );
    for (const secret of [...participantIds, ...participantKeys, created.hostKey, created.screenKey]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/participant/i);
  });

  it("refuses without a key (401), with a wrong key, another session's key or the screen key (403)", async () => {
    const { created } = await openSession(h, { title: "Geheim" });
    const other = await h.createSession({ title: "Andere" });

    const none = await exportSession(created.id, "csv");
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: "unauthorized" } });

    for (const key of ["not-the-key-at-all-000000", other.hostKey, created.screenKey]) {
      const res = await exportSession(created.id, "csv", key);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    // An unknown session answers like a wrong key, so ids cannot be probed.
    const unknown = await exportSession("no-such-session", "csv", created.hostKey);
    expect(unknown.status).toBe(403);
  });

  it("neutralises a title that a spreadsheet would run as a formula and keeps the file name plain", async () => {
    const { created } = await openSession(h, { title: '=HYPERLINK("http://evil.example","klik")' });
    const res = await exportSession(created.id, "csv", created.hostKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w-]+\.csv"$/);
    const lines = (await res.text()).replace(/^\uFEFF/, "").split("\r\n");
    const titleLine = lines.find((l) => l.startsWith("Sessie,"));
    expect(titleLine).toBeDefined();
    expect(titleLine).not.toMatch(/^Sessie,"?=/);
    expect(titleLine).toContain("'=HYPERLINK");
  });

  it("refuses an unknown format with 400", async () => {
    const { created } = await openSession(h, { title: "Formaat" });
    const res = await exportSession(created.id, "xml", created.hostKey);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_payload" } });
  });
});
