/**
 * What a split chart draws: rows (options or scale values) by series (the groups shown, then "other"), with each
 * group's figures, and the sentences that say which groups are not shown on their own and why. Only what the
 * server sent is used: a group it withheld has no numbers here to show.
 */
import { LOCALES, type Language } from "../i18n";
import { splitWord } from "../messages/split";
import type { OptionView, QuestionKind, Results, ScaleSettings, SplitGroup, SplitResults } from "../protocol";
import type { QuestionTemplate } from "../templates";
import { chartRows } from "./chart-rows";
import { withAboutNotes } from "./dot-notes";
import { dotRows } from "./dots-rows";
import { rankingRows } from "./ranking-rows";
import { NO_GROUP } from "./split";
import { sharePercent } from "./tally";

/** The group of small groups shown together (the server's `SplitResults.other`). */
export const OTHER_GROUP = "_other";

/** How many colours the groups cycle through; "no answer" and "other" have their own. */
export const SPLIT_TONES = 6;

export interface SplitRow {
  /** An option id, or a scale value as its results key ("1".."5"). */
  id: string;
  label: string;
  /** The option in a bilingual screen's second language. */
  secondLabel?: string;
  /** A proposal of an action round: the challenge it was proposed for (lib/poll/dot-notes.ts). */
  note?: string;
}

export interface SplitCell {
  /** Ballots of the group that chose it (ranking: that ranked it at all). */
  count: number;
  /** Whole percent of the group's respondents. */
  share: number;
  /** Ranking: the group's Borda points; dot vote: the group's dots on it. */
  points: number;
  /** The bar's length, on the series' own `max`. */
  value: number;
}

export interface SplitSeries {
  /** An answer id of the grouping question, NO_GROUP or OTHER_GROUP. */
  id: string;
  label: string;
  respondents: number;
  /** Scale: the group's mean (`null` without ballots). */
  mean?: number | null;
  /** Its colour: the answer's place in the grouping question (cycling), "none" or "other"; the same on every question. */
  tone: string;
  /** The value of a bar that fills its track: 100 (%) for shares, the group's own top score for a ranking or dot vote. */
  max: number;
  cells: Record<string, SplitCell>;
}

export interface SplitView {
  by: { questionId: string; prompt: string };
  rows: SplitRow[];
  /** Groups with respondents that are shown, in the grouping question's order, then "other". */
  series: SplitSeries[];
  /** Answers of the grouping question that no respondent of this question gave (nothing to draw); not "no answer". */
  empty: string[];
  /** Groups not shown on their own: together in "other", or (none) not at all; their labels. */
  notShown: { how: "together" | "none"; groups: string[] } | null;
  minGroupSize: number;
}

export interface SplitViewInput {
  kind: QuestionKind;
  /** The question's options in the reader's language, in the question's order (choice and ranking). */
  options: readonly OptionView[];
  /** Scale questions: the scale in the reader's language. */
  scale?: ScaleSettings;
  results: Results | undefined;
  /** The grouping question and its answers in the reader's language (see `groupingWords`). */
  grouping: GroupingWords;
  language: Language;
  /** Choice questions: rows by the share of everyone, as the plain chart sorts them. */
  sortByShare?: boolean;
  /** A bilingual screen: the options in its second language. */
  secondOptions?: readonly OptionView[];
}

/** A list as the language joins it: "Zorg, Lokaal bestuur en Geen antwoord". */
export function listOf(language: Language, items: readonly string[]): string {
  return new Intl.ListFormat(LOCALES[language], { style: "long", type: "conjunction" }).format(items);
}

export interface GroupingWords {
  prompt: string;
  options: readonly OptionView[];
}

/**
 * The grouping question and its answers in the reader's language: a built-in grouping question (the article's role
 * question) is known by its answers' ids and follows the reader; the facilitator's own keeps its wording.
 */
export function groupingWords(by: SplitResults["by"], language: Language, templates: readonly QuestionTemplate[]): GroupingWords {
  const ids = by.options.map((o) => o.id).join("\u0000");
  const template = templates.find((t) => t.grouping && t.options.map((o) => o.id).join("\u0000") === ids);
  if (!template) return { prompt: by.prompt, options: by.options };
  return { prompt: template.prompt[language], options: template.options.map((o) => ({ id: o.id, label: o.label[language], description: o.description[language] })) };
}

