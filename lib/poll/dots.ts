/**
 * Dot voting: a participant spreads a budget of dots over the options, several on one if they like. A ballot is
 * the list of option ids, one entry per dot; this file holds its rule (known options, within the budget) and the
 * count per option, so a phone's stepper and the server's check agree.
 */
import type { ErrorCode } from "../protocol-constants";

export type DotsCheck = { ok: true; ballot: string[] } | { ok: false; code: ErrorCode; message: string };

/**
 * Check a dot ballot and normalise it: the dots grouped per option in the question's order, so the same spread
 * is stored the same way whatever order the dots were placed in. An empty ballot is valid ("none of these").
 */
export function checkDots(optionIds: readonly string[], budget: number, dots: readonly string[]): DotsCheck {
  const perOption = dotCounts(optionIds, []);
  for (const id of dots) {
    if (!(id in perOption)) return { ok: false, code: "unknown_option", message: `unknown option: ${id}` };
    perOption[id] = (perOption[id] ?? 0) + 1;
  }
  if (dots.length > budget) return { ok: false, code: "too_many_choices", message: `at most ${budget} dots, got ${dots.length}` };
  return { ok: true, ballot: spreadToBallot(optionIds, perOption) };
}

/** Dots per option of one ballot (every option present, 0 for none); ids that are no option are left out. */
export function dotCounts(optionIds: readonly string[], dots: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const id of optionIds) counts[id] = 0;
  for (const id of dots) if (id in counts) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

/** A spread (dots per option) as a ballot: one entry per dot, in the question's order. */
export function spreadToBallot(optionIds: readonly string[], spread: Readonly<Record<string, number>>): string[] {
  const ballot: string[] = [];
  for (const id of optionIds) for (let i = 0; i < (spread[id] ?? 0); i++) ballot.push(id);
  return ballot;
}

/** A phone's draft after a tap on + or − of one option: never below 0 per option, never above the budget in all. */
export function stepDots(optionIds: readonly string[], budget: number, dots: readonly string[], optionId: string, step: 1 | -1): string[] {
  const spread = dotCounts(optionIds, dots);
  if (!(optionId in spread)) return [...dots];
  const total = dots.filter((id) => id in spread).length;
  if (step === 1 && total >= budget) return spreadToBallot(optionIds, spread);
  spread[optionId] = Math.max(0, (spread[optionId] ?? 0) + step);
  return spreadToBallot(optionIds, spread);
}
