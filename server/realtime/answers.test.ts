/** Every kind of answer over Socket.IO: single, scale, ranking, open (with moderation) and follow-ups. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGES } from "../../lib/challenges";
import type { ErrorCode, OpenAnswer, Results, VoteCast } from "../../lib/protocol";
import { eventMatching, startHarness, type ClientSocket, type Harness } from "../testing/harness";
import {
  activeQuestion,
  addQuestion,
  command,
  emitRaw,
  facilitatorView,
  heard,
  joinAsParticipant,
  joinAsScreen,
  openSession,
  roundTrip,
  VIEW_EVENTS,
  type Joined,
} from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// Every command sends each screen a new state and each phone a state or (changed in place) the question, so a test
// that later awaits "the next view" of a socket passes that socket as a watcher to every command before it: no
// earlier message is left in flight. Moderating an answer sends phones no view at all, only their results.

/** A session whose only question, active, is the given draft; with a phone joined before it was added. */
async function sessionWith(draft: Record<string, unknown>) {
  const { created, host } = await openSession(h, { title: `Vraag ${String(draft.kind)}`, template: "empty" });
  const phone = await joinAsParticipant(h, created);
  const { question } = await addQuestion(host.socket, draft, [phone.socket]);
  return { created, host, phone, questionId: question.id };
}

type Cast = Omit<VoteCast, "questionId">;

