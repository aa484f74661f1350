/** Building a session's questions over Socket.IO: add, update, move, remove, activate. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../../lib/challenges";
import type { QuestionKind, SessionState } from "../../lib/protocol";
import { findTemplate, SESSION_TEMPLATES } from "../../lib/templates";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import {
  activeQuestion,
  addQuestion,
  ballotRows,
  command,
  emitRaw,
  facilitatorView,
  heard,
  joinAsParticipant,
  joinAsScreen,
  openSession,
} from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** One draft of each kind, as the facilitator's form sends it. */
const DRAFTS: Record<QuestionKind, Record<string, unknown>> = {
  single: { kind: "single", prompt: "Wie trekt de kar?", options: ["Gemeente", "OCMW", "Vzw"] },
  multiple: { kind: "multiple", prompt: "Welke thema's?", options: ["Wonen", "Zorg", "Werk"], maxChoices: 2 },
  scale: { kind: "scale", prompt: "Hoe tevreden ben je?", scale: { min: 0, max: 10, minLabel: "Helemaal niet", maxLabel: "Heel erg" } },
  ranking: { kind: "ranking", prompt: "Wat pakken we eerst aan?", options: ["Wonen", "Zorg", "Werk", "Vervoer"], maxChoices: 3 },
  open: { kind: "open", prompt: "Eén woord voor deze samenwerking?" },
  words: { kind: "words", prompt: "Wat ontbreekt er nog aan tafel?" },
  dots: { kind: "dots", prompt: "Waar steken we onze tijd in?", options: ["Wonen", "Zorg", "Werk"], maxChoices: 5 },
};

const summaryIds = (state: SessionState) => state.questions?.map((q) => q.id);

// Every command sends each screen a new state and each phone a state or (changed in place) the question, so a test
// that later awaits "the next view" of a socket passes that socket as a watcher to every command before it: no
// earlier message is left in flight.

describe("session templates", () => {
  it("article: the article's questions in order, the first one active, worded in the session's language", async () => {
    const { created, host } = await openSession(h, { title: "Artikel", language: "en", template: "article" });
    const expected = SESSION_TEMPLATES.article;
    expect(host.state.questions?.map((q) => [q.template, q.kind])).toEqual(expected.map((t) => [t.id, t.kind]));
    expect(host.state.questions?.map((q) => q.prompt)).toEqual(expected.map((t) => t.prompt.en));
    for (const summary of host.state.questions ?? []) expect(summary).toMatchObject({ status: "open", respondents: 0, locked: false });

    const first = activeQuestion(host.state);
    expect(first).toMatchObject({ id: host.state.questions?.[0]?.id, kind: "single", template: "check1-approach", position: 0 });
    expect(first.options.map((o) => o.id)).toEqual(["alone", "bilateral", "network"]);
    expect(first.options[0]?.label).toBe(findTemplate("check1-approach")?.options[0]?.label.en);

    const phone = await joinAsParticipant(h, created);
    expect(phone.state.question).toEqual(first);
    expect(phone.state.questions).toBeUndefined();
  });

  it("challenges (the default): only the nine challenges, active", async () => {
    const { host } = await openSession(h, { title: "Standaard" });
    expect(host.state.questions?.map((q) => [q.template, q.kind])).toEqual([["nine-challenges", "multiple"]]);
    expect(activeQuestion(host.state).options.map((o) => o.id)).toEqual(CHALLENGE_IDS);
  });

  it("empty: no question at all, and phones and screens get a state without one", async () => {
    const { created, host } = await openSession(h, { title: "Leeg", template: "empty" });
    expect(host.state.question).toBeUndefined();
    expect(host.state.questions).toEqual([]);
    expect(host.state.results).toBeUndefined();

    const phone = await joinAsParticipant(h, created);
    expect(phone.state.session.id).toBe(created.id);
    expect(phone.state).not.toHaveProperty("question");
    expect(phone.state).not.toHaveProperty("ballot");
    expect(phone.state).not.toHaveProperty("results");
    const screen = await joinAsScreen(h, created);
    expect(screen.state.question).toBeUndefined();
    expect(screen.state.results).toBeUndefined();

    const ack = await emitRaw(phone.socket, "vote:cast", { questionId: "q_anything", optionIds: [] });
    expect(ack).toEqual({ ok: false, error: { code: "question_not_found", message: expect.any(String) } });
  });
});

