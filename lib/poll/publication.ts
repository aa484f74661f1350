/** The participants' results page: when a publication is up, how long it lasts, and what of a question it shows. */
import type { Results } from "../protocol";

/** How long a results page stays up unless the facilitator says otherwise, and the longest they may choose. */
export const PUBLICATION_DAYS = { default: 30, max: 365 } as const;

export interface PublicationState {
  publishedAt: string;
  expiresAt: string;
  withdrawnAt: string | null;
}

/** The moment a page published at `at` for `days` days goes down. */
export function publicationExpiry(at: Date, days: number): string {
  return new Date(at.getTime() + days * 86_400_000).toISOString();
}

/** Up: published, not withdrawn, and before its expiry. */
export function publicationLive(p: PublicationState | null | undefined, nowMs: number): boolean {
  return Boolean(p && p.withdrawnAt === null && Date.parse(p.expiresAt) > nowMs);
}

/**
 * A question's results as the page shows them: no numbers below the privacy threshold (as a comparison or a trend
 * withholds a whole session), none during a silent vote; hidden open answers and hidden words are left out already.
 */
export function publicResults(results: Results, minGroupSize: number): Results {
  const base = { questionId: results.questionId, respondents: results.respondents, participants: 0, counts: {}, ...(results.kind ? { kind: results.kind } : {}) };
  if (results.silent) return { ...base, silent: true };
  if (results.withheld || results.respondents < minGroupSize) return { ...base, withheld: "too_few", minGroupSize };
  // Never a split by group or an earlier round: the page shows what the room saw of each question, no more.
  const shown: Results = { ...results, participants: 0 };
  delete shown.split;
  delete shown.previous;
  return shown;
}
