/**
 * Which options a follow-up ranking takes from a multiple-choice question: the N most chosen, every option tied
 * with the N-th included (a tie is never broken by the list's order), and never an option nobody chose.
 */

/**
 * The options of the follow-up, most chosen first (ties in the question's order). Can hold more than `topN`
 * (ties at the boundary) or fewer (fewer options were chosen at all).
 */
export function followupOptionIds(optionIds: readonly string[], counts: Readonly<Record<string, number>>, topN: number): string[] {
  const chosen = optionIds
    .map((id, index) => ({ id, index, count: counts[id] ?? 0 }))
    .filter((o) => o.count > 0)
    .sort((a, b) => b.count - a.count || a.index - b.index);
  const boundary = chosen[topN - 1]?.count;
  return chosen.filter((o, i) => i < topN || o.count === boundary).map((o) => o.id);
}

/** A ranking needs something to put in order. */
export const FOLLOWUP_MIN_OPTIONS = 2;