describe("question:add", () => {
  it.each(Object.entries(DRAFTS))("appends a %s question after the others, without moving the room", async (kind, draft) => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);

    const { question, states } = await addQuestion(host.socket, draft, [phone.socket, host.socket]);

    expect(question).toMatchObject({ kind, prompt: draft.prompt, status: "open", resultsVisible: false, template: null, position: 1 });
    const labels = (draft.options as string[] | undefined) ?? [];
    expect(question.options).toEqual(labels.map((label, i) => ({ id: `o${i + 1}`, label, description: "" })));
    expect(question.maxChoices).toBe(kind === "multiple" || kind === "ranking" || kind === "dots" ? draft.maxChoices : null);
    if (kind === "scale") expect(question.scale).toEqual(draft.scale);
    else expect(question.scale).toBeUndefined();

    const [onPhone, onHost] = states;
    expect(activeQuestion(onPhone).id).toBe(questionId);
    expect(onHost?.questions?.map((q) => [q.id, q.kind])).toEqual([
      [questionId, "multiple"],
      [question.id, kind],
    ]);
    expect(summaryIds(await facilitatorView(h, created))).toEqual([questionId, question.id]);
  });

  it("makes the first question added to an empty session the active one, and only the first", async () => {
    const { created, host } = await openSession(h, { title: "Leeg begin", template: "empty" });
    const phone = await joinAsParticipant(h, created);

    const first = await addQuestion(host.socket, DRAFTS.open, [phone.socket]);
    expect(first.states[0]?.question).toEqual(first.question);

    const second = await addQuestion(host.socket, DRAFTS.scale, [phone.socket]);
    expect(activeQuestion(second.states[0]).id).toBe(first.question.id);
    expect(summaryIds(await facilitatorView(h, created))).toEqual([first.question.id, second.question.id]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["a single-choice question with one option", { kind: "single", prompt: "P", options: ["Ja"] }],
    ["a multiple-choice question without options", { kind: "multiple", prompt: "P" }],
    ["a ranking question with one option", { kind: "ranking", prompt: "P", options: ["A"] }],
    ["two options with the same label", { kind: "single", prompt: "P", options: ["Ja", "Nee", "Ja"] }],
    ["two labels that are the same once trimmed", { kind: "multiple", prompt: "P", options: ["Ja", " Ja "] }],
    ["a maximum above the number of options", { kind: "multiple", prompt: "P", options: ["A", "B", "C"], maxChoices: 4 }],
    ["a ranking maximum above the number of options", { kind: "ranking", prompt: "P", options: ["A", "B"], maxChoices: 3 }],
    ["an empty prompt", { kind: "open", prompt: "  " }],
    ["an unknown kind", { kind: "matrix", prompt: "P", options: ["A", "B"] }],
    ["a scale whose top is not above its bottom", { kind: "scale", prompt: "P", scale: { min: 5, max: 5, minLabel: "", maxLabel: "" } }],
    ["a scale of more than ten steps", { kind: "scale", prompt: "P", scale: { min: 0, max: 11, minLabel: "", maxLabel: "" } }],
    ["21 options", { kind: "multiple", prompt: "P", options: Array.from({ length: 21 }, (_, i) => `Optie ${i}`) }],
    ["an empty option label", { kind: "single", prompt: "P", options: ["A", ""] }],
    ["a template id of its own choosing", { kind: "single", prompt: "P", options: ["A", "B"], template: "nine-challenges" }],
  ])("refuses %s as invalid_payload and adds nothing", async (_name, draft) => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const told = heard(phone.socket);

    expect(await emitRaw(host.socket, "question:add", draft)).toEqual({ ok: false, error: { code: "invalid_payload", message: expect.any(String) } });

    // The first thing the phone hears is the update of this no-op command: the refused one sent nothing.
    await command(host.socket, "question:open", { questionId }, [phone.socket]);
    expect(told.log).toEqual([["question:updated", { question: expect.objectContaining({ id: questionId, status: "open" }) }]]);
    expect(summaryIds(await facilitatorView(h, created))).toEqual([questionId]);
  });
});

