import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../../lib/challenges";
import { FACILITATOR_EVENTS, type QuestionView } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { eventMatching, nextEvent, startHarness, type Harness } from "../testing/harness";
import {
  ballotRows,
  collect,
  command,
  countsWith,
  activeQuestion,
  emitRaw,
  joinAsParticipant,
  joinAsScreen,
  openSession,
  questionRow,
} from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  // One socket here sends all fourteen facilitator events in a row, more than the ten a second a socket may
  // send; the per-socket limit itself is proven in flood.test.ts.
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 1_000 } } });
});
afterAll(async () => h?.close());

const counts = (picked: Record<string, number>) => countsWith(CHALLENGE_IDS, picked);

/** A valid payload for each facilitator event, aimed at the given question. */
function payloadFor(event: string, questionId: string): Record<string, unknown> {
  switch (event) {
    case "question:configure":
      return { questionId, maxChoices: 1 };
    case "question:add":
      return { kind: "single", prompt: "P", options: ["a", "b"] };
    case "question:update":
      return { questionId, draft: { kind: "single", prompt: "P", options: ["a", "b"] } };
    case "question:move":
      return { questionId, position: 0 };
    case "followup:create":
      return { questionId, topN: 3 };
    case "answer:hide":
    case "answer:show":
      return { questionId, answerId: "x" };
    default:
      return { questionId };
  }
}