/** The rows a kind is split on: options as the plain chart orders them, or every value of the scale. */
function splitRows(input: SplitViewInput): SplitRow[] {
  const { kind, options, results, sortByShare = false, secondOptions } = input;
  const pick = ({ id, label, secondLabel, note }: SplitRow): SplitRow => ({ id, label, ...(secondLabel ? { secondLabel } : {}), ...(note ? { note } : {}) });
  switch (kind) {
    case "single":
    case "multiple":
      return chartRows(options, results, sortByShare, secondOptions).map(pick);
    case "ranking":
      return rankingRows(options, results, secondOptions).map(pick);
    case "dots":
      // Most dots of everyone first, as the plain ranking of dots.
      return withAboutNotes(dotRows(options, results, secondOptions), options, secondOptions).map(pick);
    case "scale": {
      const scale = input.scale;
      if (!scale) return [];
      const rows: SplitRow[] = [];
      for (let value = scale.min; value <= scale.max; value++) {
        const end = value === scale.min ? scale.minLabel : value === scale.max ? scale.maxLabel : "";
        rows.push({ id: String(value), label: end ? `${value} · ${end}` : String(value) });
      }
      return rows;
    }
    case "open":
    case "words":
      return [];
  }
}

function toneOf(groupId: string, groups: readonly OptionView[]): string {
  if (groupId === OTHER_GROUP) return "other";
  if (groupId === NO_GROUP) return "none";
  const index = groups.findIndex((g) => g.id === groupId);
  return String(Math.max(0, index) % SPLIT_TONES);
}

/**
 * The split of a question as the charts draw it, or null when there is none to draw (no split sent, an open
 * question). Groups without respondents are not drawn but named (`empty`); when no group may be shown, `series`
 * is empty and `notShown` says which and why.
 */
export function splitView(input: SplitViewInput): SplitView | null {
  const split = input.results?.split;
  if (!split || input.kind === "open") return null;
  const { language } = input;
  const groups = input.grouping.options;
  const rows = splitRows(input);
  const label = (groupId: string) =>
    groupId === NO_GROUP ? splitWord(language, "noGroup") : groupId === OTHER_GROUP ? splitWord(language, "other") : (groups.find((g) => g.id === groupId)?.label ?? groupId);
  const order = (groupId: string) => (groupId === OTHER_GROUP ? Number.MAX_SAFE_INTEGER : groupId === NO_GROUP ? Number.MAX_SAFE_INTEGER - 1 : groups.findIndex((g) => g.id === groupId));
  const all: SplitGroup[] = [...split.groups, ...(split.other ? [split.other] : [])].sort((a, b) => order(a.groupId) - order(b.groupId));
  // A ranking's and a dot vote's bars are the group's own points or dots, on its own top; the others' a share.
  const byPoints = input.kind === "ranking" || input.kind === "dots";
  const series = all
    .filter((g) => g.respondents > 0)
    .map((g): SplitSeries => {
      const points = (id: string) => (input.kind === "dots" ? (g.counts[id] ?? 0) : (g.scores?.[id] ?? 0));
      const max = byPoints ? Math.max(1, ...rows.map((r) => points(r.id))) : 100;
      const cells: Record<string, SplitCell> = {};
      for (const r of rows) {
        const count = g.counts[r.id] ?? 0;
        const share = sharePercent(count, g.respondents);
        cells[r.id] = { count, share, points: points(r.id), value: byPoints ? points(r.id) : share };
      }
      return {
        id: g.groupId,
        label: label(g.groupId),
        respondents: g.respondents,
        ...(input.kind === "scale" ? { mean: g.mean ?? null } : {}),
        tone: toneOf(g.groupId, groups),
        max,
        cells,
      };
    });
  const withheld = split.withheld.map(label);
  const notShown = withheld.length === 0 ? null : { how: split.other ? ("together" as const) : ("none" as const), groups: withheld };
  // Nobody without an answer to the grouping question is no group missing: only answers nobody gave are named.
  const empty = series.length === 0 ? [] : all.filter((g) => g.respondents === 0 && g.groupId !== NO_GROUP).map((g) => label(g.groupId));
  return { by: { questionId: split.by.questionId, prompt: input.grouping.prompt }, rows, series, empty, notShown, minGroupSize: split.minGroupSize };
}

/**
 * Whether a split says nothing: no respondent of the question answered the grouping question (everyone is in "no
 * answer", shown or not). The report leaves such splits out; a session whose role question nobody answered would
 * otherwise split every question into one group of everyone.
 */
export function isEmptySplit(split: Pick<SplitResults, "groups" | "withheld">): boolean {
  const present = [...split.groups.filter((g) => g.respondents > 0).map((g) => g.groupId), ...split.withheld];
  return present.every((id) => id === NO_GROUP);
}

/** The sentences under a split chart: which groups are not shown on their own and why, and who is not there yet. */
export function splitNotes(language: Language, view: SplitView): string[] {
  const notes: string[] = [];
  const k = view.minGroupSize;
  if (view.notShown?.how === "together") {
    notes.push(splitWord(language, "together", { other: splitWord(language, "other"), groups: listOf(language, view.notShown.groups), k }));
  } else if (view.notShown?.how === "none") {
    notes.push(splitWord(language, "none", { groups: listOf(language, view.notShown.groups), k }));
  }
  if (view.empty.length > 0) notes.push(splitWord(language, "empty", { groups: listOf(language, view.empty) }));
  return notes;
}