describe("question:update", () => {
  it("rewrites a question before its first vote, refuses once a vote is in (question_locked), and allows it again after a reset", async () => {
    const { created, host } = await openSession(h, { title: "Bijsturen", template: "empty" });
    const phone = await joinAsParticipant(h, created);
    const { question } = await addQuestion(host.socket, DRAFTS.single, [phone.socket]);
    const questionId = question.id;

    const rewrite = { kind: "multiple", prompt: "Welke partners ontbreken?", options: ["Scholen", "Huisartsen"], maxChoices: null };
    const { ack, states } = await command(host.socket, "question:update", { questionId, draft: rewrite }, [phone.socket]);
    expect(ack).toEqual({ ok: true, data: { question: expect.objectContaining({ id: questionId, kind: "multiple", prompt: rewrite.prompt }) } });
    // The active question changed in place: the phone gets the rewritten question, not a state of its own.
    expect(states[0]?.via).toBe("question:updated");
    expect(activeQuestion(states[0])).toMatchObject({
      id: questionId,
      kind: "multiple",
      prompt: rewrite.prompt,
      options: [
        { id: "o1", label: "Scholen", description: "" },
        { id: "o2", label: "Huisartsen", description: "" },
      ],
    });

    expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["o2"] })).ok).toBe(true);
    const locked = await emitRaw(host.socket, "question:update", { questionId, draft: DRAFTS.open });
    expect(locked).toEqual({ ok: false, error: { code: "question_locked", message: expect.any(String) } });
    expect(activeQuestion(await facilitatorView(h, created))).toMatchObject({ kind: "multiple", prompt: rewrite.prompt });

    await command(host.socket, "question:reset", { questionId }, [phone.socket]);
    const { states: after } = await command(host.socket, "question:update", { questionId, draft: DRAFTS.open }, [phone.socket]);
    expect(after[0]?.via).toBe("question:updated");
    expect(activeQuestion(after[0])).toMatchObject({ id: questionId, kind: "open", prompt: DRAFTS.open?.prompt, options: [] });
  });

  // The lock looked only at ballots already stored: a vote still being written when the rewrite arrived was
  // acknowledged for the old question and then counted in the new one (a choice ballot in a scale question).
  it("never acknowledges both a vote and a rewrite that arrive together", async () => {
    const { created, host } = await openSession(h, { title: "Tegelijk", template: "empty" });
    const phone = await joinAsParticipant(h, created);
    const { question } = await addQuestion(host.socket, DRAFTS.single, [phone.socket]);
    const [vote, update] = await Promise.all([
      phone.socket.emitWithAck("vote:cast", { questionId: question.id, optionIds: ["o1"] }),
      emitRaw(host.socket, "question:update", { questionId: question.id, draft: DRAFTS.scale }),
    ]);
    const view = await facilitatorView(h, created);
    if (vote.ok) {
      expect(update).toMatchObject({ ok: false, error: { code: "question_locked" } });
      expect(view.results).toMatchObject({ kind: "single", counts: { o1: 1, o2: 0, o3: 0 }, respondents: 1 });
    } else {
      expect(vote).toMatchObject({ ok: false, error: { code: "wrong_answer_kind" } });
      expect(view.results).toMatchObject({ kind: "scale", respondents: 0 });
    }
  });

  it("refuses an invalid draft with invalid_payload and keeps the question", async () => {
    const { created, host, questionId } = await openSession(h);
    const ack = await emitRaw(host.socket, "question:update", { questionId, draft: { kind: "single", prompt: "P", options: ["Alleen"] } });
    expect(ack).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(activeQuestion(await facilitatorView(h, created))).toMatchObject({ id: questionId, template: "nine-challenges", kind: "multiple" });
  });
});

describe("question:move", () => {
  it("reorders the questions; the room stays on its active question", async () => {
    const { created, host, questionId: c } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const a = (await addQuestion(host.socket, DRAFTS.open, [phone.socket])).question.id;
    const b = (await addQuestion(host.socket, DRAFTS.scale, [phone.socket])).question.id;
    expect(summaryIds(await facilitatorView(h, created))).toEqual([c, a, b]);

    const { ack, states } = await command(host.socket, "question:move", { questionId: b, position: 0 }, [phone.socket]);
    expect(ack).toMatchObject({ ok: true, data: { question: { id: b, position: 0 } } });
    expect(activeQuestion(states[0])).toMatchObject({ id: c, position: 1 });
    expect(summaryIds(await facilitatorView(h, created))).toEqual([b, c, a]);

    // A position past the end puts the question last.
    await command(host.socket, "question:move", { questionId: c, position: 99 }, [phone.socket]);
    const view = await facilitatorView(h, created);
    expect(summaryIds(view)).toEqual([b, a, c]);
    expect(activeQuestion(view)).toMatchObject({ id: c, position: 2 });
  });
});

