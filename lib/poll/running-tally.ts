/** Counts kept up to date ballot by ballot, with the recount's own formulas. */
import type { Answer, Results } from "../protocol";
import { DEFAULT_SCALE } from "../protocol-constants";
import type { ResultsQuestion } from "./results";
import { bordaPoints, roundedMean } from "./tally";

/**
 * Counts kept up to date ballot by ballot, so the results of a room of 10,000 cost one pass over the options
 * instead of one over every ballot, ten times a second. A replaced ballot is removed before its successor is
 * added, so a re-cast never counts twice. The results equal `questionResults`' full recount of the same ballots
 * after any sequence of changes (running-tally.test.ts checks that property). Open questions are not summarised
 * here: their results are the answers themselves.
 */
export class RunningTally {
  private ballots = 0;
  /** Option id -> how many ballots hold it at each position (0 = first); choice ballots use every position. */
  private positions = new Map<string, number[]>();
  /** Scale value as text -> ballots with that value. */
  private values = new Map<string, number>();

  get respondents(): number {
    return this.ballots;
  }

  add(answer: Answer): void {
    this.change(answer, 1);
  }

  remove(answer: Answer): void {
    this.change(answer, -1);
  }

  clear(): void {
    this.ballots = 0;
    this.positions = new Map();
    this.values = new Map();
  }

  private change(answer: Answer, delta: 1 | -1): void {
    this.ballots += delta;
    if (Array.isArray(answer)) {
      answer.forEach((id, position) => {
        let row = this.positions.get(id);
        if (!row) {
          row = [];
          this.positions.set(id, row);
        }
        row[position] = (row[position] ?? 0) + delta;
      });
    } else if (typeof answer === "number") {
      const key = String(answer);
      this.values.set(key, (this.values.get(key) ?? 0) + delta);
    }
  }

  /** The same results `questionResults` would count from the ballots; `undefined` for open questions. */
  results(q: ResultsQuestion, participants: number): Results | undefined {
    const base = { questionId: q.id, kind: q.kind, participants };
    switch (q.kind) {
      case "single":
      case "multiple":
      case "dots":
        return { ...base, counts: this.optionCounts(q.optionIds), respondents: this.ballots };
      case "ranking": {
        const maxRanked = q.maxChoices ?? q.optionIds.length;
        const scores: Record<string, number> = {};
        for (const id of q.optionIds) {
          let points = 0;
          this.positions.get(id)?.forEach((n, position) => (points += n * bordaPoints(position, maxRanked)));
          scores[id] = points;
        }
        return { ...base, counts: this.optionCounts(q.optionIds), respondents: this.ballots, scores };
      }
      case "scale": {
        const { min, max } = q.scale ?? DEFAULT_SCALE;
        const counts: Record<string, number> = {};
        let sum = 0;
        let n = 0;
        for (let v = min; v <= max; v++) {
          const count = this.values.get(String(v)) ?? 0;
          counts[String(v)] = count;
          sum += count * v;
          n += count;
        }
        return { ...base, counts, mean: roundedMean(sum, n), respondents: this.ballots };
      }
      case "open":
      case "words":
        return undefined;
    }
  }

  private optionCounts(optionIds: readonly string[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const id of optionIds) {
      let count = 0;
      this.positions.get(id)?.forEach((n) => (count += n));
      counts[id] = count;
    }
    return counts;
  }
}
