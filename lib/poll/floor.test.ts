/** The rules of questions from the floor: order, who sees which, cleaning, refusals and upvote lists. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../protocol-constants";
import type { FloorQuestionView, FloorSettings } from "../protocol";
import { askRefusal, cleanFloorName, cleanFloorText, compareFloor, FLOOR_CLOSED, floorChange, floorOnScreen, floorView, floorVotes, rankFloor, withFloorVotes, withUpvote } from "./floor";

const OPEN: FloorSettings = { ...FLOOR_CLOSED, open: true };

function q(id: string, votes: number, fields: Partial<FloorQuestionView> = {}): FloorQuestionView {
  return { id, text: `Vraag ${id}`, name: null, votes, status: "shown", answered: false, askedAt: `2026-12-06T10:00:0${id.length}.000Z`, ...fields };
}

const questionArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  text: fc.string(),
  name: fc.option(fc.string(), { nil: null }),
  votes: fc.nat(50),
  status: fc.constantFrom("pending" as const, "shown" as const, "hidden" as const),
  answered: fc.boolean(),
  askedAt: fc.integer({ min: 0, max: 1e6 }).map((s) => new Date(1.8e12 + s * 1000).toISOString()),
});
const listArb = fc.uniqueArray(questionArb, { selector: (x) => x.id, maxLength: 40 });

describe("rankFloor", () => {
  it("puts the most upvoted first, ties to the first asked, answered questions last", () => {
    const early = q("a", 3, { askedAt: "2026-12-06T10:00:00.000Z" });
    const late = q("b", 3, { askedAt: "2026-12-06T10:05:00.000Z" });
    const top = q("c", 9, { answered: true });
    const none = q("d", 0);
    expect(rankFloor([none, top, late, early]).map((x) => x.id)).toEqual(["a", "b", "d", "c"]);
  });

  it("gives one order whatever order the questions came in", () => {
    fc.assert(
      fc.property(listArb, fc.nat(), (list, seed) => {
        const shuffled = [...list].sort((x, y) => ((x.id.charCodeAt(0) * seed) % 7) - ((y.id.charCodeAt(0) * seed) % 7));
        expect(rankFloor(shuffled)).toEqual(rankFloor(list));
      }),
    );
  });

  it("never lets a question with fewer votes pass one with more, among those still to answer", () => {
    fc.assert(
      fc.property(listArb, (list) => {
        const ranked = rankFloor(list);
        for (let i = 1; i < ranked.length; i++) {
          const [a, b] = [ranked[i - 1]!, ranked[i]!];
          expect(compareFloor(a, b)).toBeLessThanOrEqual(0);
          if (a.answered === b.answered) expect(a.votes).toBeGreaterThanOrEqual(b.votes);
        }
      }),
    );
  });
});

describe("floorView", () => {
  it("sends screens and phones only shown questions, the top of the ranking, and facilitators every one", () => {
    fc.assert(
      fc.property(listArb, fc.boolean(), (list, approval) => {
        const settings = { ...OPEN, approval };
        const ranked = rankFloor(list);
        const shown = ranked.filter((x) => x.status === "shown");
        const host = floorView(settings, list, "facilitator");
        expect(host.questions).toEqual(ranked);
        expect(host.pending).toBe(list.filter((x) => x.status === "pending").length);
        const phone = floorView(settings, list, "phone");
        expect(phone.questions).toEqual(shown.slice(0, LIMITS.floorOnPhones));
        expect(phone.shown).toBe(shown.length);
        expect(phone.answered).toBe(shown.filter((x) => x.answered).length);
        expect(phone.pending).toBeUndefined();
        expect(floorView(settings, list, "screen").questions).toEqual(shown.slice(0, LIMITS.floorOnScreens));
      }),
    );
  });

  it("sends screens and phones nothing while the floor is closed", () => {
    const list = [q("a", 2), q("b", 1)];
    expect(floorView(FLOOR_CLOSED, list, "phone")).toEqual({ settings: FLOOR_CLOSED, questions: [], shown: 0, answered: 0 });
    expect(floorView(FLOOR_CLOSED, list, "facilitator").questions).toHaveLength(2);
  });

  it("sends the highlighted question along when it is below the top, never when it is hidden", () => {
    const list = Array.from({ length: 12 }, (_, i) => q(`q${String(i).padStart(2, "0")}`, 20 - i));
    const last = list.at(-1)!;
    const screen = floorView({ ...OPEN, highlight: last.id }, list, "screen");
    expect(screen.questions.map((x) => x.id)).not.toContain(last.id);
    expect(screen.highlighted).toEqual(last);
    expect(floorOnScreen(screen)).toBe(true);
    const hidden = floorView({ ...OPEN, highlight: "x" }, [...list, q("x", 99, { status: "hidden" })], "screen");
    expect(hidden.highlighted).toBeUndefined();
    expect(hidden.questions.map((x) => x.id)).not.toContain("x");
    expect(floorOnScreen(hidden)).toBe(false);
  });

  it.each([
    [{ ...OPEN, screen: true }, true],
    [{ ...OPEN }, false],
    [{ ...FLOOR_CLOSED, screen: true }, false],
  ])("puts the floor on the screen for %j: %s", (settings, expected) => {
    expect(floorOnScreen(floorView(settings, [q("a", 1)], "screen"))).toBe(expected);
  });
});

describe("cleaning and refusals", () => {
  it.each([
    ["  Wie  beslist\n\nover het budget? ", "Wie beslist over het budget?"],
    ["\tÉén vraag", "Één vraag"],
  ])("cleans %j", (raw, clean) => expect(cleanFloorText(raw)).toBe(clean));

  it.each([
    [undefined, null],
    ["   ", null],
    [" An  Peeters ", "An Peeters"],
  ])("reads the name %j as %j", (raw, name) => expect(cleanFloorName(raw)).toBe(name));

  it.each([
    [FLOOR_CLOSED, 0, 0, "floor_closed"],
    [OPEN, LIMITS.floorQuestions, 0, "session_full"],
    [OPEN, 3, LIMITS.floorPerParticipant, "participant_full"],
    [OPEN, 3, LIMITS.floorPerParticipant - 1, null],
  ] as const)("refuses a question with %j, %i in the session, %i by the participant: %s", (settings, total, mine, refusal) => {
    expect(askRefusal(settings, total, mine)).toBe(refusal);
  });

  it("keeps one upvote per question in a participant's list, whatever arrives twice", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), fc.boolean())), (steps) => {
        let list: string[] = [];
        const last = new Map<string, boolean>();
        for (const [id, up] of steps) {
          list = withUpvote(list, id, up);
          last.set(id, up);
        }
        expect(new Set(list).size).toBe(list.length);
        expect([...list].sort()).toEqual([...last].filter(([, up]) => up).map(([id]) => id).sort());
      }),
    );
  });
});

describe("what changed for phones", () => {
  const list = [q("a", 3), q("b", 2), q("c", 0)];
  const view = floorView(OPEN, list, "phone");

  it.each([
    ["no view before", undefined, view, "all"],
    ["the same view", view, floorView(OPEN, list, "phone"), "none"],
    ["one more upvote, the order changed", view, floorView(OPEN, [q("a", 3), q("b", 2), q("c", 4)], "phone"), "votes"],
    ["a question more", view, floorView(OPEN, [...list, q("d", 0)], "phone"), "all"],
    ["a question answered", view, floorView(OPEN, [q("a", 3, { answered: true }), q("b", 2), q("c", 0)], "phone"), "all"],
    ["another highlight", view, floorView({ ...OPEN, highlight: "b" }, list, "phone"), "all"],
  ] as const)("%s: %s", (_name, before, after, change) => expect(floorChange(before, after)).toBe(change));

  it("gives back the server's view when a phone applies the counts alone", () => {
    fc.assert(
      fc.property(listArb, fc.array(fc.nat(50)), fc.boolean(), (raw, more, highlight) => {
        const shown = raw.map((x) => ({ ...x, status: "shown" as const }));
        const settings = { ...OPEN, highlight: highlight ? (shown.at(-1)?.id ?? null) : null };
        const before = floorView(settings, shown, "phone");
        const after = floorView(settings, shown.map((x, i) => ({ ...x, votes: x.votes + (more[i] ?? 0) })), "phone");
        if (floorChange(before, after) === "votes") expect(withFloorVotes(before, floorVotes(after))).toEqual(after);
      }),
    );
  });
});