describe("question:remove", () => {
  it("removes a question with its ballots; removing the active one moves the room to the next (or the one before)", async () => {
    const { created, host, questionId: c } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const a = (await addQuestion(host.socket, DRAFTS.open, [phone.socket])).question.id;
    const b = (await addQuestion(host.socket, DRAFTS.scale, [phone.socket])).question.id;
    expect((await phone.socket.emitWithAck("vote:cast", { questionId: c, optionIds: ["power-play"] })).ok).toBe(true);

    // Not the active one: the room stays where it is.
    const removeA = await command(host.socket, "question:remove", { questionId: a }, [phone.socket]);
    expect(removeA.ack).toEqual({ ok: true, data: { questionId: a } });
    expect(activeQuestion(removeA.states[0]).id).toBe(c);

    // The active one, with a question after it: the next one becomes active.
    const removeC = await command(host.socket, "question:remove", { questionId: c }, [phone.socket]);
    expect(activeQuestion(removeC.states[0])).toMatchObject({ id: b, position: 0 });
    expect(ballotRows(h.databasePath, c)).toEqual([]);
    expect(summaryIds(await facilitatorView(h, created))).toEqual([b]);

    // The last one: the session is left without a question.
    const removeB = await command(host.socket, "question:remove", { questionId: b }, [phone.socket]);
    expect(removeB.states[0]?.question).toBeUndefined();
    const view = await facilitatorView(h, created);
    expect(view.questions).toEqual([]);
    expect(view.question).toBeUndefined();
  });

  it("activates the one before when the active question was the last", async () => {
    const { created, host, questionId: c } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const a = (await addQuestion(host.socket, DRAFTS.open, [phone.socket])).question.id;
    await command(host.socket, "question:activate", { questionId: a }, [phone.socket]);
    const { states } = await command(host.socket, "question:remove", { questionId: a }, [phone.socket]);
    expect(activeQuestion(states[0]).id).toBe(c);
  });

  it("answers question_not_found for a question that is already gone", async () => {
    const { host } = await openSession(h);
    const a = (await addQuestion(host.socket, DRAFTS.open)).question.id;
    await command(host.socket, "question:remove", { questionId: a });
    expect(await emitRaw(host.socket, "question:remove", { questionId: a })).toMatchObject({ ok: false, error: { code: "question_not_found" } });
  });
});

describe("question:activate", () => {
  it("moves phones and screens to the question at once, with each phone's own ballot for it; earlier results are kept", async () => {
    const { created, host, questionId: c } = await openSession(h);
    const screen = await joinAsScreen(h, created);
    const phone = await joinAsParticipant(h, created);
    const other = await joinAsParticipant(h, created);
    const s = (await addQuestion(host.socket, DRAFTS.single, [phone.socket, other.socket, screen.socket])).question.id;
    expect((await phone.socket.emitWithAck("vote:cast", { questionId: c, optionIds: ["power-play", "enemy-image"] })).ok).toBe(true);

    const toS = await command(host.socket, "question:activate", { questionId: s }, [phone.socket, other.socket, screen.socket]);
    expect(toS.ack).toMatchObject({ ok: true, data: { question: { id: s } } });
    const [onPhone, onOther, onScreen] = toS.states;
    expect(activeQuestion(onPhone)).toMatchObject({ id: s, kind: "single" });
    expect(onPhone?.ballot).toBeUndefined();
    expect(activeQuestion(onOther).id).toBe(s);
    expect(onScreen?.results).toMatchObject({ questionId: s, kind: "single", counts: { o1: 0, o2: 0, o3: 0 }, respondents: 0 });

    // The room has moved on: the earlier question takes no more votes until it is active again.
    expect(await emitRaw(other.socket, "vote:cast", { questionId: c, optionIds: ["power-play"] })).toEqual({
      ok: false,
      error: { code: "voting_closed", message: expect.any(String) },
    });
    expect((await phone.socket.emitWithAck("vote:cast", { questionId: s, optionIds: ["o3"] })).ok).toBe(true);

    const toC = await command(host.socket, "question:activate", { questionId: c }, [phone.socket, other.socket, screen.socket]);
    expect(activeQuestion(toC.states[0]).id).toBe(c);
    expect(toC.states[0]?.ballot).toEqual(["power-play", "enemy-image"]);
    expect(toC.states[1]?.ballot).toBeUndefined();
    expect(toC.states[2]?.results).toMatchObject({ questionId: c, respondents: 1, counts: { "power-play": 1, "enemy-image": 1, "shared-ambition": 0 } });
    // A new respondent refreshes the facilitator's question list.
    const counted = eventMatching(host.socket, "session:state", (st) => st.questions?.[0]?.respondents === 2);
    expect(await other.socket.emitWithAck("vote:cast", { questionId: c, optionIds: ["power-play"] })).toMatchObject({ ok: true });
    const view = await counted;
    expect(view.questions?.map((q) => [q.id, q.respondents, q.locked])).toEqual([
      [c, 2, true],
      [s, 1, true],
    ]);
  });

  it("answers question_not_found for another session's question", async () => {
    const a = await openSession(h);
    const b = await openSession(h);
    expect(await emitRaw(a.host.socket, "question:activate", { questionId: b.questionId })).toMatchObject({ ok: false, error: { code: "question_not_found" } });
    expect(activeQuestion(await facilitatorView(h, a.created)).id).toBe(a.questionId);
  });
});
