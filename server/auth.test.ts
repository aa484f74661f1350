import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FACILITATOR_EVENTS, type CreatedSession, type ErrorCode, type FacilitatorEvent } from "../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "./flood-guard";
import { startHarness, type Harness } from "./testing/harness";
import { bearer, postSession, rowsOfSession, socketPool } from "./testing/flood-helpers";
import {
  ballotRows,
  collect,
  command,
  emitRaw,
  joinAsParticipant,
  joinAsScreen,
  openSession,
  questionRow,
  readDatabase,
  type Joined,
} from "./testing/helpers";

let h: Harness;
let pool: ReturnType<typeof socketPool>;
beforeAll(async () => {
  // Every refused key counts as a failed join of 127.0.0.1; this file refuses more than the default 20 a
  // minute on purpose. The failed-join limit itself is proven in flood.test.ts.
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, failedJoinsPerMinute: 100_000 } } });
  pool = socketPool(h);
});
afterEach(() => pool.closeAll());
afterAll(async () => h?.close());

const FORBIDDEN = { ok: false, error: { code: "forbidden", message: expect.any(String) } };

/**
 * How to make each event change something if it were obeyed: open needs a closed question, hide needs shown
 * results, reset needs a ballot to discard, and configure no ballot yet (or it would be question_locked).
 * A Record, so a new facilitator event does not compile without its case.
 */
const SETUP: Record<FacilitatorEvent, { before?: FacilitatorEvent; extra?: Record<string, unknown>; ballot: boolean }> = {
  "question:open": { before: "question:close", ballot: true },
  "question:close": { ballot: true },
  "results:show": { ballot: true },
  "results:hide": { before: "results:show", ballot: true },
  "question:reset": { ballot: true },
  "question:configure": { extra: { maxChoices: 1 }, ballot: false },
};

/** What the facilitator would see and what the file holds: must be the same before and after a refusal. */
async function snapshot(created: CreatedSession, questionId: string) {
  const fresh = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
  fresh.socket.disconnect();
  return {
    question: fresh.state.question,
    counts: fresh.state.results?.counts,
    respondents: fresh.state.results?.respondents,
    questionRow: questionRow(h.databasePath, questionId),
    ballots: ballotRows(h.databasePath, questionId),
  };
}

describe("facilitator events", () => {
  it.each(FACILITATOR_EVENTS)(
    "%s is refused for a participant, a screen, a wrong key and another session's host key, and changes nothing",
    async (event) => {
      const { created, host, questionId } = await openSession(h);
      const phone = await joinAsParticipant(h, created);
      const screen = await joinAsScreen(h, created);
      const other = await h.createSession({ title: "Another room" });
      const { before, extra, ballot } = SETUP[event];
      if (ballot) expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] })).ok).toBe(true);
      if (before) await command(host.socket, before, { questionId });
      const was = await snapshot(created, questionId);
      const seen = [host, phone, screen].map((j: Joined) => collect(j.socket, "session:state"));
      const payload = { questionId, ...extra };

      expect(await emitRaw(phone.socket, event, payload), "participant").toEqual(FORBIDDEN);
      expect(await emitRaw(screen.socket, event, payload), "screen").toEqual(FORBIDDEN);
      // Keys that are not this session's host key do not get a socket at all; the event emitted before the
      // handshake ended is never delivered.
      for (const [who, hostKey] of [
        ["a wrong key", "a-guessed-key-that-is-wrong-0123"],
        ["another session's host key", other.hostKey],
        ["the screen key", created.screenKey],
      ] as const) {
        const error = await pool.refused({ sessionId: created.id, hostKey }, [event, payload]);
        expect(error.message, who).toMatch(/^unauthorized/);
      }

      // One round trip per socket: a state broadcast by an obeyed event would have arrived before its ack.
      for (const j of [host, phone, screen]) await emitRaw(j.socket, "vote:cast", null);
      expect(seen.map((s) => s.received)).toEqual([[], [], []]);
      expect(await snapshot(created, questionId)).toEqual(was);
    },
  );
});

