import type { OpenAnswer } from "../protocol";

/**
 * The answers a room may see, newest first. The server lists answers in the order they arrived; hidden ones
 * reach screens flagged (and phones not at all), and a screen never shows them.
 */
export function visibleAnswersNewestFirst(answers: readonly OpenAnswer[] | undefined): OpenAnswer[] {
  return (answers ?? []).filter((a) => !a.hidden).reverse();
}

/**
 * Longest open answer, the same as `OPEN_ANSWER_MAX` of the protocol. Repeated here because protocol.ts
 * loads zod at run time, which the phone's first load must not carry; a test keeps the two equal.
 */
export const OPEN_ANSWER_MAX_LENGTH = 280;
