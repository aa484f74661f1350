import { describe, expect, it } from "vitest";
import type { QuestionView, Results, SessionState } from "../protocol";
import { createSessionStore, initialClientState, reduce, type ClientSessionState } from "./session-store";

const question: QuestionView = {
  id: "q_1",
  kind: "multiple",
  prompt: "Welke uitdagingen herken je?",
  maxChoices: null,
  status: "open",
  resultsVisible: false,
  options: [
    { id: "a", label: "A", description: "" },
    { id: "b", label: "B", description: "" },
  ],
  template: null,
  position: 0,
};

const results: Results = { questionId: "q_1", kind: "multiple", counts: { a: 2, b: 1 }, respondents: 2, participants: 3 };

/** A phone that answered the active question, results hidden: what a phone holds after its session:state. */
function phoneWithBallot(): ClientSessionState {
  const state: SessionState = { session: { id: "s_1", title: "Sessie", code: "ABC123", language: "nl" }, question, ballot: ["a"] };
  return reduce(reduce(initialClientState, { type: "connected" }), { type: "session:state", state });
}

describe("reduce: question:updated", () => {
  it("replaces the active question in place and keeps the phone's ballot", () => {
    const closed = { ...question, status: "closed" as const, maxChoices: 1 };
    const next = reduce(phoneWithBallot(), { type: "question:updated", update: { question: closed } });
    expect(next.state?.question).toEqual(closed);
    expect(next.state?.ballot).toEqual(["a"]);
    expect(next.state?.session).toEqual(phoneWithBallot().state?.session);
    expect(next.connection).toBe("connected");
  });

  it("keeps a ballot the server acknowledged after the last session:state", () => {
    const acked = reduce(phoneWithBallot(), { type: "ballot:acked", questionId: "q_1", ballot: ["b"] });
    const next = reduce(acked, { type: "question:updated", update: { question: { ...question, status: "closed" } } });
    expect(next.state?.ballot).toEqual(["b"]);
  });

  it("sets the results that come with it while results are shown", () => {
    const shown = { ...question, resultsVisible: true };
    const next = reduce(phoneWithBallot(), { type: "question:updated", update: { question: shown, results } });
    expect(next.results).toEqual(results);
    expect(next.state?.results).toEqual(results);
    expect(next.state?.ballot).toEqual(["a"]);
  });

  it("clears the results when an update comes without them (results hidden again)", () => {
    const shown = reduce(phoneWithBallot(), { type: "question:updated", update: { question: { ...question, resultsVisible: true }, results } });
    const live = reduce(shown, { type: "results:updated", results: { ...results, respondents: 3 } });
    expect(live.results?.respondents).toBe(3);

    const hidden = reduce(live, { type: "question:updated", update: { question } });
    expect(hidden.results).toBeUndefined();
    expect(hidden.state?.results).toBeUndefined();
    expect(hidden.state?.question).toEqual(question);
    expect(hidden.state?.ballot).toEqual(["a"]);
  });

  it.each<[string, () => ClientSessionState]>([
    // The room has moved on (a session:state for another question arrived first): an update of the old one is stale.
    ["it names another question than the active one", phoneWithBallot],
    ["no state has arrived yet", () => reduce(initialClientState, { type: "connected" })],
    [
      "the session has no question",
      () => reduce(initialClientState, { type: "session:state", state: { session: { id: "s_1", title: "Leeg", code: "ABC123", language: "nl" } } }),
    ],
  ])("is ignored when %s", (_when, before) => {
    const current = before();
    const other = { ...question, id: "q_2", status: "closed" as const, resultsVisible: true };
    expect(reduce(current, { type: "question:updated", update: { question: other, results: { ...results, questionId: "q_2" } } })).toBe(current);
  });

  it("reaches components through the store's dispatch", () => {
    const store = createSessionStore();
    store.getState().dispatch({ type: "session:state", state: { session: { id: "s_1", title: "Sessie", code: "ABC123", language: "nl" }, question, ballot: ["b"] } });
    store.getState().dispatch({ type: "question:updated", update: { question: { ...question, resultsVisible: true }, results } });
    expect(store.getState()).toMatchObject({ state: { question: { resultsVisible: true }, ballot: ["b"] }, results });
  });
});

describe("reduce: questions from the floor", () => {
  const shown = (id: string, votes: number) => ({ id, text: `Vraag ${id}`, name: null, votes, status: "shown" as const, answered: false, askedAt: "2026-12-06T10:00:00.000Z" });
  const floor = { settings: { open: true, approval: false, screen: false, highlight: null }, questions: [shown("f1", 2), shown("f2", 0)], shown: 2, answered: 0 };

  it("takes the floor from floor:updated and keeps the ballot", () => {
    const next = reduce(phoneWithBallot(), { type: "floor:updated", floor });
    expect(next.state?.floor).toEqual(floor);
    expect(next.state?.ballot).toEqual(["a"]);
  });

  it("shows an acked upvote's count at once, and taking it back leaves the question out of the phone's upvotes", () => {
    const withFloor = reduce(phoneWithBallot(), { type: "floor:updated", floor });
    const up = reduce(withFloor, { type: "floor:upvoted", voted: { floorId: "f2", votes: 1, upvoted: true } });
    expect(up.state?.floor?.questions.map((q) => q.votes)).toEqual([2, 1]);
    expect(up.state?.floorMine?.upvoted).toEqual(["f2"]);
    const twice = reduce(up, { type: "floor:upvoted", voted: { floorId: "f2", votes: 1, upvoted: true } });
    expect(twice.state?.floorMine?.upvoted).toEqual(["f2"]);
    const back = reduce(twice, { type: "floor:upvoted", voted: { floorId: "f2", votes: 0, upvoted: false } });
    expect(back.state?.floorMine?.upvoted).toEqual([]);
    expect(back.state?.floor?.questions.map((q) => q.votes)).toEqual([2, 0]);
  });

  it("adds an acked question to the phone's own once, also when the ack of a retry comes twice", () => {
    const asked = { ...shown("f3", 0), status: "pending" as const };
    const once = reduce(phoneWithBallot(), { type: "floor:asked", question: asked });
    const twice = reduce(once, { type: "floor:asked", question: asked });
    expect(twice.state?.floorMine).toEqual({ asked: [asked], upvoted: [] });
  });
});

describe("reduce: floor:votes", () => {
  const shown = (id: string, votes: number, askedAt: string) => ({ id, text: `Vraag ${id}`, name: null, votes, status: "shown" as const, answered: false, askedAt });
  it("takes the new counts and ranks the questions again, the phone's own question too", () => {
    const floor = { settings: { open: true, approval: false, screen: false, highlight: null }, questions: [shown("f1", 2, "2026-12-06T10:00:00.000Z"), shown("f2", 1, "2026-12-06T10:01:00.000Z")], shown: 2, answered: 0 };
    const withFloor = reduce(phoneWithBallot(), { type: "floor:updated", floor });
    const mine = reduce(withFloor, { type: "floor:asked", question: floor.questions[1]! });
    const next = reduce(mine, { type: "floor:votes", votes: { f1: 2, f2: 5 } });
    expect(next.state?.floor?.questions.map((q) => [q.id, q.votes])).toEqual([["f2", 5], ["f1", 2]]);
    expect(next.state?.floorMine?.asked.map((q) => q.votes)).toEqual([5]);
    expect(next.state?.ballot).toEqual(["a"]);
  });
});