describe("export and delete over HTTP", () => {
  const requests = [
    ["GET export?format=csv", "GET", "/export?format=csv"],
    ["GET export?format=json", "GET", "/export?format=json"],
    ["DELETE", "DELETE", ""],
  ] as const;

  it.each(requests)("%s is refused without the host key and changes nothing", async (_name, method, suffix) => {
    const title = `Vertrouwelijk ${method} ${suffix}`;
    const { created, host, questionId } = await openSession(h, { title });
    const phone = await joinAsParticipant(h, created);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] })).ok).toBe(true);
    const other = await h.createSession({ title: "Another room" });
    const url = `${h.url}/api/sessions/${created.id}${suffix}`;
    const rowsBefore = rowsOfSession(h.databasePath, created.id);

    const attempts: [who: string, headers: Record<string, string>, status: number, code: ErrorCode][] = [
      ["no key", {}, 401, "unauthorized"],
      ["the participant's id (what a phone holds)", bearer(phone.participantId), 403, "forbidden"],
      ["the join code", bearer(created.code), 403, "forbidden"],
      ["the screen key", bearer(created.screenKey), 403, "forbidden"],
      ["a wrong key", bearer("a-guessed-key-that-is-wrong-0123"), 403, "forbidden"],
      ["another session's host key", bearer(other.hostKey), 403, "forbidden"],
    ];
    for (const [who, headers, status, code] of attempts) {
      const res = await fetch(url, { method, headers });
      const text = await res.text();
      expect({ who, status: res.status }).toEqual({ who, status });
      expect(JSON.parse(text)).toEqual({ error: { code, message: expect.any(String) } });
      expect(text).not.toContain(title);
    }

    // Nothing is gone: the rows, the sockets, and the phone can still vote and be counted.
    expect(rowsOfSession(h.databasePath, created.id)).toEqual(rowsBefore);
    expect(rowsBefore).toEqual({ sessions: 1, questions: 1, ballots: 1 });
    expect(host.socket.connected && phone.socket.connected).toBe(true);
    expect(await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] })).toMatchObject({ ok: true });

    // The same request with the host key goes through, so the refusals above were about the key.
    const allowed = await fetch(url, { method, headers: bearer(created.hostKey) });
    expect(allowed.status).toBe(method === "DELETE" ? 204 : 200);
  });
});

describe("CREATE_PASSCODE", () => {
  let guarded: Harness;
  beforeAll(async () => {
    guarded = await startHarness({ config: { createPasscode: "secret-pass" } });
  });
  afterAll(async () => guarded?.close());

  const rowsTitled = (harness: Harness, title: string) =>
    readDatabase(harness.databasePath, (db) => db.prepare(`SELECT id FROM sessions WHERE title = ?`).all(title));

  it.each([
    ["no passcode", {}],
    ["a wrong passcode", { passcode: "secret-pas" }],
    ["the passcode in other letters", { passcode: "SECRET-PASS" }],
    ["an empty passcode", { passcode: "" }],
    ["the passcode with a space", { passcode: "secret-pass " }],
  ])("refuses a session with %s: 403 passcode_required and no row", async (name, extra) => {
    const title = `Zonder toegang: ${name}`;
    const res = await postSession(guarded, { title, ...extra });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "passcode_required", message: expect.any(String) } });
    expect(rowsTitled(guarded, title)).toEqual([]);
  });

  it("creates a session with the right passcode (201)", async () => {
    const title = "Met toegang";
    const res = await postSession(guarded, { title, passcode: "secret-pass" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedSession;
    expect(rowsTitled(guarded, title)).toEqual([{ id: created.id }]);
  });

  it("needs no passcode when CREATE_PASSCODE is not set", async () => {
    const res = await postSession(h, { title: "Open server" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedSession;
    expect(rowsOfSession(h.databasePath, created.id).sessions).toBe(1);
  });
});

describe("the host key in logs", () => {
  it("never appears in anything the server writes to the console, in a full flow with right and wrong keys", async () => {
    const methods = ["log", "info", "warn", "error", "debug"] as const;
    const spies = methods.map((m) => vi.spyOn(console, m));
    try {
      const { created, questionId } = await openSession(h, { title: "Logboek" });
      const other = await h.createSession({ title: "Another room" });
      const phone = await joinAsParticipant(h, created);
      await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
      await joinAsScreen(h, created);
      // The host key where it does not belong: as the screen key (admitted: the host may open the screen),
      // in another session, as a join code, misspelt.
      await pool.join({ sessionId: created.id, screenKey: created.hostKey });
      await pool.refused({ sessionId: other.id, hostKey: created.hostKey });
      await pool.refused({ code: created.hostKey.slice(0, 16), participantId: created.hostKey.slice(0, 64) });
      await pool.refused({ sessionId: created.id, hostKey: `${created.hostKey}x` });
      for (const format of ["csv", "json", "xml"]) {
        await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=${format}`, { headers: bearer(created.hostKey) })).text();
      }
      await (await fetch(`${h.url}/api/sessions/${other.id}`, { method: "DELETE", headers: bearer(created.hostKey) })).text();
      await (await fetch(`${h.url}/api/sessions/${created.id}`, { method: "PATCH", headers: bearer(created.hostKey) })).text();
      expect((await fetch(`${h.url}/api/sessions/${created.id}`, { method: "DELETE", headers: bearer(created.hostKey) })).status).toBe(204);

      const written = spies.flatMap((spy) => spy.mock.calls.flat().map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 10 }))));
      const leaks = written.filter((text) => text.includes(created.hostKey));
      expect(leaks).toEqual([]);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });
});
