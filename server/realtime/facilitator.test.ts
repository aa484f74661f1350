/** Facilitator commands over Socket.IO: what each changes and who hears of it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../../lib/challenges";
import { FACILITATOR_EVENTS, type QuestionView } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import {
  addQuestion,
  ballotRows,
  collect,
  command,
  countsWith,
  activeQuestion,
  emitRaw,
  facilitatorView,
  heard,
  joinAsParticipant,
  joinAsScreen,
  openSession,
  questionRow,
  roundTrip,
  VIEW_EVENTS,
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
function payloadFor(event: string, questionId: string, floorId = "f_none"): Record<string, unknown> {
  switch (event) {
    case "floor:configure":
      return { open: true, screen: true };
    case "floor:approve":
    case "floor:hide":
    case "floor:highlight":
      return { floorId };
    case "floor:answer":
      return { floorId, answered: true };
    case "question:configure":
      return { questionId, maxChoices: 1 };
    case "question:add":
      return { kind: "single", prompt: "P", options: ["a", "b"] };
    case "question:update":
      return { questionId, draft: { kind: "single", prompt: "P", options: ["a", "b"] } };
    case "question:move":
      return { questionId, position: 0 };
    case "followup:create":
    case "actions:prompts":
      return { questionId, topN: 3 };
    case "actions:dots":
      return { proposals: [{ questionId, answerId: "x" }, { questionId, answerId: "y" }] };
    case "answer:hide":
    case "answer:show":
      return { questionId, answerId: "x" };
    case "session:rename":
      return { title: "Nieuwe titel" };
    case "results:split":
      return { byQuestionId: questionId };
    case "word:hide":
    case "word:show":
      return { questionId, key: "vertrouwen" };
    case "question:notes":
      return { questionId, notes: "Vraag door." };
    case "timer:start":
    case "timer:extend":
      return { questionId, seconds: 30 };
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
  ])("%s is acknowledged; the screen gets the new session:state, the phone the new question", async (event, extra, before, expected) => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const screen = await joinAsScreen(h, created);
    if (before) await command(host.socket, before, { questionId }, [phone.socket, screen.socket]);

    const { ack, states } = await command(host.socket, event, { questionId, ...extra }, [phone.socket, screen.socket]);

    expect(ack).toEqual({ ok: true, data: { question: expect.objectContaining({ id: questionId, ...expected }) } });
    const [onPhone, onScreen] = states;
    // A reset discards ballots, so each phone gets a state of its own; the rest changes the question in place.
    expect(onPhone?.via).toBe(event === "question:reset" ? "session:state" : "question:updated");
    expect(onScreen?.via).toBe("session:state");
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
    const told = heard(phone.socket);
    const withQuestion =
      payload !== null && typeof payload === "object" && "questionId" in payload && payload.questionId === "Q" ? { ...payload, questionId } : payload;
    const ack = await emitRaw(host.socket, event, withQuestion);
    expect(ack).toEqual({ ok: false, error: { code: "invalid_payload", message: expect.any(String) } });

    // The first thing the phone hears is the update of this no-op command: the refused one sent nothing.
    await command(host.socket, "question:open", { questionId }, [phone.socket]);
    expect(told.log).toEqual([["question:updated", { question: expect.objectContaining({ id: questionId, status: "open", resultsVisible: false, maxChoices: null }) }]]);
  });

  it.each(["participant", "screen"] as const)("refuses every facilitator event from a %s with forbidden", async (role) => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const intruder = role === "participant" ? phone : await joinAsScreen(h, created);
    await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    const told = heard(phone.socket);

    for (const event of FACILITATOR_EVENTS) {
      const ack = await emitRaw(intruder.socket, event, payloadFor(event, questionId));
      expect(ack, event).toEqual({ ok: false, error: { code: "forbidden", message: expect.any(String) } });
    }

    // The first thing the phone hears is the update of this no-op command: none of the refused ones sent anything.
    await command(host.socket, "question:open", { questionId }, [phone.socket]);
    expect(told.log).toEqual([["question:updated", { question: expect.objectContaining({ id: questionId, status: "open", resultsVisible: false, maxChoices: null }) }]]);
    // Not reset, not removed: the phone gets its ballot back when it comes back.
    expect((await joinAsParticipant(h, created, phone.participantId)).state.ballot).toEqual(["power-play"]);
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
    // A question from the floor in B, waiting for approval (so B's phones are told nothing of it).
    await emitRaw(b.host.socket, "floor:configure", { open: true, approval: true });
    const asked = (await emitRaw(phoneB.socket, "floor:ask", { text: "Van B?" })) as { data: { question: { id: string } } };
    const floorId = asked.data.question.id;
    const toldB = heard(phoneB.socket);

    // question:add, session:rename and floor:configure name no question: they can only ever act on the sender's own
    // session (checked below: B's phone hears nothing before B's own command, and B keeps its title and floor).
    const ownOnly = ["question:add", "session:rename", "floor:configure"];
    for (const event of FACILITATOR_EVENTS.filter((e) => !ownOnly.includes(e))) {
      const ack = await emitRaw(a.host.socket, event, payloadFor(event, b.questionId, floorId));
      expect(ack, event).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(question_not_found|not_found|forbidden)$/) } });
    }
    expect(await emitRaw(a.host.socket, "floor:configure", payloadFor("floor:configure", b.questionId))).toMatchObject({ ok: true });
    const added = await emitRaw(a.host.socket, "question:add", payloadFor("question:add", b.questionId));
    expect(added).toMatchObject({ ok: true });
    expect(await emitRaw(a.host.socket, "session:rename", payloadFor("session:rename", b.questionId))).toMatchObject({ ok: true });
    const bHost = await h.connectAs({ sessionId: b.created.id, hostKey: b.created.hostKey });
    expect(bHost.state.questions?.map((q) => q.id)).toEqual([b.questionId]);
    expect(bHost.state.session.title).toBe("B");
    expect(bHost.state.floor).toMatchObject({ settings: { open: true, approval: true, screen: false, highlight: null }, questions: [{ id: floorId, status: "pending", answered: false }] });

    await command(b.host.socket, "question:open", { questionId: b.questionId }, [phoneB.socket]);
    expect(toldB.log).toEqual([
      ["question:updated", { question: expect.objectContaining({ id: b.questionId, status: "open", resultsVisible: false, maxChoices: null }) }],
    ]);
    expect((await joinAsParticipant(h, b.created, phoneB.participantId)).state.ballot).toEqual(["enemy-image"]);
    expect(questionRow(h.databasePath, b.questionId)).toMatchObject({ status: "open", results_visible: 0, round: 1 });
    expect(ballotRows(h.databasePath, b.questionId)).toHaveLength(1);
  });
});

describe("showing results to participants", () => {
  it("sends participants no results while hidden, then results with the question:updated of results:show and in results:updated after that", async () => {
    const { created, host, questionId } = await openSession(h);
    const screen = await joinAsScreen(h, created);
    const phone = await joinAsParticipant(h, created);
    const voter = await joinAsParticipant(h, created);
    const told = heard(phone.socket);

    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    await voter.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    await counted;

    const { ack, states } = await command(host.socket, "results:show", { questionId }, [phone.socket, screen.socket]);
    const [onPhone, onScreen] = states;
    expect(activeQuestion(onPhone).resultsVisible).toBe(true);
    expect(onPhone?.results).toMatchObject({ counts: counts({ "power-play": 1 }), respondents: 1, participants: 2 });
    await roundTrip(phone.socket);
    // All the phone ever heard is the one update that shows the results (the screen's results: no open answers
    // to hide here): none leaked while hidden, and the results did not come a second time as results:updated.
    expect(told.log).toEqual([["question:updated", { question: ack.ok && ack.data.question, results: onScreen?.results }]]);

    const live = eventMatching(phone.socket, "results:updated", (r) => r.respondents === 2);
    await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] });
    expect(await live).toMatchObject({ counts: counts({ "power-play": 1, "enemy-image": 1 }), respondents: 2 });
  });

  it("stops sending participants results after results:hide", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const voter = await joinAsParticipant(h, created);
    await command(host.socket, "results:show", { questionId }, [phone.socket, voter.socket]);

    const hiding = heard(phone.socket);
    const { ack, states } = await command(host.socket, "results:hide", { questionId }, [phone.socket, voter.socket]);
    for (const state of states) {
      expect(activeQuestion(state).resultsVisible).toBe(false);
      expect(state.results).toBeUndefined();
    }
    // No results field at all, not even an empty one: the phone clears what it showed.
    expect(hiding.log).toStrictEqual([["question:updated", { question: ack.ok && ack.data.question }]]);
    hiding.stop();

    const phoneResults = collect(phone.socket, "results:updated");
    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    await voter.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    await counted;
    const { states: after } = await command(host.socket, "question:close", { questionId }, [phone.socket]);
    expect(after[0]?.via).toBe("question:updated");
    expect(after[0]?.results).toBeUndefined();
    // Shown again, the phone gets the results with the update, counting the vote cast while hidden...
    const { states: shown } = await command(host.socket, "results:show", { questionId }, [phone.socket]);
    expect(shown[0]?.via).toBe("question:updated");
    expect(shown[0]?.results).toMatchObject({ counts: counts({ "power-play": 1 }), respondents: 1 });
    // ...and no results message at all: the vote while hidden did not leak one.
    await roundTrip(phone.socket);
    expect(phoneResults.received).toEqual([]);

    const rejoined = await joinAsParticipant(h, created, phone.participantId);
    expect(rejoined.state.results).toMatchObject({ respondents: 1 });
  });
});

describe("phones hear of in-place changes to the active question through one question:updated", () => {
  /** A session whose only question, active, is the facilitator's own multiple choice; two phones, a screen. */
  async function room() {
    const { created, host } = await openSession(h, { title: "Ter plaatse", template: "empty" });
    const phone = await joinAsParticipant(h, created);
    const other = await joinAsParticipant(h, created);
    const screen = await joinAsScreen(h, created);
    // Every command below waits for all four, so nothing of an earlier command is still in flight.
    const everyone = [phone.socket, other.socket, screen.socket, host.socket];
    const draft = { kind: "multiple", prompt: "Welke partners ontbreken?", options: ["Scholen", "Huisartsen", "Buurtwerk"] };
    const { question } = await addQuestion(host.socket, draft, everyone);
    return { created, host, phone, other, screen, everyone, questionId: question.id };
  }

  const REWRITE = { kind: "single", prompt: "Wie trekt de kar?", options: ["Gemeente", "OCMW"] };

  it.each<{ name: string; event: string; extra?: Record<string, unknown>; before?: string; vote: boolean; expected: Partial<QuestionView> }>([
    { name: "question:close", event: "question:close", vote: true, expected: { status: "closed", resultsVisible: false } },
    { name: "question:open", event: "question:open", before: "question:close", vote: true, expected: { status: "open", resultsVisible: false } },
    { name: "results:show", event: "results:show", vote: true, expected: { status: "open", resultsVisible: true } },
    { name: "results:hide", event: "results:hide", before: "results:show", vote: true, expected: { resultsVisible: false } },
    { name: "question:close while results are shown", event: "question:close", before: "results:show", vote: true, expected: { status: "closed", resultsVisible: true } },
    // Configure and update are refused once a vote is in, so these phones have no ballot to keep.
    { name: "question:configure", event: "question:configure", extra: { maxChoices: 2 }, vote: false, expected: { maxChoices: 2 } },
    { name: "question:update", event: "question:update", extra: { draft: REWRITE }, vote: false, expected: { kind: "single", prompt: REWRITE.prompt } },
    {
      name: "question:update while results are shown",
      event: "question:update",
      extra: { draft: REWRITE },
      before: "results:show",
      vote: false,
      expected: { kind: "single", resultsVisible: true },
    },
  ])("$name: each phone gets exactly one question:updated and keeps its ballot; facilitator and screen a session:state", async ({ event, extra, before, vote, expected }) => {
    const { created, host, phone, other, screen, everyone, questionId } = await room();
    if (vote) {
      // The new respondent refreshes the facilitator's question list; waited for, so it is not taken for the
      // state of the command below.
      const listed = eventMatching(host.socket, "session:state", (st) => st.questions?.[0]?.respondents === 1);
      expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["o1", "o3"] })).ok).toBe(true);
      await listed;
    }
    if (before) await command(host.socket, before, { questionId }, everyone);
    const onPhones = [heard(phone.socket), heard(other.socket)];
    // Screens and facilitators also get results:updated on their own schedule; only their views count here.
    const onScreen = heard(screen.socket, VIEW_EVENTS);
    const onHost = heard(host.socket, VIEW_EVENTS);

    const { ack, states } = await command(host.socket, event, { questionId, ...extra }, everyone);
    for (const socket of everyone) await roundTrip(socket);

    if (!ack.ok) throw new Error(`${event} refused`);
    const question = ack.data.question;
    expect(question).toMatchObject({ id: questionId, ...expected });
    expect(states.map((st) => st.via)).toEqual(["question:updated", "question:updated", "session:state", "session:state"]);
    expect(onScreen.log.map(([name]) => name)).toEqual(["session:state"]);
    expect(onHost.log.map(([name]) => name)).toEqual(["session:state"]);
    const [, , screenState, hostState] = states;
    expect(screenState?.question).toEqual(question);
    expect(hostState?.question).toEqual(question);
    expect(hostState?.questions?.map((q) => q.id)).toEqual([questionId]);

    // Results go with the update exactly while they are shown to phones, and they are what the screen shows
    // (a choice question: no open answers to leave out).
    if (question.resultsVisible) {
      expect(screenState?.results).toMatchObject({ questionId, kind: question.kind, respondents: vote ? 1 : 0, participants: 2 });
    }
    const update = question.resultsVisible ? { question, results: screenState?.results } : { question };
    for (const told of onPhones) expect(told.log).toStrictEqual([["question:updated", update]]);

    // The server sent no ballot; the one it stores is still the phone's, and a phone that comes back gets it.
    const back = await joinAsParticipant(h, created, phone.participantId);
    expect(back.state.question).toEqual(question);
    expect(back.state.ballot).toEqual(vote ? ["o1", "o3"] : undefined);
    expect(back.state.results).toEqual(question.resultsVisible ? screenState?.results : undefined);
  });

  it.each([
    ["hidden", false],
    ["shown", true],
  ])("an in-place command on a question that is not the active one sends phones nothing (active results %s)", async (_name, shown) => {
    const { created, host, phone, other, screen, everyone, questionId: active } = await room();
    const draft = { kind: "multiple", prompt: "Welke thema's?", options: ["Wonen", "Zorg", "Werk"] };
    const { question: second } = await addQuestion(host.socket, draft, everyone);
    if (shown) await command(host.socket, "results:show", { questionId: active }, everyone);
    // While the active question's results are hidden a phone gets no results at all, so everything it hears
    // counts; while they are shown only the views are checked (see the report on results:updated).
    const onPhones = [phone, other].map((p) => heard(p.socket, shown ? VIEW_EVENTS : undefined));

    for (const [event, extra] of [
      ["question:close", {}],
      ["question:open", {}],
      ["results:show", {}],
      ["results:hide", {}],
      ["question:configure", { maxChoices: 2 }],
      ["question:update", { draft: REWRITE }],
    ] as const) {
      const { ack, states } = await command(host.socket, event, { questionId: second.id, ...extra }, [screen.socket, host.socket]);
      expect(ack.ok && ack.data.question.id, event).toBe(second.id);
      expect(states.map((st) => [st.via, activeQuestion(st).id]), event).toEqual([
        ["session:state", active],
        ["session:state", active],
      ]);
    }
    expect((await facilitatorView(h, created)).questions?.[1]).toMatchObject({ id: second.id, kind: "single", status: "open" });

    // The first thing each phone hears after all that is the update of a command on the active question.
    const { ack } = await command(host.socket, "question:close", { questionId: active }, [phone.socket, other.socket]);
    for (const told of onPhones) {
      expect(told.log).toEqual([["question:updated", expect.objectContaining({ question: ack.ok && ack.data.question })]]);
    }
  });

  it("question:add, move, activate, followup:create, reset and remove still send each phone a session:state of its own", async () => {
    const { host, phone, other, screen, questionId: first } = await room();
    expect((await phone.socket.emitWithAck("vote:cast", { questionId: first, optionIds: ["o2"] })).ok).toBe(true);
    const phones = [phone.socket, other.socket];
    const onPhones = phones.map((socket) => heard(socket));

    /** Run a command; each phone must hear exactly one session:state for it, and nothing else. */
    async function run(event: string, payload: Record<string, unknown>) {
      for (const told of onPhones) told.clear();
      const { ack, states } = await command(host.socket, event, payload, [...phones, screen.socket]);
      for (const socket of phones) await roundTrip(socket);
      for (const [i, told] of onPhones.entries()) {
        expect(told.log, `${event}, phone ${i}`).toEqual([["session:state", expect.any(Object)]]);
        expect({ ...(told.log[0]?.[1] as object), via: "session:state" }, `${event}, phone ${i}`).toEqual(states[i]);
      }
      const [onPhone, onOther] = states;
      return { ack, onPhone, onOther };
    }

    const added = await run("question:add", { kind: "single", prompt: "Wie trekt de kar?", options: ["Gemeente", "OCMW"] });
    const second = added.ack.ok ? added.ack.data.question.id : "";
    // Each phone's own state: only the one that voted has a ballot.
    expect([added.onPhone?.ballot, added.onOther?.ballot]).toEqual([["o2"], undefined]);

    const moved = await run("question:move", { questionId: second, position: 0 });
    expect(activeQuestion(moved.onPhone)).toMatchObject({ id: first, position: 1 });

    const toSecond = await run("question:activate", { questionId: second });
    expect(activeQuestion(toSecond.onPhone).id).toBe(second);
    expect(toSecond.onPhone?.ballot).toBeUndefined();

    const back = await run("question:activate", { questionId: first });
    expect([back.onPhone?.ballot, back.onOther?.ballot]).toEqual([["o2"], undefined]);

    // A follow-up ranks only options someone chose.
    expect((await other.socket.emitWithAck("vote:cast", { questionId: first, optionIds: ["o1"] })).ok).toBe(true);
    const followup = await run("followup:create", { questionId: first, topN: 2 });
    expect(activeQuestion(followup.onPhone)).toMatchObject({ kind: "ranking", options: [expect.objectContaining({ id: "o1" }), expect.objectContaining({ id: "o2" })] });
    const ranking = activeQuestion(followup.onPhone).id;

    await run("question:activate", { questionId: first });
    const reset = await run("question:reset", { questionId: first });
    expect(activeQuestion(reset.onPhone).id).toBe(first);
    expect(reset.onPhone?.ballot).toBeUndefined();

    const removed = await run("question:remove", { questionId: ranking });
    expect(activeQuestion(removed.onPhone).id).toBe(first);
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
