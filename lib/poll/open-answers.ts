/** Open answers as a room may see them: hidden ones left out, newest first. */
import type { OpenAnswer } from "../protocol";

/**
 * The answers a room may see, newest first. The server lists answers in the order they arrived; hidden ones
 * reach screens flagged (and phones not at all), and a screen never shows them.
 */
export function visibleAnswersNewestFirst(answers: readonly OpenAnswer[] | undefined): OpenAnswer[] {
  return (answers ?? []).filter((a) => !a.hidden).reverse();
}

