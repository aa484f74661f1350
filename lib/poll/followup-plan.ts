/**
 * What a follow-up ranking of the top N would hold, told in advance: the console says which options come along
 * because they tie at the boundary, and why a follow-up cannot be made yet. The server applies the same rule
 * (`followupOptionIds`), so the console's preview and the server's choice never differ.
 */
import { FOLLOWUP_MIN_OPTIONS, followupOptionIds } from "./followup";

export interface FollowupPlan {
  /** The options the ranking gets, most chosen first. */
  ids: string[];
  /** What the facilitator asked for. */
  topN: number;
  /** How many options anybody chose at all. */
  chosen: number;
  /** Options tied at the boundary, when the tie makes the ranking longer than `topN`; otherwise empty. */
  tied: string[];
  /** How often each tied option was chosen; `null` without such a tie. */
  tiedCount: number | null;
  /** Enough chosen options for a ranking; the server refuses the follow-up otherwise. */
  possible: boolean;
}

export function planFollowup(optionIds: readonly string[], counts: Readonly<Record<string, number>>, topN: number): FollowupPlan {
  const ids = followupOptionIds(optionIds, counts, topN);
  const chosen = optionIds.filter((id) => (counts[id] ?? 0) > 0).length;
  const boundary = ids.length > topN ? (counts[ids[topN - 1] ?? ""] ?? null) : null;
  const tied = boundary === null ? [] : ids.filter((id) => counts[id] === boundary);
  return { ids, topN, chosen, tied, tiedCount: boundary, possible: ids.length >= FOLLOWUP_MIN_OPTIONS };
}