describe("vote:cast for each kind of question", () => {
  it.each<{ kind: string; draft: Record<string, unknown>; cast: Cast; ballot: unknown; results: Partial<Results> }>([
    {
      kind: "single",
      draft: { kind: "single", prompt: "Wie trekt?", options: ["Gemeente", "OCMW", "Vzw"] },
      cast: { optionIds: ["o2"] },
      ballot: ["o2"],
      results: { counts: { o1: 0, o2: 1, o3: 0 } },
    },
    {
      kind: "multiple",
      draft: { kind: "multiple", prompt: "Welke?", options: ["A", "B", "C"] },
      cast: { optionIds: ["o3", "o1"] },
      ballot: ["o1", "o3"],
      results: { counts: { o1: 1, o2: 0, o3: 1 } },
    },
    {
      kind: "ranking",
      draft: { kind: "ranking", prompt: "Wat eerst?", options: ["A", "B", "C", "D"], maxChoices: 3 },
      cast: { optionIds: ["o3", "o1", "o4"] },
      ballot: ["o3", "o1", "o4"],
      results: { counts: { o1: 1, o2: 0, o3: 1, o4: 1 }, scores: { o1: 2, o2: 0, o3: 3, o4: 1 } },
    },
    {
      kind: "scale",
      draft: { kind: "scale", prompt: "Hoe tevreden?", scale: { min: 0, max: 4, minLabel: "Niet", maxLabel: "Heel" } },
      cast: { value: 3 },
      ballot: 3,
      results: { counts: { "0": 0, "1": 0, "2": 0, "3": 1, "4": 0 }, mean: 3 },
    },
    {
      kind: "open",
      draft: { kind: "open", prompt: "Eén woord?" },
      cast: { text: "  meer \n  tijd " },
      ballot: "meer tijd",
      results: { counts: {}, answers: [{ id: expect.any(String) as string, text: "meer tijd", hidden: false }] },
    },
  ])("$kind: acknowledges {ok, data: {ballot}} and the facilitator sees results of the kind", async ({ kind, draft, cast, ballot, results }) => {
    const { created, host, phone, questionId } = await sessionWith(draft);
    const counted = eventMatching(host.socket, "results:updated", (r) => r.questionId === questionId && r.respondents === 1);

    const ack = await phone.socket.emitWithAck("vote:cast", { questionId, ...cast });

    expect(ack).toEqual({ ok: true, data: { ballot } });
    expect(await counted).toEqual({ questionId, kind, respondents: 1, participants: 1, ...results });
    // The phone gets its own answer back when it comes back.
    const again = await joinAsParticipant(h, created, phone.participantId);
    expect(again.state.ballot).toEqual(ballot);
  });

  it("adds up Borda points over several rankings", async () => {
    const { created, host, questionId } = await sessionWith({ kind: "ranking", prompt: "Wat eerst?", options: ["A", "B", "C"], maxChoices: 2 });
    const rankings = [["o1", "o2"], ["o2", "o1"], ["o2"], ["o3", "o2"]];
    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === rankings.length);
    for (const optionIds of rankings) {
      const phone = await joinAsParticipant(h, created);
      expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds })).ok).toBe(true);
    }
    // k = 2: first place 2 points, second place 1.
    expect(await counted).toMatchObject({ counts: { o1: 2, o2: 4, o3: 1 }, scores: { o1: 3, o2: 6, o3: 2 } });
  });

  it("gives the mean of a scale question over all its ballots", async () => {
    const { created, host, questionId } = await sessionWith({ kind: "scale", prompt: "Hoe tevreden?" });
    const values = [1, 2, 2, 5];
    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === values.length);
    for (const value of values) {
      const phone = await joinAsParticipant(h, created);
      expect(await phone.socket.emitWithAck("vote:cast", { questionId, value })).toEqual({ ok: true, data: { ballot: value } });
    }
    expect(await counted).toMatchObject({ counts: { "1": 1, "2": 2, "3": 0, "4": 0, "5": 1 }, mean: 2.5 });
  });

  it.each<{ name: string; draft: Record<string, unknown>; cast: Cast; code: ErrorCode }>([
    { name: "single: two options", draft: { kind: "single", prompt: "P", options: ["A", "B"] }, cast: { optionIds: ["o1", "o2"] }, code: "too_many_choices" },
    { name: "single: a value", draft: { kind: "single", prompt: "P", options: ["A", "B"] }, cast: { value: 1 }, code: "wrong_answer_kind" },
    { name: "ranking: nothing ranked", draft: { kind: "ranking", prompt: "P", options: ["A", "B"] }, cast: { optionIds: [] }, code: "invalid_payload" },
    { name: "ranking: an option twice", draft: { kind: "ranking", prompt: "P", options: ["A", "B"] }, cast: { optionIds: ["o1", "o1"] }, code: "duplicate_option" },
    { name: "ranking: more than the maximum", draft: { kind: "ranking", prompt: "P", options: ["A", "B", "C"], maxChoices: 2 }, cast: { optionIds: ["o1", "o2", "o3"] }, code: "too_many_choices" },
    { name: "scale: above the scale", draft: { kind: "scale", prompt: "P" }, cast: { value: 6 }, code: "out_of_range" },
    { name: "scale: below the scale", draft: { kind: "scale", prompt: "P", scale: { min: 1, max: 3, minLabel: "", maxLabel: "" } }, cast: { value: 0 }, code: "out_of_range" },
    { name: "scale: option ids", draft: { kind: "scale", prompt: "P" }, cast: { optionIds: ["3"] }, code: "wrong_answer_kind" },
    { name: "open: only spaces", draft: { kind: "open", prompt: "P" }, cast: { text: "   " }, code: "invalid_payload" },
    { name: "open: option ids", draft: { kind: "open", prompt: "P" }, cast: { optionIds: [] }, code: "wrong_answer_kind" },
  ])("refuses $name with $code and stores nothing", async ({ draft, cast, code }) => {
    const { created, questionId } = await sessionWith(draft);
    const phone = await joinAsParticipant(h, created);
    expect(await emitRaw(phone.socket, "vote:cast", { questionId, ...cast })).toEqual({ ok: false, error: { code, message: expect.any(String) } });
    const view = await facilitatorView(h, created);
    expect(view.results?.respondents).toBe(0);
    expect(view.questions?.[0]).toMatchObject({ respondents: 0, locked: false });
  });

  it("refuses an open answer over 280 characters as invalid_payload", async () => {
    const { phone, questionId } = await sessionWith({ kind: "open", prompt: "P" });
    expect(await emitRaw(phone.socket, "vote:cast", { questionId, text: "x".repeat(281) })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(await phone.socket.emitWithAck("vote:cast", { questionId, text: "x".repeat(280) })).toMatchObject({ ok: true });
  });
});

