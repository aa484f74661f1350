/** Vote again: the round before beside the current round, drawn like a split by round, with each option's shift. */
import type { Language } from "../languages";
import type { OptionView, QuestionKind, Results, RoundResults, SplitResults } from "../protocol";
import { splitView, type GroupingWords, type SplitView, type SplitViewInput } from "./split-rows";
import { sharePercent } from "./tally";

/** The chart's series id of the i-th earlier round (0: the oldest kept), and of the current round. */
export const roundId = (i: number) => `round-${i}`;
export const ROUND_BEFORE = roundId(0);
export const ROUND_NOW = "round-now";

/** Kinds whose shift is a share per option, in percentage points. */
export function showsShift(kind: QuestionKind | undefined): boolean {
  return kind === "single" || kind === "multiple";
}

/** The shift of one option from the round before to now, in whole percentage points of each round's respondents. */
export function shiftPoints(previous: Pick<RoundResults, "counts" | "respondents">, current: Pick<Results, "counts" | "respondents">, optionId: string): number {
  return sharePercent(current.counts[optionId] ?? 0, current.respondents) - sharePercent(previous.counts[optionId] ?? 0, previous.respondents);
}

const POINTS: Record<Language, string> = { nl: "pp", en: "pp", fr: "pts" };

/** "+12 pp", "−5 pp" (a real minus sign), "±0 pp". */
export function formatShift(language: Language, points: number): string {
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";
  return `${sign}${Math.abs(points)} ${POINTS[language]}`;
}

/**
 * Rounds as a split of the question by round, so the split chart draws them side by side with `n` per round: the
 * earlier rounds first (series `roundId(i)`), then the current one (`ROUND_NOW`). An earlier round withheld below
 * the privacy threshold is left out (its numbers never came); nothing when the current round is withheld or there
 * is no earlier round to show.
 */
export function roundsSplit(earlier: readonly RoundResults[], current: Results | undefined, words: GroupingWords): SplitResults | undefined {
  const shown = earlier.map((r, i) => ({ r, id: roundId(i) })).filter(({ r }) => !r.withheld);
  if (!current || current.withheld || shown.length === 0) return undefined;
  const group = (groupId: string, r: Pick<RoundResults, "respondents" | "counts" | "scores" | "mean">) => ({
    groupId,
    respondents: r.respondents,
    counts: r.counts,
    ...(r.scores ? { scores: r.scores } : {}),
    ...(r.mean !== undefined ? { mean: r.mean } : {}),
  });
  return {
    by: { questionId: ROUND_NOW, prompt: words.prompt, options: [...words.options] },
    groups: [...shown.map(({ r, id }) => group(id, r)), group(ROUND_NOW, current)],
    withheld: [],
    minGroupSize: 0,
  };
}

/** The options with their shift after the label ("Machtsspel · +12 pp"), for the chart's rows. */
export function optionsWithShift(options: readonly OptionView[], previous: RoundResults, current: Results, language: Language): OptionView[] {
  return options.map((o) => ({ ...o, label: `${o.label} · ${formatShift(language, shiftPoints(previous, current, o.id))}` }));
}

/**
 * The chart of a question voted again: the earlier rounds and the current one side by side per option, the shift
 * from the last earlier round to now after each label. The console and the screen pass the round before only; the
 * report every kept round. `null` for kinds without a shift per option, without an earlier round, or when the
 * rounds to compare are withheld; the plain chart of the current round is drawn then.
 */
export function roundsView(input: Omit<SplitViewInput, "grouping" | "results"> & { results: Results | undefined; earlier: readonly RoundResults[]; words: GroupingWords }): SplitView | null {
  const { results, words, earlier } = input;
  const last = earlier.at(-1);
  if (!results || !last || last.withheld || !showsShift(input.kind)) return null;
  const split = roundsSplit(earlier, results, words);
  if (!split) return null;
  return splitView({
    kind: input.kind,
    options: optionsWithShift(input.options, last, results, input.language),
    ...(input.scale ? { scale: input.scale } : {}),
    language: input.language,
    ...(input.sortByShare !== undefined ? { sortByShare: input.sortByShare } : {}),
    ...(input.secondOptions ? { secondOptions: input.secondOptions } : {}),
    results: { ...results, split },
    grouping: words,
  });
}