describe("facilitator commands", () => {
  it.each<[string, Record<string, unknown>, string | undefined, Partial<QuestionView>]>([
    ["question:close", {}, undefined, { status: "closed" }],
    ["question:open", {}, "question:close", { status: "open" }],
    ["results:show", {}, undefined, { resultsVisible: true }],
    ["results:hide", {}, "results:show", { resultsVisible: false }],
    ["question:configure", { maxChoices: 2 }, undefined, { maxChoices: 2 }],
    ["question:reset", {}, undefined, { status: "open", resultsVisible: false, maxChoices: null }],
  ])("%s is acknowledged and every other client gets the new session:state", async (event, extra, before, expected) => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const screen = await joinAsScreen(h, created);
    if (before) await command(host.socket, before, { questionId }, [phone.socket, screen.socket]);

    const { ack, states } = await command(host.socket, event, { questionId, ...extra }, [phone.socket, screen.socket]);

    expect(ack).toEqual({ ok: true, data: { question: expect.objectContaining({ id: questionId, ...expected }) } });
    const [onPhone, onScreen] = states;
    expect(onPhone?.question).toMatchObject(expected);
    expect(onScreen?.question).toMatchObject(expected);
    expect(onScreen?.results).toBeDefined();
    // The server's view of the question is the same for every role.
    expect(onPhone?.question).toEqual(ack.ok ? ack.data.question : undefined);
    const onPhoneQuestion = activeQuestion(onPhone);
    expect(questionRow(h.databasePath, questionId)).toMatchObject({
      status: onPhoneQuestion.status,
      results_visible: onPhoneQuestion.resultsVisible ? 1 : 0,
      max_choices: onPhoneQuestion.maxChoices,
    });
  });

  it("sets the maximum back to none with maxChoices null", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    await command(host.socket, "question:configure", { questionId, maxChoices: 1 }, [phone.socket]);
    const { states } = await command(host.socket, "question:configure", { questionId, maxChoices: null }, [phone.socket]);
    expect(activeQuestion(states[0]).maxChoices).toBeNull();
    const ack = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play", "enemy-image"] });
    expect(ack.ok).toBe(true);
  });

  it("refuses to change the maximum once votes are in (question_locked) and allows it after a reset", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play", "enemy-image", "different-hats"] });

    const locked = await host.socket.emitWithAck("question:configure", { questionId, maxChoices: 2 });
    expect(locked).toEqual({ ok: false, error: { code: "question_locked", message: expect.any(String) } });

    await command(host.socket, "question:reset", { questionId }, [phone.socket]);
    const { states } = await command(host.socket, "question:configure", { questionId, maxChoices: 2 }, [phone.socket]);
    expect(activeQuestion(states[0]).maxChoices).toBe(2);
  });

  it.each([
    ["question:open", { questionId: 5 }],
    ["question:close", {}],
    ["results:show", "q"],
    ["results:hide", { questionId: "Q", extra: true }],
    ["question:reset", null],
    ["question:configure", { questionId: "Q" }],
    ["question:configure", { questionId: "Q", maxChoices: 0 }],
    ["question:configure", { questionId: "Q", maxChoices: 65 }],
    ["question:configure", { questionId: "Q", maxChoices: 1.5 }],
    ["question:configure", { questionId: "Q", maxChoices: "2" }],
  ])("refuses %s with payload %j as invalid_payload", async (event, payload) => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const states = collect(phone.socket, "session:state");
    const withQuestion =
      payload !== null && typeof payload === "object" && "questionId" in payload && payload.questionId === "Q" ? { ...payload, questionId } : payload;
    const ack = await emitRaw(host.socket, event, withQuestion);
    expect(ack).toEqual({ ok: false, error: { code: "invalid_payload", message: expect.any(String) } });

    // The next state the phone sees is the one of this no-op command: the refused one sent nothing.
    await command(host.socket, "question:open", { questionId }, [phone.socket]);
    expect(states.received).toHaveLength(1);
    expect(states.received[0]?.question).toMatchObject({ status: "open", resultsVisible: false, maxChoices: null });
  });

  it.each(["participant", "screen"] as const)("refuses every facilitator event from a %s with forbidden", async (role) => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const intruder = role === "participant" ? phone : await joinAsScreen(h, created);
    await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    const phoneStates = collect(phone.socket, "session:state");

    for (const event of FACILITATOR_EVENTS) {
      const ack = await emitRaw(intruder.socket, event, payloadFor(event, questionId));
      expect(ack, event).toEqual({ ok: false, error: { code: "forbidden", message: expect.any(String) } });
    }

    const { states } = await command(host.socket, "question:open", { questionId }, [phone.socket]);
    expect(phoneStates.received).toHaveLength(1);
    expect(states[0]?.question).toMatchObject({ status: "open", resultsVisible: false, maxChoices: null });
    expect(states[0]?.ballot).toEqual(["power-play"]);
    expect(questionRow(h.databasePath, questionId)).toMatchObject({
      status: "open",
      results_visible: 0,
      max_choices: null,
      round: 1,
    });
  });

  it("does not let the facilitator of one session control another", async () => {
    const a = await openSession(h, { title: "A" });
    const b = await openSession(h, { title: "B" });
    const phoneB = await joinAsParticipant(h, b.created);
    await phoneB.socket.emitWithAck("vote:cast", { questionId: b.questionId, optionIds: ["enemy-image"] });
    const statesB = collect(phoneB.socket, "session:state");

    // question:add names no question: it can only ever add to the sender's own session (checked below: B's
    // phone sees no new state).
    for (const event of FACILITATOR_EVENTS.filter((e) => e !== "question:add")) {
      const ack = await emitRaw(a.host.socket, event, payloadFor(event, b.questionId));
      expect(ack, event).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(question_not_found|forbidden)$/) } });
    }
    const added = await emitRaw(a.host.socket, "question:add", payloadFor("question:add", b.questionId));
    expect(added).toMatchObject({ ok: true });
    const bHost = await h.connectAs({ sessionId: b.created.id, hostKey: b.created.hostKey });
    expect(bHost.state.questions?.map((q) => q.id)).toEqual([b.questionId]);

    const { states } = await command(b.host.socket, "question:open", { questionId: b.questionId }, [phoneB.socket]);
    expect(statesB.received).toHaveLength(1);
    expect(states[0]?.question).toMatchObject({ status: "open", resultsVisible: false, maxChoices: null });
    expect(states[0]?.ballot).toEqual(["enemy-image"]);
    expect(questionRow(h.databasePath, b.questionId)).toMatchObject({ status: "open", results_visible: 0, round: 1 });
    expect(ballotRows(h.databasePath, b.questionId)).toHaveLength(1);
  });
});

describe("showing results to participants", () => {
  it("sends participants no results while hidden, then results in session:state and results:updated once shown", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const voter = await joinAsParticipant(h, created);
    const phoneResults = collect(phone.socket, "results:updated");

    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    await voter.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    await counted;

    const firstUpdate = nextEvent(phone.socket, "results:updated");
    const { states } = await command(host.socket, "results:show", { questionId }, [phone.socket]);
    expect(activeQuestion(states[0]).resultsVisible).toBe(true);
    expect(states[0]?.results).toMatchObject({ counts: counts({ "power-play": 1 }), respondents: 1, participants: 2 });
    expect(await firstUpdate).toMatchObject({ respondents: 1 });
    // The only results message the phone ever got is the one after showing: none leaked while hidden.
    expect(phoneResults.received).toHaveLength(1);

    const live = eventMatching(phone.socket, "results:updated", (r) => r.respondents === 2);
    await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] });
    expect(await live).toMatchObject({ counts: counts({ "power-play": 1, "enemy-image": 1 }), respondents: 2 });
  });

  it("stops sending participants results after results:hide", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const voter = await joinAsParticipant(h, created);
    await command(host.socket, "results:show", { questionId }, [phone.socket, voter.socket]);

    const { states } = await command(host.socket, "results:hide", { questionId }, [phone.socket, voter.socket]);
    for (const state of states) {
      expect(activeQuestion(state).resultsVisible).toBe(false);
      expect(state.results).toBeUndefined();
    }

    const phoneResults = collect(phone.socket, "results:updated");
    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    await voter.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    await counted;
    const { states: after } = await command(host.socket, "question:close", { questionId }, [phone.socket]);
    expect(after[0]?.results).toBeUndefined();
    // Shown again, the phone gets exactly one results message: the vote while hidden did not leak one.
    const shown = nextEvent(phone.socket, "results:updated");
    await command(host.socket, "results:show", { questionId }, [phone.socket]);
    expect(await shown).toMatchObject({ respondents: 1 });
    expect(phoneResults.received).toHaveLength(1);

    const rejoined = await joinAsParticipant(h, created, phone.participantId);
    expect(rejoined.state.results).toMatchObject({ respondents: 1 });
  });
});

