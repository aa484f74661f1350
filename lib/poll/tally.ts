/** The counting formulas: counts, respondents, shares (rounded in one place), Borda points, scale means. */

/** Counts per option and respondents, derived from the final ballot of each participant. */
export interface Tally {
  counts: Record<string, number>;
  respondents: number;
}

/**
 * Count ballots. Each element of `ballots` is one participant's current ballot; a replaced ballot
 * must not be passed, so a re-cast can never count twice. Options that nobody picked count 0.
 */
export function tally(optionIds: readonly string[], ballots: Iterable<readonly string[]>): Tally {
  const counts: Record<string, number> = {};
  for (const id of optionIds) counts[id] = 0;
  let respondents = 0;
  for (const ballot of ballots) {
    respondents += 1;
    for (const id of ballot) {
      // A ballot is checked before it is stored; an option removed since then is not counted.
      if (Object.hasOwn(counts, id)) counts[id] = (counts[id] ?? 0) + 1;
    }
  }
  return { counts, respondents };
}

/**
 * Share of respondents that picked an option, as a whole percentage. The one place where shares are
 * rounded: the chart, the phone and the exports all use it, so they never disagree by a point.
 * Shares of a multiple-choice question do not add up to 100: each is relative to all respondents.
 */
export function sharePercent(count: number, respondents: number): number {
  if (respondents <= 0) return 0;
  return Math.round((count / respondents) * 100);
}

/** Share as a fraction of 1 with three decimals (0.333 = 33.3%), for exports where researchers want precision. */
export function shareFraction(count: number, respondents: number): number {
  if (respondents <= 0) return 0;
  return Math.round((count / respondents) * 1000) / 1000;
}

/**
 * Borda points of a ranking: each ballot ranks up to k options; the first gets k points, the next k-1, and so
 * on, where k is the most options a ballot may rank. Unranked options get nothing.
 */
export function bordaScores(optionIds: readonly string[], rankings: Iterable<readonly string[]>, maxRanked: number): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const id of optionIds) scores[id] = 0;
  for (const ranking of rankings) {
    ranking.forEach((id, position) => {
      if (Object.hasOwn(scores, id)) scores[id] = (scores[id] ?? 0) + bordaPoints(position, maxRanked);
    });
  }
  return scores;
}

/**
 * Points for the option at `position` (0 = first) of a ranking where a ballot may rank `maxRanked` options: the
 * first always gets `maxRanked`, whether the ballot ranked one option or all of them.
 */
export function bordaPoints(position: number, maxRanked: number): number {
  return Math.max(0, maxRanked - position);
}

/** The mean of a scale's counts per value ("1": 3, "2": 0, …), rounded like every mean. */
export function scaleMean(counts: Readonly<Record<string, number>>): number | null {
  let sum = 0;
  let n = 0;
  for (const [value, count] of Object.entries(counts)) {
    sum += Number(value) * count;
    n += count;
  }
  return roundedMean(sum, n);
}

/** Mean of `n` values that add up to `sum`, rounded to two decimals; `null` without values. */
export function roundedMean(sum: number, n: number): number | null {
  return n === 0 ? null : Math.round((sum / n) * 100) / 100;
}

/** Ballots per scale value and their mean (rounded to two decimals; `null` without ballots). */
export function scaleTally(min: number, max: number, values: Iterable<number>): { counts: Record<string, number>; mean: number | null; respondents: number } {
  const counts: Record<string, number> = {};
  for (let v = min; v <= max; v++) counts[String(v)] = 0;
  let sum = 0;
  let n = 0;
  for (const v of values) {
    const key = String(v);
    if (!Object.hasOwn(counts, key)) continue;
    counts[key] = (counts[key] ?? 0) + 1;
    sum += v;
    n += 1;
  }
  return { counts, mean: roundedMean(sum, n), respondents: n };
}
