/** Running counts per group of one question split by a grouping question, kept in step ballot by ballot. */
import { RunningTally } from "../../lib/poll/running-tally";
import { NO_GROUP } from "../../lib/poll/split";
import type { BallotBook, LiveBallot } from "./ballot-book";
import type { StoredQuestion } from "../store/store";

/** What a split tally needs of a question: its row (replaced whole on every change) and its ballots. */
export interface SplitSource {
  readonly stored: StoredQuestion;
  readonly ballots: BallotBook;
}

/**
 * The ballots of `question` counted per group of `by` (a participant's answer to it, or NO_GROUP): the split's
 * counts cost one pass over the groups' options per broadcast instead of one over every ballot. Built with one
 * pass; then every ballot set on either question goes through `ballotSet` right after it was set. Any change it
 * did not see (a reset, a reload, an edit of either question, a hidden answer) shows as a changed row or book
 * version, and `matches` is false: the room builds it again. Questions asked of some groups only are not kept
 * this way (whether a ballot counts depends on a third question); they are counted from the ballots.
 */
export class SplitTally {
  private readonly tallies = new Map<string, RunningTally>();
  /** Participant -> the group their ballot of `question` is counted in. */
  private readonly countedIn = new Map<string, string>();
  private readonly questionRow: StoredQuestion;
  private readonly byRow: StoredQuestion;
  private questionVersion: number;
  private byVersion: number;

  constructor(
    private readonly question: SplitSource,
    private readonly by: SplitSource,
    groupIds: readonly string[],
  ) {
    this.questionRow = question.stored;
    this.byRow = by.stored;
    for (const id of [...groupIds, NO_GROUP]) this.tallies.set(id, new RunningTally());
    for (const [key, b] of question.ballots) this.count(key, b.answer);
    this.questionVersion = question.ballots.version;
    this.byVersion = by.ballots.version;
  }

  /** Does this tally still count exactly the current ballots of these two questions? */
  matches(question: SplitSource, by: SplitSource): boolean {
    return (
      question === this.question &&
      by === this.by &&
      question.stored === this.questionRow &&
      by.stored === this.byRow &&
      question.ballots.version === this.questionVersion &&
      by.ballots.version === this.byVersion
    );
  }

  /** A ballot was just set on `source` (replacing `before`): follow it, or do nothing and no longer match. */
  ballotSet(source: SplitSource, key: string, before: LiveBallot | undefined, after: LiveBallot): void {
    if (source === this.question && source.ballots.version === this.questionVersion + 1 && this.byUnchanged()) {
      if (before) this.uncount(key, before.answer);
      this.count(key, after.answer);
      this.questionVersion++;
    } else if (source === this.by && source.ballots.version === this.byVersion + 1 && this.questionUnchanged()) {
      const counted = this.question.ballots.get(key);
      if (counted) {
        this.uncount(key, counted.answer);
        this.count(key, counted.answer);
      }
      this.byVersion++;
    }
  }

  /** Each group's running tally (NO_GROUP last). */
  groups(): [string, RunningTally][] {
    return [...this.tallies];
  }

  private byUnchanged(): boolean {
    return this.by.stored === this.byRow && this.by.ballots.version === this.byVersion;
  }

  private questionUnchanged(): boolean {
    return this.question.stored === this.questionRow && this.question.ballots.version === this.questionVersion;
  }

  private groupNow(key: string): string {
    const answer = this.by.ballots.get(key)?.answer;
    const group = Array.isArray(answer) ? answer[0] : undefined;
    return group !== undefined && this.tallies.has(group) ? group : NO_GROUP;
  }

  private count(key: string, answer: LiveBallot["answer"]): void {
    const group = this.groupNow(key);
    this.tallies.get(group)?.add(answer);
    this.countedIn.set(key, group);
  }

  private uncount(key: string, answer: LiveBallot["answer"]): void {
    const group = this.countedIn.get(key);
    if (group !== undefined) this.tallies.get(group)?.remove(answer);
    this.countedIn.delete(key);
  }
}
