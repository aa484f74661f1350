import { describe, expect, it } from "vitest";
import { SPLIT_MESSAGES } from "../messages/split";
import type { OptionView, Results, SplitResults } from "../protocol";
import { LANGUAGES } from "../protocol";
import { QUESTION_TEMPLATES } from "../templates";
import { groupingWords, isEmptySplit, listOf, splitNotes, splitView, type SplitViewInput } from "./split-rows";

const options: OptionView[] = ["A", "B", "C"].map((label, i) => ({ id: `o${i + 1}`, label, description: "" }));
const sectors: OptionView[] = ["Welzijn", "Zorg", "Lokaal bestuur", "Andere"].map((label, i) => ({ id: `o${i + 1}`, label, description: "" }));
const by = { questionId: "sector", prompt: "Vanuit welke sector kom je?", options: sectors };

function results(split: Omit<SplitResults, "by" | "minGroupSize">, extra: Partial<Results> = {}): Results {
  return { questionId: "q", counts: { o1: 14, o2: 7, o3: 0 }, respondents: 14, participants: 14, split: { by, minGroupSize: 5, ...split }, ...extra };
}

const input = (r: Results | undefined, patch: Partial<SplitViewInput> = {}): SplitViewInput => ({ kind: "multiple", options, results: r, grouping: { prompt: by.prompt, options: sectors }, language: "nl", ...patch });

// Welzijn 6, Zorg 5, Lokaal bestuur 2, Andere 0, everyone answered the sector: Zorg goes into "other" with Lokaal bestuur.
const merged = results({
  groups: [
    { groupId: "o1", respondents: 6, counts: { o1: 6, o2: 3, o3: 0 } },
    { groupId: "o4", respondents: 0, counts: { o1: 0, o2: 0, o3: 0 } },
    { groupId: "_none", respondents: 0, counts: { o1: 0, o2: 0, o3: 0 } },
  ],
  other: { groupId: "_other", groupIds: ["o2", "o3"], respondents: 7, counts: { o1: 7, o2: 4, o3: 0 } },
  withheld: ["o2", "o3"],
});
// Welzijn 6, Zorg 5, Lokaal bestuur 2, no sector 1 (the server's own example): three go into "other".
const withNone = results({
  groups: [{ groupId: "o1", respondents: 6, counts: { o1: 6, o2: 3, o3: 0 } }],
  other: { groupId: "_other", groupIds: ["o2", "o3", "_none"], respondents: 8, counts: { o1: 8, o2: 4, o3: 0 } },
  withheld: ["o2", "o3", "_none"],
});
// Welzijn 6 and one of Zorg: nothing can be shown.
const none = results({
  groups: [
    { groupId: "o3", respondents: 0, counts: { o1: 0, o2: 0, o3: 0 } },
    { groupId: "o4", respondents: 0, counts: { o1: 0, o2: 0, o3: 0 } },
    { groupId: "_none", respondents: 0, counts: { o1: 0, o2: 0, o3: 0 } },
  ],
  withheld: ["o1", "o2"],
});
// Everybody in groups large enough.
const open = results({
  groups: [
    { groupId: "_none", respondents: 5, counts: { o1: 1, o2: 5, o3: 0 } },
    { groupId: "o2", respondents: 5, counts: { o1: 5, o2: 2, o3: 0 } },
    { groupId: "o1", respondents: 6, counts: { o1: 3, o2: 0, o3: 1 } },
  ],
  withheld: [],
});

