/** Only the facilitator controls a session: every facilitator event, export and delete refused for everyone else. */
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FACILITATOR_EVENTS, type CreatedSession, type ErrorCode, type FacilitatorEvent } from "../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "./flood-guard";
import { eventMatching, startHarness, type ClientSocket, type Harness } from "./testing/harness";
import { bearer, postSession, rowsOfSession, socketPool } from "./testing/flood-helpers";
import {
  ballotRows,
  command,
  emitRaw,
  heard,
  joinAsParticipant,
  joinAsScreen,
  openSession,
  questionRow,
  readDatabase,
  roundTrip,
  VIEW_EVENTS,
  type Joined,
} from "./testing/helpers";

let h: Harness;
let pool: ReturnType<typeof socketPool>;
beforeAll(async () => {
  // Every refused key counts as a failed join of 127.0.0.1; this file refuses more than the default 20 a
  // minute on purpose. The failed-join limit itself is proven in flood.test.ts.
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, failedJoinsPerMinute: 100_000, sessionCreatesPerHour: 100_000 } } });
  pool = socketPool(h);
});
afterEach(() => pool.closeAll());
afterAll(async () => h?.close());

const FORBIDDEN = { ok: false, error: { code: "forbidden", message: expect.any(String) } };

interface SetupContext {
  created: CreatedSession;
  host: Joined;
  phone: Joined;
  /**
   * The phone and the screen: each setup command waits until both have its view (a state, or on the phone the
   * question changed in place), so none is in flight later.
   */
  watchers: ClientSocket[];
  /** The nine-challenges question the session starts with, active. */
  questionId: string;
}

/** A question of the facilitator's own, added after the nine challenges (not active). */
async function addQuestion({ host, watchers }: SetupContext, draft: Record<string, unknown>): Promise<string> {
  const { ack } = await command(host.socket, "question:add", draft, watchers);
  if (!ack.ok) throw new Error("question:add failed");
  return ack.data.question.id;
}

async function vote(phone: Joined, questionId: string): Promise<void> {
  expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] })).ok).toBe(true);
}

/**
 * Questions from the floor open (with approval or not) and one question from the phone; waits until the facilitator
 * and the screen have been told, so no floor message of the setup is in flight later (an unchanged view is not sent).
 */
async function floorQuestion(s: SetupContext, approval: boolean): Promise<string> {
  const told = [s.host.socket, s.watchers[1]].map((w) => w && eventMatching(w, "floor:updated", (f) => f.settings.open && (approval ? f.questions.length === 0 || f.pending === 1 : f.questions.length === 1)));
  expect(await emitRaw(s.host.socket, "floor:configure", { open: true, approval })).toMatchObject({ ok: true });
  const ack = (await emitRaw(s.phone.socket, "floor:ask", { text: "Wie beslist over het budget?" })) as { ok: true; data: { question: { id: string } } };
  expect(ack.ok).toBe(true);
  await Promise.all(told);
  return ack.data.question.id;
}

/** An active open question with one answer from the phone; the answer's id as the facilitator sees it. */
async function openAnswer(s: SetupContext): Promise<{ questionId: string; answerId: string }> {
  const { host, phone, watchers } = s;
  const questionId = await addQuestion(s, { kind: "open", prompt: "Eén woord?" });
  await command(host.socket, "question:activate", { questionId }, watchers);
  const seen = eventMatching(host.socket, "results:updated", (r) => r.questionId === questionId && r.respondents === 1);
  expect((await phone.socket.emitWithAck("vote:cast", { questionId, text: "vertrouwen" })).ok).toBe(true);
  const answerId = (await seen).answers?.[0]?.id;
  if (!answerId) throw new Error("no open answer in the results");
  return { questionId, answerId };
}

/** Two challenges chosen, a proposal question for each (actions:prompts) and the phone's proposal to both. */
async function proposals(s: SetupContext): Promise<{ questionId: string; answerId: string }[]> {
  const { host, phone, watchers } = s;
  expect((await phone.socket.emitWithAck("vote:cast", { questionId: s.questionId, optionIds: ["power-play", "enemy-image"] })).ok).toBe(true);
  const { ack } = await command(host.socket, "actions:prompts", { questionId: s.questionId, topN: 2 }, watchers);
  const made = (ack as unknown as { data: { questions: { id: string }[] } }).data.questions;
  const picked = [];
  for (const { id: questionId } of made) {
    await command(host.socket, "question:activate", { questionId }, watchers);
    const seen = eventMatching(host.socket, "results:updated", (r) => r.questionId === questionId && r.respondents === 1);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, text: `Voorstel voor ${questionId}` })).ok).toBe(true);
    const answerId = (await seen).answers?.[0]?.id;
    if (!answerId) throw new Error("no proposal in the results");
    picked.push({ questionId, answerId });
  }
  return picked;
}

