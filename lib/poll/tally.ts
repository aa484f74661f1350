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