describe("splitView", () => {
  it.each([
    ["small groups merged; nobody without a sector is not named", merged, [["o1", "Welzijn", 6, "0"], ["_other", "Overige samen", 7, "other"]], { how: "together", groups: ["Zorg", "Lokaal bestuur"] }, ["Andere"]],
    ["no group can be shown", none, [], { how: "none", groups: ["Welzijn", "Zorg"] }, []],
    ["every group large enough, in the grouping question's order", open, [["o1", "Welzijn", 6, "0"], ["o2", "Zorg", 5, "1"], ["_none", "Geen antwoord", 5, "none"]], null, []],
  ] as const)("%s: the series drawn, and who is not shown", (_, r, series, notShown, empty) => {
    const view = splitView(input(r));
    expect(view?.series.map((s) => [s.id, s.label, s.respondents, s.tone])).toEqual(series);
    expect(view?.notShown).toEqual(notShown);
    expect(view?.empty).toEqual(empty);
  });

  it.each([
    ["no split sent", { questionId: "q", counts: {}, respondents: 3, participants: 3 } as Results, "multiple"],
    ["no results yet", undefined, "multiple"],
    ["an open question", merged, "open"],
  ] as const)("is null with %s", (_, r, kind) => {
    expect(splitView(input(r, { kind }))).toBeNull();
  });

  it("gives each group's share of its own respondents, and the rows sorted by everyone's share when asked", () => {
    const view = splitView(input(merged, { sortByShare: true }));
    expect(view?.rows.map((r) => r.id)).toEqual(["o1", "o2", "o3"]);
    expect(view?.series[0]?.cells).toEqual({ o1: { count: 6, share: 100, points: 0, value: 100 }, o2: { count: 3, share: 50, points: 0, value: 50 }, o3: { count: 0, share: 0, points: 0, value: 0 } });
    expect(view?.series[1]?.cells.o2).toEqual({ count: 4, share: 57, points: 0, value: 57 });
    expect(view?.series.every((s) => s.max === 100)).toBe(true);
  });

  it("splits a scale by its values with each group's mean, and a ranking by Borda points with the group's top filling its track", () => {
    const scale = results({ groups: [{ groupId: "o1", respondents: 5, counts: { "1": 0, "2": 1, "3": 0, "4": 2, "5": 2 }, mean: 4 }], withheld: [] });
    const scaleView = splitView(input(scale, { kind: "scale", scale: { min: 1, max: 5, minLabel: "Nooit", maxLabel: "" } }));
    expect(scaleView?.rows.map((r) => r.label)).toEqual(["1 · Nooit", "2", "3", "4", "5"]);
    expect(scaleView?.series[0]).toMatchObject({ mean: 4, max: 100, cells: { "4": { count: 2, share: 40, value: 40 } } });

    const ranking = results(
      { groups: [{ groupId: "o2", respondents: 5, counts: { o1: 5, o2: 3, o3: 1 }, scores: { o1: 9, o2: 12, o3: 1 } }], withheld: [] },
      { scores: { o1: 20, o2: 12, o3: 5 } },
    );
    const rankingView = splitView(input(ranking, { kind: "ranking" }));
    // Rows as the plain ranking orders them (by everyone's points); bars on the group's own top.
    expect(rankingView?.rows.map((r) => r.id)).toEqual(["o1", "o2", "o3"]);
    expect(rankingView?.series[0]).toMatchObject({ max: 12, cells: { o2: { points: 12, value: 12, count: 3 }, o1: { points: 9, value: 9 } } });
  });

  it("splits a dot vote by each group's dots, rows most dots of everyone first, bars on the group's own top", () => {
    // Everyone: C 9 dots, A 6, B 0. Welzijn (5 people) put 7 on C and 2 on A; Zorg (5) 2 on C and 4 on A.
    const dots = results(
      {
        groups: [
          { groupId: "o1", respondents: 5, counts: { o1: 2, o2: 0, o3: 7 } },
          { groupId: "o2", respondents: 5, counts: { o1: 4, o2: 0, o3: 2 } },
        ],
        withheld: [],
      },
      { counts: { o1: 6, o2: 0, o3: 9 }, respondents: 10 },
    );
    const view = splitView(input(dots, { kind: "dots" }));
    expect(view?.rows.map((r) => r.id)).toEqual(["o3", "o1", "o2"]);
    expect(view?.series.map((g) => [g.id, g.max])).toEqual([
      ["o1", 7],
      ["o2", 4],
    ]);
    expect(view?.series[1]?.cells).toMatchObject({ o1: { points: 4, value: 4 }, o3: { points: 2, value: 2 }, o2: { points: 0, value: 0 } });
  });

  it("names each proposal's challenge under it when an action round's dot vote is split", () => {
    const proposals: OptionView[] = [
      { id: "o1", label: "Samen op werkbezoek", description: "Vijandbeeld", about: "enemy-image" },
      { id: "o2", label: "Open agenda", description: "Machtsspel", about: "power-play" },
    ];
    const dots = results({ groups: [{ groupId: "o1", respondents: 5, counts: { o1: 1, o2: 4 } }], withheld: [] }, { counts: { o1: 1, o2: 4 }, respondents: 5 });
    expect(splitView(input(dots, { kind: "dots", options: proposals }))?.rows).toEqual([
      { id: "o2", label: "Open agenda", note: "Machtsspel" },
      { id: "o1", label: "Samen op werkbezoek", note: "Vijandbeeld" },
    ]);
  });

  it("keeps a group's colour from question to question: its answer's place, whoever else is shown", () => {
    const onlyZorg = results({ groups: [{ groupId: "o2", respondents: 7, counts: { o1: 1, o2: 0, o3: 0 } }], withheld: [] });
    expect(splitView(input(onlyZorg))?.series[0]?.tone).toBe("1");
  });
});

