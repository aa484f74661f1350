/** Vote again: the round before beside the current round, drawn like a split by round, with each option's shift. */
import type { Language } from "../languages";
import type { OptionView, QuestionKind, Results, RoundResults, SplitResults } from "../protocol";
import { splitView, type GroupingWords, type SplitView, type SplitViewInput } from "./split-rows";
import { sharePercent } from "./tally";

/** The two rounds as the chart's series ids. */
export const ROUND_BEFORE = "round-before";
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
 * The two rounds as a split of the question by round, so the split chart draws them side by side with `n` per
 * round: the round before first. Nothing when the round before is withheld (a question for one group below the
 * privacy threshold): its numbers never came.
 */
export function roundsSplit(previous: RoundResults | undefined, current: Results | undefined, words: GroupingWords): SplitResults | undefined {
  if (!previous || !current || previous.withheld || current.withheld) return undefined;
  const group = (groupId: string, r: Pick<RoundResults, "respondents" | "counts" | "scores" | "mean">) => ({
    groupId,
    respondents: r.respondents,
    counts: r.counts,
    ...(r.scores ? { scores: r.scores } : {}),
    ...(r.mean !== undefined ? { mean: r.mean } : {}),
  });
  return {
    by: { questionId: ROUND_NOW, prompt: words.prompt, options: [...words.options] },
    groups: [group(ROUND_BEFORE, previous), group(ROUND_NOW, current)],
    withheld: [],
    minGroupSize: 0,
  };
}

/** The options with their shift after the label ("Machtsspel · +12 pp"), for the chart's rows. */
export function optionsWithShift(options: readonly OptionView[], previous: RoundResults, current: Results, language: Language): OptionView[] {
  return options.map((o) => ({ ...o, label: `${o.label} · ${formatShift(language, shiftPoints(previous, current, o.id))}` }));
}

/**
 * The chart of a question voted again, for the console and the screen: both rounds side by side per option, the
 * shift after each label. `null` for kinds without a shift per option, without a round before, or when either
 * round is withheld; the plain chart of the current round is drawn then.
 */
export function roundsView(input: Omit<SplitViewInput, "grouping" | "results"> & { results: Results | undefined; words: GroupingWords }): SplitView | null {
  const { results, words } = input;
  const previous = results?.previous;
  if (!results || !previous || !showsShift(input.kind)) return null;
  const split = roundsSplit(previous, results, words);
  if (!split) return null;
  return splitView({
    ...input,
    options: optionsWithShift(input.options, previous, results, input.language),
    results: { ...results, split },
    grouping: words,
  });
}