/** An active word cloud with one word from the phone. */
async function wordCloud(s: SetupContext): Promise<string> {
  const { host, phone, watchers } = s;
  const questionId = await addQuestion(s, { kind: "words", prompt: "Wat ontbreekt?" });
  await command(host.socket, "question:activate", { questionId }, watchers);
  const seen = eventMatching(host.socket, "results:updated", (r) => r.questionId === questionId && r.respondents === 1);
  expect((await phone.socket.emitWithAck("vote:cast", { questionId, words: ["Vertrouwen"] })).ok).toBe(true);
  await seen;
  return questionId;
}

/**
 * How to make each event change something if it were obeyed, and the valid payload it is sent with: open needs
 * a closed question, hide needs shown results, reset needs a ballot to discard, configure and update no ballot
 * yet (or they would be question_locked), move and activate a second question, answer:hide an answer.
 * A Record, so a new facilitator event does not compile without its case.
 */
const SETUP: Record<FacilitatorEvent, (s: SetupContext) => Promise<{ questionId: string; payload: Record<string, unknown> }>> = {
  "question:open": async (s) => {
    await vote(s.phone, s.questionId);
    await command(s.host.socket, "question:close", { questionId: s.questionId }, s.watchers);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "question:close": async (s) => {
    await vote(s.phone, s.questionId);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "results:show": async (s) => {
    await vote(s.phone, s.questionId);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "results:hide": async (s) => {
    await vote(s.phone, s.questionId);
    await command(s.host.socket, "results:show", { questionId: s.questionId }, s.watchers);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "question:reset": async (s) => {
    await vote(s.phone, s.questionId);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "question:configure": async (s) => ({ questionId: s.questionId, payload: { questionId: s.questionId, maxChoices: 1 } }),
  "question:add": async (s) => ({ questionId: s.questionId, payload: { kind: "single", prompt: "P", options: ["a", "b"] } }),
  "question:update": async (s) => ({
    questionId: s.questionId,
    payload: { questionId: s.questionId, draft: { kind: "single", prompt: "P", options: ["a", "b"] } },
  }),
  "question:move": async (s) => {
    await addQuestion(s, { kind: "open", prompt: "Nog iets?" });
    return { questionId: s.questionId, payload: { questionId: s.questionId, position: 1 } };
  },
  "question:remove": async (s) => {
    await vote(s.phone, s.questionId);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "question:activate": async (s) => {
    const second = await addQuestion(s, { kind: "scale", prompt: "Hoe tevreden?" });
    return { questionId: second, payload: { questionId: second } };
  },
  "followup:create": async (s) => {
    await vote(s.phone, s.questionId);
    return { questionId: s.questionId, payload: { questionId: s.questionId, topN: 3 } };
  },
  "answer:hide": async (s) => {
    const { questionId, answerId } = await openAnswer(s);
    return { questionId, payload: { questionId, answerId } };
  },
  "answer:show": async (s) => {
    const { questionId, answerId } = await openAnswer(s);
    // Moderating sends phones no view, and with results hidden no results either: only the screen has one to wait for.
    await command(s.host.socket, "answer:hide", { questionId, answerId }, s.watchers.filter((w) => w !== s.phone.socket));
    return { questionId, payload: { questionId, answerId } };
  },
  "session:rename": async (s) => ({ questionId: s.questionId, payload: { title: "Overgenomen titel" } }),
  "word:hide": async (s) => {
    const questionId = await wordCloud(s);
    return { questionId, payload: { questionId, key: "vertrouwen" } };
  },
  "word:show": async (s) => {
    const questionId = await wordCloud(s);
    await command(s.host.socket, "word:hide", { questionId, key: "vertrouwen" }, s.watchers.filter((w) => w !== s.phone.socket));
    return { questionId, payload: { questionId, key: "vertrouwen" } };
  },
  "question:notes": async (s) => ({ questionId: s.questionId, payload: { questionId: s.questionId, notes: "Vraag door naar een voorbeeld." } }),
  "question:revote": async (s) => {
    await vote(s.phone, s.questionId);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "results:conceal": async (s) => {
    await vote(s.phone, s.questionId);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "results:reveal": async (s) => {
    await vote(s.phone, s.questionId);
    await command(s.host.socket, "results:conceal", { questionId: s.questionId }, s.watchers);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "timer:start": async (s) => ({ questionId: s.questionId, payload: { questionId: s.questionId, seconds: 60 } }),
  "timer:extend": async (s) => {
    await command(s.host.socket, "timer:start", { questionId: s.questionId, seconds: 60 }, s.watchers);
    return { questionId: s.questionId, payload: { questionId: s.questionId, seconds: 30 } };
  },
  "timer:stop": async (s) => {
    await command(s.host.socket, "timer:start", { questionId: s.questionId, seconds: 60 }, s.watchers);
    return { questionId: s.questionId, payload: { questionId: s.questionId } };
  },
  "floor:configure": async (s) => ({ questionId: s.questionId, payload: { open: true, approval: true, screen: true } }),
  "floor:approve": async (s) => ({ questionId: s.questionId, payload: { floorId: await floorQuestion(s, true) } }),
  "floor:hide": async (s) => ({ questionId: s.questionId, payload: { floorId: await floorQuestion(s, false) } }),
  "floor:answer": async (s) => ({ questionId: s.questionId, payload: { floorId: await floorQuestion(s, false), answered: true } }),
  "floor:highlight": async (s) => ({ questionId: s.questionId, payload: { floorId: await floorQuestion(s, false) } }),
  "actions:prompts": async (s) => {
    await vote(s.phone, s.questionId);
    return { questionId: s.questionId, payload: { questionId: s.questionId, topN: 3 } };
  },
  "actions:dots": async (s) => {
    const picked = await proposals(s);
    return { questionId: s.questionId, payload: { proposals: picked, budget: 3 } };
  },
  "results:split": async (s) => {
    const role = await addQuestion(s, { kind: "single", prompt: "Welke rol?", options: ["Deelnemer", "Netwerkmanager"], grouping: true });
    return { questionId: role, payload: { byQuestionId: role } };
  },
};

/** What the facilitator would see and what the file holds: must be the same before and after a refusal. */
async function snapshot(created: CreatedSession, questionId: string) {
  const fresh = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
  fresh.socket.disconnect();
  // A running countdown's time left is counted when the state is made: the clock moving is not a change.
  const question = fresh.state.question && { ...fresh.state.question, timer: fresh.state.question.timer && { ...fresh.state.question.timer, remainingMs: 0 } };
  return {
    session: fresh.state.session,
    question,
    questions: fresh.state.questions,
    results: fresh.state.results,
    questionRow: questionRow(h.databasePath, questionId),
    ballots: ballotRows(h.databasePath, questionId),
    floor: readDatabase(h.databasePath, (db) => ({
      settings: db.prepare(`SELECT floor FROM sessions WHERE id = ?`).get(created.id),
      questions: db.prepare(`SELECT * FROM floor_questions WHERE session_id = ? ORDER BY id`).all(created.id),
    })),
  };
}

describe("facilitator events", () => {
  it.each(FACILITATOR_EVENTS)(
    "%s is refused for a participant, a screen, a wrong key and another session's host key, and changes nothing",
    async (event) => {
      const { created, host, questionId: challenges } = await openSession(h);
      const phone = await joinAsParticipant(h, created);
      const screen = await joinAsScreen(h, created);
      const other = await h.createSession({ title: "Another room" });
      const watchers = [phone.socket, screen.socket];
      const { questionId, payload } = await SETUP[event]({ created, host, phone, watchers, questionId: challenges });
      const was = await snapshot(created, questionId);
      const seen = [host, phone, screen].map((j: Joined) => heard(j.socket, [...VIEW_EVENTS, "floor:updated"]));

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

      // One round trip per socket: a state or question:updated broadcast by an obeyed event would have arrived
      // before its ack.
      for (const j of [host, phone, screen]) await roundTrip(j.socket);
      expect(seen.map((s) => s.log)).toEqual([[], [], []]);
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
