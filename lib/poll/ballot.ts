import type { ErrorCode } from "../protocol";

/** What the ballot rules need to know about a question. */
export interface BallotRules {
  optionIds: readonly string[];
  /** `null`: no maximum. */
  maxChoices: number | null;
}

export type BallotCheck =
  | { ok: true; ballot: string[] }
  | { ok: false; code: ErrorCode; message: string };

/**
 * Check a ballot against its question and normalise it to the question's option order,
 * so two ballots with the same picks are stored identically whatever order they were tapped in.
 * An empty ballot is valid: it means "none of these" and still counts as a respondent.
 */
export function checkBallot(rules: BallotRules, optionIds: readonly string[]): BallotCheck {
  const picked = new Set<string>();
  for (const id of optionIds) {
    if (!rules.optionIds.includes(id)) {
      return { ok: false, code: "unknown_option", message: `unknown option: ${id}` };
    }
    if (picked.has(id)) {
      return { ok: false, code: "duplicate_option", message: `option picked twice: ${id}` };
    }
    picked.add(id);
  }
  if (rules.maxChoices !== null && picked.size > rules.maxChoices) {
    return {
      ok: false,
      code: "too_many_choices",
      message: `at most ${rules.maxChoices} choices allowed, got ${picked.size}`,
    };
  }
  return { ok: true, ballot: rules.optionIds.filter((id) => picked.has(id)) };
}
