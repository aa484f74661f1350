/** A question round's current ballots with their running counts: the only way to change them. */
import type { Answer, Results } from "../../lib/protocol";
import type { ResultsQuestion } from "../../lib/poll/results";
import { RunningTally } from "../../lib/poll/running-tally";

export interface LiveBallot {
  readonly answer: Answer;
  readonly voteId: string | null;
  readonly hidden: boolean;
  /** The store's sequence number of this write: a newer write of the same ballot has a higher one. */
  readonly seq: number;
}

/**
 * The current ballot of each participant of one question round (participantKey -> ballot), with counts that
 * follow every change. The only way to change the ballots is through `set` and `clear`, so the counts cannot
 * miss one; ballots are replaced whole, never edited in place.
 */
export class BallotBook implements Iterable<[string, LiveBallot]> {
  private readonly byKey = new Map<string, LiveBallot>();
  private readonly tally = new RunningTally();
  private changes = 0;

  /** Goes up with every change: whoever follows the ballots (split-tally.ts) can tell a change it did not see. */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): LiveBallot | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  set(key: string, ballot: LiveBallot): void {
    const before = this.byKey.get(key);
    if (before) this.tally.remove(before.answer);
    this.byKey.set(key, ballot);
    this.tally.add(ballot.answer);
    this.changes++;
  }

  clear(): void {
    this.byKey.clear();
    this.tally.clear();
    this.changes++;
  }

  /** Results from the running counts (one pass over the options); `undefined` for open questions. */
  results(q: ResultsQuestion, participants: number): Results | undefined {
    return this.tally.results(q, participants);
  }

  values(): IterableIterator<LiveBallot> {
    return this.byKey.values();
  }

  [Symbol.iterator](): IterableIterator<[string, LiveBallot]> {
    return this.byKey.entries();
  }
}