describe("moderating open answers", () => {
  /** An open question with results shown to phones, two answers in, and the answers' ids as the facilitator sees them. */
  async function answeredOpenQuestion() {
    const { created, host, phone, questionId } = await sessionWith({ kind: "open", prompt: "Wat mis je?" });
    const other = await joinAsParticipant(h, created);
    const screen = await joinAsScreen(h, created);
    const room = [phone.socket, other.socket, screen.socket];
    await command(host.socket, "results:show", { questionId }, room);
    const both = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, text: "een scheldwoord" })).ok).toBe(true);
    expect((await other.socket.emitWithAck("vote:cast", { questionId, text: "vertrouwen" })).ok).toBe(true);
    const answers = (await both).answers ?? [];
    const idOf = (text: string) => answers.find((a) => a.text === text)?.id ?? "";
    return { created, host, phone, other, screen, questionId, rude: idOf("een scheldwoord"), kind: idOf("vertrouwen") };
  }

  const texts = (answers: readonly OpenAnswer[] | undefined) => (answers ?? []).map((a) => a.text).sort();

  /**
   * Hide or show an answer while results are shown to phones: the screen gets a session:state (as does the
   * facilitator); phones get no view, only their coalesced results:updated, the first to show the change returned.
   */
  async function moderate(host: ClientSocket, event: "answer:hide" | "answer:show", questionId: string, answerId: string, phones: ClientSocket[], screen: ClientSocket) {
    const views = phones.map((p) => heard(p, VIEW_EVENTS));
    const changed = phones.map((p) => eventMatching(p, "results:updated", (r) => (r.answers ?? []).some((a) => a.id === answerId) === (event === "answer:show")));
    const { ack, states } = await command(host, event, { questionId, answerId }, [screen]);
    const onPhones = await Promise.all(changed);
    for (const p of phones) await roundTrip(p);
    for (const told of views) expect(told.log, `${event}: a view on a phone`).toEqual([]);
    return { ack, onScreen: states[0], onPhones };
  }

  it("answer:hide takes the answer off the phones' results; the facilitator still sees it, flagged; answer:show puts it back", async () => {
    const { created, host, phone, other, screen, questionId, rude, kind } = await answeredOpenQuestion();
    expect(rude).not.toBe("");
    expect(kind).not.toBe(rude);

    const hidden = await moderate(host.socket, "answer:hide", questionId, rude, [phone.socket, other.socket], screen.socket);
    expect(hidden.ack).toEqual({ ok: true, data: { answerId: rude } });
    const { onScreen } = hidden;
    for (const results of hidden.onPhones) {
      expect(results.answers).toEqual([{ id: kind, text: "vertrouwen", hidden: false }]);
      // Hidden answers still count as respondents: somebody did answer.
      expect(results.respondents).toBe(2);
    }
    // Regression: the screen used to receive hidden answers (flagged) and had to leave them out itself, so anyone
    // with the screen link could read them. Only the facilitator sees them now, flagged.
    expect(texts(onScreen?.results?.answers)).toEqual(["vertrouwen"]);
    expect((await facilitatorView(h, created)).results?.answers).toEqual(
      expect.arrayContaining([
        { id: rude, text: "een scheldwoord", hidden: true },
        { id: kind, text: "vertrouwen", hidden: false },
      ]),
    );
    // A phone that joins now does not get it either.
    expect(texts((await joinAsParticipant(h, created)).state.results?.answers)).toEqual(["vertrouwen"]);

    // It stays in the export: the facilitator's own record is complete.
    const exported = (await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=json`, { headers: { authorization: `Bearer ${created.hostKey}` } })).json()) as {
      questions: { ballots: { text?: string; hidden?: boolean }[] }[];
    };
    expect(exported.questions[0]?.ballots).toContainEqual(expect.objectContaining({ text: "een scheldwoord", hidden: true }));

    const shown = await moderate(host.socket, "answer:show", questionId, rude, [phone.socket, other.socket], screen.socket);
    expect(shown.ack).toEqual({ ok: true, data: { answerId: rude } });
    for (const results of shown.onPhones) expect(texts(results.answers)).toEqual(["een scheldwoord", "vertrouwen"]);
    expect(shown.onScreen?.results?.answers).toContainEqual({ id: rude, text: "een scheldwoord", hidden: false });
  });

  it("shows a hidden answer again once its author changes it", async () => {
    const { host, phone, other, screen, questionId, rude } = await answeredOpenQuestion();
    await moderate(host.socket, "answer:hide", questionId, rude, [phone.socket, other.socket], screen.socket);

    const onHost = eventMatching(host.socket, "results:updated", (r) => (r.answers ?? []).some((a) => a.text === "meer overleg"));
    const onOther = eventMatching(other.socket, "results:updated", (r) => (r.answers ?? []).some((a) => a.text === "meer overleg"));
    expect(await phone.socket.emitWithAck("vote:cast", { questionId, text: "meer overleg" })).toEqual({ ok: true, data: { ballot: "meer overleg" } });

    expect((await onHost).answers).toContainEqual({ id: rude, text: "meer overleg", hidden: false });
    expect(texts((await onOther).answers)).toEqual(["meer overleg", "vertrouwen"]);
  });

  it("shows phones the results without the hidden answers when the facilitator shows them after moderating", async () => {
    const { created, host, phone, questionId } = await sessionWith({ kind: "open", prompt: "Wat mis je?" });
    const other = await joinAsParticipant(h, created);
    const screen = await joinAsScreen(h, created);
    const both = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, text: "een scheldwoord" })).ok).toBe(true);
    expect((await other.socket.emitWithAck("vote:cast", { questionId, text: "vertrouwen" })).ok).toBe(true);
    const rude = (await both).answers?.find((a) => a.text === "een scheldwoord")?.id ?? "";
    expect(rude).not.toBe("");
    const phones = [phone.socket, other.socket];
    const told = phones.map((p) => heard(p));

    await command(host.socket, "answer:hide", { questionId, answerId: rude }, [screen.socket]);
    for (const p of phones) await roundTrip(p);
    // Results are hidden from phones: moderating sends them nothing at all.
    for (const t of told) expect(t.log).toEqual([]);

    const { ack, states } = await command(host.socket, "results:show", { questionId }, [...phones, screen.socket]);
    for (const p of phones) await roundTrip(p);
    const facilitator = (await facilitatorView(h, created)).results;
    expect(facilitator?.answers).toContainEqual({ id: rude, text: "een scheldwoord", hidden: true });
    const withoutHidden = { ...facilitator, answers: facilitator?.answers?.filter((a) => !a.hidden) };
    expect(withoutHidden.answers).toEqual([expect.objectContaining({ text: "vertrouwen" })]);
    // What the screen shows, and the facilitator's results minus the hidden answer, in the one update.
    expect(states[2]?.results).toEqual(withoutHidden);
    for (const t of told) expect(t.log).toEqual([["question:updated", { question: ack.ok && ack.data.question, results: withoutHidden }]]);
  });

  // The answer id is documented as a pseudonym of the ballot, not of the participant, but it is derived from the
  // participant key alone: a phone shown the results of two open questions could link one person's answers.
  it("gives one participant's answers to two open questions different ids", async () => {
    const { host, phone, questionId: first } = await sessionWith({ kind: "open", prompt: "Eerste vraag?" });
    const { question: second } = await addQuestion(host.socket, { kind: "open", prompt: "Tweede vraag?" }, [phone.socket]);
    const answerIdIn = async (questionId: string, text: string) => {
      const counted = eventMatching(host.socket, "results:updated", (r) => r.questionId === questionId && r.respondents === 1);
      expect((await phone.socket.emitWithAck("vote:cast", { questionId, text })).ok).toBe(true);
      return (await counted).answers?.[0]?.id;
    };
    const inFirst = await answerIdIn(first, "samen");
    await command(host.socket, "question:activate", { questionId: second.id }, [phone.socket]);
    const inSecond = await answerIdIn(second.id, "sneller");
    expect(inFirst).toEqual(expect.any(String));
    expect(inSecond).toEqual(expect.any(String));
    expect(inSecond).not.toBe(inFirst);
  });

  it("answers not_found for an unknown answer id and changes nothing", async () => {
    const { created, host, phone, screen, questionId } = await answeredOpenQuestion();
    // Phones get results:updated on a timer here (results are shown): only views count. An obeyed answer:hide
    // sends the screen a state; the facilitator is left out, as its question list is refreshed on a timer too.
    const told = [screen, phone].map((j) => heard(j.socket, VIEW_EVENTS));
    expect(await emitRaw(host.socket, "answer:hide", { questionId, answerId: "no-such-answer" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    // The first view the screen and the phone get is the one of this no-op command: the refused one sent nothing.
    const { ack } = await command(host.socket, "question:open", { questionId }, [screen.socket, phone.socket]);
    const question = ack.ok && ack.data.question;
    expect(told.map((t) => t.log.map(([name, payload]) => [name, (payload as { question?: unknown }).question]))).toEqual([
      [["session:state", question]],
      [["question:updated", question]],
    ]);
    expect((await facilitatorView(h, created)).results?.answers?.every((a) => !a.hidden)).toBe(true);
  });
});

describe("followup:create", () => {
  /** An article session moved to the nine challenges, with a phone on every ballot. */
  async function challengesVoted(ballots: string[][]) {
    const { created, host } = await openSession(h, { title: "Vervolg", template: "article" });
    const questions = host.state.questions ?? [];
    const challenges = questions.find((q) => q.template === "nine-challenges")?.id ?? "";
    const phones: Joined[] = [];
    for (let i = 0; i < ballots.length; i++) phones.push(await joinAsParticipant(h, created));
    const sockets = phones.map((p) => p.socket);
    await command(host.socket, "question:activate", { questionId: challenges }, sockets);
    const counted = eventMatching(host.socket, "results:updated", (r) => r.questionId === challenges && r.respondents === ballots.length);
    for (const [i, optionIds] of ballots.entries()) {
      expect((await phones[i]?.socket.emitWithAck("vote:cast", { questionId: challenges, optionIds }))?.ok).toBe(true);
    }
    await counted;
    return { created, host, challenges, questions, sockets };
  }

  // The third of three challenges tied at the boundary was dropped silently (cut at 3 in the article's order).
  it("ranks the top 3 challenges by count with every challenge tied at the boundary, right after the question, and moves the room there", async () => {
    // power-play 3; shared-ambition, enemy-image and different-hats 2 each; staff-instability 1.
    const { created, host, challenges, questions, sockets } = await challengesVoted([
      ["power-play", "enemy-image", "shared-ambition"],
      ["different-hats", "power-play", "staff-instability"],
      ["power-play", "shared-ambition", "enemy-image", "different-hats"],
    ]);

    const { ack, states } = await command(host.socket, "followup:create", { questionId: challenges, topN: 3 }, sockets);
    if (!ack.ok) throw new Error("followup refused");
    const followup = ack.data.question;
    const label = (id: string) => CHALLENGES.find((c) => c.id === id)?.label.nl;
    expect(followup).toMatchObject({ kind: "ranking", maxChoices: 4, status: "open", template: null });
    expect(followup.options.map((o) => [o.id, o.label])).toEqual([
      ["power-play", label("power-play")],
      ["shared-ambition", label("shared-ambition")],
      ["enemy-image", label("enemy-image")],
      ["different-hats", label("different-hats")],
    ]);
    for (const state of states) expect(activeQuestion(state).id).toBe(followup.id);

    const view = await facilitatorView(h, created);
    const ids = questions.map((q) => q.id);
    const at = ids.indexOf(challenges);
    expect(view.questions?.map((q) => q.id)).toEqual([...ids.slice(0, at + 1), followup.id, ...ids.slice(at + 1)]);
    expect(activeQuestion(view)).toMatchObject({ id: followup.id, position: at + 1 });
    // The room can rank them, in its own order.
    const [first] = sockets as [ClientSocket];
    expect(await first.emitWithAck("vote:cast", { questionId: followup.id, optionIds: ["enemy-image", "power-play"] })).toEqual({
      ok: true,
      data: { ballot: ["enemy-image", "power-play"] },
    });
  });

  it.each([
    ["a single-choice question", "check1-approach"],
    ["a scale question", "check3-manager-share"],
  ])("refuses a follow-up on %s with invalid_payload and adds nothing", async (_name, template) => {
    const { created, host } = await openSession(h, { title: "Geen vervolg", template: "article" });
    const questionId = host.state.questions?.find((q) => q.template === template)?.id ?? "";
    const before = (await facilitatorView(h, created)).questions;
    expect(await emitRaw(host.socket, "followup:create", { questionId, topN: 3 })).toEqual({
      ok: false,
      error: { code: "invalid_payload", message: expect.any(String) },
    });
    expect((await facilitatorView(h, created)).questions).toEqual(before);
  });

  it.each([1, 10])("refuses topN %i as invalid_payload", async (topN) => {
    const { host, questionId } = await openSession(h);
    expect(await emitRaw(host.socket, "followup:create", { questionId, topN })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
  });
});
