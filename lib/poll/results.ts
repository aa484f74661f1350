/** Results of one question of any kind, counted from the final ballot of each participant. */
import type { Answer, OpenAnswer, QuestionKind, Results } from "../protocol";
import { DEFAULT_SCALE } from "../protocol-constants";
import { bordaScores, scaleTally, tally } from "./tally";
import { countWords, visibleWords } from "./words";

export interface ResultsQuestion {
  id: string;
  kind: QuestionKind;
  optionIds: readonly string[];
  maxChoices: number | null;
  scale?: { min: number; max: number };
  /** Word clouds: the keys of the words the facilitator took off the screens. */
  hiddenWords?: readonly string[];
}

/** A stored ballot as counting needs it: the answer, a pseudonymous id and its moderation flag. */
export interface CountedBallot {
  answerId: string;
  answer: Answer;
  hidden: boolean;
}

/**
 * Results of one question from the final ballot of each participant, for any kind. Open answers that the
 * facilitator hid are left out unless `includeHidden` (the facilitator's own view).
 */
export function questionResults(q: ResultsQuestion, ballots: readonly CountedBallot[], participants: number, includeHidden: boolean): Results {
  const base = { questionId: q.id, kind: q.kind, participants };
  switch (q.kind) {
    case "single":
    case "multiple":
    case "dots": {
      // A dot vote's ballot names an option once per dot, so the same count gives dots per option.
      const { counts, respondents } = tally(q.optionIds, ballots.map((b) => (Array.isArray(b.answer) ? b.answer : [])));
      return { ...base, counts, respondents };
    }
    case "ranking": {
      const rankings = ballots.map((b) => (Array.isArray(b.answer) ? b.answer : []));
      const { counts, respondents } = tally(q.optionIds, rankings);
      const scores = bordaScores(q.optionIds, rankings, q.maxChoices ?? q.optionIds.length);
      return { ...base, counts, respondents, scores };
    }
    case "scale": {
      const { min, max } = q.scale ?? DEFAULT_SCALE;
      const { counts, mean } = scaleTally(min, max, ballots.map((b) => (typeof b.answer === "number" ? b.answer : Number.NaN)));
      return { ...base, counts, mean, respondents: ballots.length };
    }
    case "words": {
      const cloud = countWords(ballots.map((b) => (Array.isArray(b.answer) ? b.answer : [])), new Set(q.hiddenWords ?? []));
      return { ...base, counts: {}, respondents: ballots.length, words: includeHidden ? cloud : visibleWords(cloud) };
    }
    case "open": {
      const answers: OpenAnswer[] = ballots
        .filter((b) => typeof b.answer === "string" && (includeHidden || !b.hidden))
        .map((b) => ({ id: b.answerId, text: b.answer as string, hidden: b.hidden }));
      return { ...base, counts: {}, respondents: ballots.length, answers };
    }
  }
}