describe("question:reset", () => {
  it("starts a new round: zero results, no ballots on phones, old ballots kept as a discarded round", async () => {
    const { created, host, questionId } = await openSession(h);
    const screen = await joinAsScreen(h, created);
    const a = await joinAsParticipant(h, created);
    const b = await joinAsParticipant(h, created);
    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
    await a.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play", "enemy-image"] });
    await b.socket.emitWithAck("vote:cast", { questionId, optionIds: [] });
    await counted;
    expect(questionRow(h.databasePath, questionId)?.round).toBe(1);

    const { ack, states } = await command(host.socket, "question:reset", { questionId }, [a.socket, b.socket, screen.socket]);
    expect(ack.ok).toBe(true);
    const [onA, onB, onScreen] = states;
    expect(onA?.ballot).toBeUndefined();
    expect(onB?.ballot).toBeUndefined();
    expect(onScreen?.results).toMatchObject({ counts: counts({}), respondents: 0, participants: 2 });

    const rejoined = await joinAsParticipant(h, created, a.participantId);
    expect(rejoined.state.ballot).toBeUndefined();

    expect(questionRow(h.databasePath, questionId)?.round).toBe(2);
    const discarded = ballotRows(h.databasePath, questionId);
    expect(discarded).toHaveLength(2);
    for (const row of discarded) expect(row.round).toBe(1);
    expect(discarded.map((r) => JSON.parse(r.option_ids) as string[]).sort()).toEqual([[], ["power-play", "enemy-image"]]);

    // Voting goes on in the new round, counted apart from the discarded one.
    const fresh = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    await a.socket.emitWithAck("vote:cast", { questionId, optionIds: ["different-hats"] });
    expect(await fresh).toMatchObject({ counts: counts({ "different-hats": 1 }), respondents: 1 });
    expect(ballotRows(h.databasePath, questionId).filter((r) => r.round === 2)).toHaveLength(1);

    const exported = await fetch(`${h.url}/api/sessions/${created.id}/export?format=json`, {
      headers: { authorization: `Bearer ${created.hostKey}` },
    });
    expect(await exported.json()).toMatchObject({ questions: [{ id: questionId, respondents: 1, ballots: [{ optionIds: ["different-hats"] }] }] });
  });
});

describe("results for the facilitator under load", () => {
  it("folds 50 simultaneous votes into fewer results messages that end at 50 respondents", async () => {
    const { created, host, questionId } = await openSession(h);
    const connected = eventMatching(host.socket, "results:updated", (r) => r.participants === 50);
    const phones = await Promise.all(Array.from({ length: 50 }, () => joinAsParticipant(h, created)));
    await connected;

    const updates = collect(host.socket, "results:updated");
    const all = eventMatching(host.socket, "results:updated", (r) => r.respondents === 50);
    const acks = await Promise.all(
      phones.map((p, i) => p.socket.emitWithAck("vote:cast", { questionId, optionIds: i % 2 === 0 ? ["power-play"] : [] })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(await all).toEqual({ questionId, kind: "multiple", counts: counts({ "power-play": 25 }), respondents: 50, participants: 50 });

    // Everything the votes caused has gone out before the results that show the 51st participant.
    const latecomer = eventMatching(host.socket, "results:updated", (r) => r.participants === 51);
    await joinAsParticipant(h, created);
    await latecomer;
    updates.stop();
    const fromVotes = updates.received.filter((r) => r.participants === 50);

    expect(fromVotes.length).toBeGreaterThan(0);
    expect(fromVotes.length).toBeLessThan(50);
    expect(fromVotes.at(-1)).toMatchObject({ respondents: 50 });
  });
});