describe("isEmptySplit", () => {
  const group = (groupId: string, respondents: number) => ({ groupId, respondents, counts: {} });
  it.each([
    ["nobody answered the grouping question, enough to show them", [group("o1", 0), group("_none", 6)], [], true],
    ["nobody answered the grouping question, too few to show them", [group("o1", 0), group("_none", 0)], ["_none"], true],
    ["nobody answered at all", [group("o1", 0), group("_none", 0)], [], true],
    ["one group answered", [group("o1", 5), group("_none", 0)], [], false],
    ["groups withheld", [group("o3", 0)], ["o1", "o2"], false],
    ["groups merged with no answer", [group("o1", 6)], ["o2", "_none"], false],
  ] as const)("%s: %s", (_, groups, withheld, empty) => {
    expect(isEmptySplit({ groups: [...groups], withheld: [...withheld] })).toBe(empty);
  });
});

describe("splitNotes", () => {
  it.each([
    ["nl", merged, ["Samen in ‘Overige samen’: Zorg en Lokaal bestuur. Een groep met minder dan 5 respondenten tonen we nooit apart, ook niet zo dat je ze uit de andere kan terugrekenen.", "Nog niemand uit: Andere."]],
    ["en", withNone, ["Together in ‘Others together’: Zorg, Lokaal bestuur and No answer. A group with fewer than 5 respondents is never shown on its own, nor in a way that lets anyone work it out from the others."]],
    ["fr", none, ["Aucun groupe ne peut être montré seul (Welzijn et Zorg) : avec moins de 5 répondants dans un groupe, on pourrait le retrouver à partir des autres. Ici : tout le monde ensemble."]],
    ["nl", open, []],
  ] as const)("in %s", (language, r, notes) => {
    const view = splitView(input(r, { language }));
    expect(view && splitNotes(language, view)).toEqual(notes);
  });
});

describe("groupingWords", () => {
  it.each(LANGUAGES)("words the article's role question in %s, and leaves a facilitator's own grouping question as written", (language) => {
    const role = { questionId: "r", prompt: "Welke rol speel je zelf in het netwerk?", options: [{ id: "participant", label: "Deelnemer", description: "" }, { id: "network-manager", label: "Netwerkmanager", description: "" }] };
    const expected = {
      nl: ["Welke rol speel je zelf in het netwerk?", "Deelnemer", "Netwerkmanager"],
      en: ["Which role do you play in the network?", "Participant", "Network manager"],
      fr: ["Quel rôle jouez-vous dans le réseau ?", "Participant", "Gestionnaire de réseau"],
    }[language];
    const words = groupingWords(role, language, QUESTION_TEMPLATES);
    expect([words.prompt, ...words.options.map((o) => o.label)]).toEqual(expected);
    const own = groupingWords(by, language, QUESTION_TEMPLATES);
    expect([own.prompt, ...own.options.map((o) => o.label)]).toEqual(["Vanuit welke sector kom je?", "Welzijn", "Zorg", "Lokaal bestuur", "Andere"]);
  });
});

describe("the split words", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it.each(LANGUAGES)("are complete in %s, with Dutch's placeholders", (language) => {
    const words = SPLIT_MESSAGES[language];
    expect(Object.keys(words).sort()).toEqual(Object.keys(SPLIT_MESSAGES.nl).sort());
    for (const [key, text] of Object.entries(SPLIT_MESSAGES.nl)) {
      expect(words[key as keyof typeof words].trim(), key).not.toBe("");
      expect(placeholders(words[key as keyof typeof words]), key).toEqual(placeholders(text));
    }
  });

  it.each([
    ["nl", ["Zorg"], "Zorg"],
    ["en", ["A", "B", "C"], "A, B and C"],
    ["fr", ["A", "B"], "A et B"],
  ] as const)("lists groups as %s joins them", (language, items, text) => {
    expect(listOf(language, items)).toBe(text);
  });
});
