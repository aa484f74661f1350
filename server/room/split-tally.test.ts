import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { questionResults, type ResultsQuestion } from "../../lib/poll/results";
import { NO_GROUP } from "../../lib/poll/split";
import type { Answer } from "../../lib/protocol";
import { FRESH_QUESTION, type StoredQuestion } from "../store/store";
import { BallotBook } from "./ballot-book";
import { SplitTally, type SplitSource } from "./split-tally";

const GROUPS = ["welzijn", "zorg", "bestuur"];
const OPTIONS = ["a", "b", "c", "d"];

function row(id: string, options: readonly string[], kind: StoredQuestion["kind"]): StoredQuestion {
  return {
    id,
    sessionId: "s",
    position: 0,
    prompt: id,
    kind,
    ...FRESH_QUESTION,
    maxChoices: null,
    scale: null,
    template: null,
    grouping: kind === "single",
    audience: null,
    options: options.map((o) => ({ id: o, label: o })),
  };
}

/** A question as the room holds it: its row is replaced whole on an edit, its ballots live in a book. */
class Source implements SplitSource {
  ballots = new BallotBook();
  seq = 0;
  constructor(public stored: StoredQuestion) {}
}

type Step =
  | { kind: "vote"; participant: number; answer: Answer }
  | { kind: "join"; participant: number; group: string }
  | { kind: "clear"; which: "question" | "by" }
  | { kind: "edit"; which: "question" | "by" }
  | { kind: "unseen"; participant: number; answer: Answer };

const participant = fc.integer({ min: 0, max: 15 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant("vote" as const), participant, answer: fc.uniqueArray(fc.constantFrom(...OPTIONS), { maxLength: 3 }) }) },
  // "gone" is an answer the grouping question no longer has: such a participant counts as without a group.
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("join" as const), participant, group: fc.constantFrom(...GROUPS, "gone") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("clear" as const), which: fc.constantFrom("question" as const, "by" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("edit" as const), which: fc.constantFrom("question" as const, "by" as const) }) },
  // A change made without telling the tally (as a hidden answer or a reload does): it must notice by itself.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("unseen" as const), participant, answer: fc.uniqueArray(fc.constantFrom(...OPTIONS), { maxLength: 3 }) }) },
);

/** The split counted afresh from the ballots with the recount's formulas. */
function recount(question: Source, by: Source, rules: ResultsQuestion): Record<string, { respondents: number; counts: Record<string, number> }> {
  const groups = new Map<string, { answerId: string; answer: Answer; hidden: boolean }[]>([...GROUPS, NO_GROUP].map((g) => [g, []]));
  for (const [key, b] of question.ballots) {
    const answer = by.ballots.get(key)?.answer;
    const group = Array.isArray(answer) && answer[0] !== undefined && GROUPS.includes(answer[0]) ? answer[0] : NO_GROUP;
    groups.get(group)?.push({ answerId: key, answer: b.answer, hidden: false });
  }
  return Object.fromEntries([...groups].map(([g, ballots]) => {
    const r = questionResults(rules, ballots, 0, false);
    return [g, { respondents: r.respondents, counts: r.counts }];
  }));
}

describe("SplitTally", () => {
  it("equals a recount per group after any votes, changes of group, resets, edits and changes it was not told of", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), fc.constantFrom("multiple" as const, "ranking" as const), (steps, kind) => {
        const question = new Source(row("q", OPTIONS, kind));
        const by = new Source(row("by", GROUPS, "single"));
        const rules: ResultsQuestion = { id: "q", kind, optionIds: OPTIONS, maxChoices: null };
        let tally: SplitTally | undefined;
        const set = (source: Source, key: string, answer: Answer, tell: boolean) => {
          const before = source.ballots.get(key);
          const ballot = { answer, voteId: null, hidden: false, seq: ++source.seq };
          source.ballots.set(key, ballot);
          if (tell) tally?.ballotSet(source, key, before, ballot);
        };
        for (const s of steps) {
          if (s.kind === "vote") set(question, `p${s.participant}`, s.answer, true);
          else if (s.kind === "join") set(by, `p${s.participant}`, [s.group], true);
          else if (s.kind === "unseen") set(question, `p${s.participant}`, s.answer, false);
          else if (s.kind === "clear") (s.which === "question" ? question : by).ballots.clear();
          else {
            const source = s.which === "question" ? question : by;
            source.stored = { ...source.stored };
          }
          // As the room does on every broadcast: use the tally while it matches, build it again when not.
          if (!tally?.matches(question, by)) tally = new SplitTally(question, by, GROUPS);
          const kept = Object.fromEntries(tally.groups().map(([g, t]) => {
            const r = t.results(rules, 0);
            return [g, { respondents: r?.respondents, counts: r?.counts }];
          }));
          expect(kept).toEqual(recount(question, by, rules));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("follows a vote and a change of group without being built again", () => {
    const question = new Source(row("q", OPTIONS, "multiple"));
    const by = new Source(row("by", GROUPS, "single"));
    const tally = new SplitTally(question, by, GROUPS);
    const ballot = (answer: Answer) => ({ answer, voteId: null, hidden: false, seq: 1 });
    by.ballots.set("p1", ballot(["zorg"]));
    tally.ballotSet(by, "p1", undefined, ballot(["zorg"]));
    question.ballots.set("p1", ballot(["a", "b"]));
    tally.ballotSet(question, "p1", undefined, ballot(["a", "b"]));
    const before = by.ballots.get("p1");
    by.ballots.set("p1", ballot(["welzijn"]));
    tally.ballotSet(by, "p1", before, ballot(["welzijn"]));
    expect(tally.matches(question, by)).toBe(true);
    const counts = Object.fromEntries(tally.groups().map(([g, t]) => [g, t.respondents]));
    expect(counts).toEqual({ welzijn: 1, zorg: 0, bestuur: 0, [NO_GROUP]: 0 });
  });
});
