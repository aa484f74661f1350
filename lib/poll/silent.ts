/** The silent vote: what the room (screens, phones) may see of a question's results until the reveal. */
import type { Results } from "../protocol";

/** Only how many voted, out of how many connected: no count, score, mean, answer or split leaves. */
export function silentResults(results: Results): Results {
  const silenced: Results = { questionId: results.questionId, counts: {}, respondents: results.respondents, participants: results.participants, silent: true };
  if (results.kind) silenced.kind = results.kind;
  // A question for one group below the threshold stays withheld: that says why, and no more than the silence.
  if (results.withheld) {
    silenced.withheld = results.withheld;
    if (results.minGroupSize !== undefined) silenced.minGroupSize = results.minGroupSize;
  }
  return silenced;
}
