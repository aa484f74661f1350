/** A room's questions from the floor with who upvotes each, mirrored from the store; views per audience come from lib. */
import { floorView, type FloorAudience } from "../../lib/poll/floor";
import type { FloorMine, FloorQuestionView, FloorSettings, FloorView } from "../../lib/protocol";
import type { FloorChecksum, FloorVote, StoredFloorQuestion } from "../store/store";

export interface LiveFloorQuestion {
  stored: StoredFloorQuestion;
  /** participantKeys of those who upvote it. */
  voters: Set<string>;
}

export function floorQuestionView(q: LiveFloorQuestion): FloorQuestionView {
  const { id, text, name, status, answered, askedAt } = q.stored;
  return { id, text, name, votes: q.voters.size, status, answered, askedAt };
}

export class FloorBook {
  private readonly questions = new Map<string, LiveFloorQuestion>();
  /**
   * participantKey -> what they asked and what they upvote: a state for each of 10,000 phones (a new active question)
   * reads a participant's own part from here, instead of walking every question once per phone.
   */
  private readonly byParticipant = new Map<string, { asked: LiveFloorQuestion[]; upvoted: Set<string> }>();

  private own(participantKey: string) {
    let own = this.byParticipant.get(participantKey);
    if (!own) {
      own = { asked: [], upvoted: new Set() };
      this.byParticipant.set(participantKey, own);
    }
    return own;
  }

  static from(listed: { questions: readonly StoredFloorQuestion[]; votes: readonly FloorVote[] }): FloorBook {
    const book = new FloorBook();
    for (const stored of listed.questions) book.add(stored);
    for (const v of listed.votes) book.setVote(v.floorId, v.participantKey, true);
    return book;
  }

  get size(): number {
    return this.questions.size;
  }

  get(floorId: string): LiveFloorQuestion | undefined {
    return this.questions.get(floorId);
  }

  add(stored: StoredFloorQuestion): LiveFloorQuestion {
    const q = { stored, voters: new Set<string>() };
    this.questions.set(stored.id, q);
    this.own(stored.participantKey).asked.push(q);
    return q;
  }

  /** The questions one participant asked, in the order asked. */
  askedBy(participantKey: string): LiveFloorQuestion[] {
    return this.byParticipant.get(participantKey)?.asked ?? [];
  }

  /** Put an upvote in or take it out; false when that changed nothing. */
  setVote(floorId: string, participantKey: string, up: boolean): boolean {
    const q = this.questions.get(floorId);
    if (!q || q.voters.has(participantKey) === up) return false;
    const { upvoted } = this.own(participantKey);
    if (up) {
      q.voters.add(participantKey);
      upvoted.add(floorId);
    } else {
      q.voters.delete(participantKey);
      upvoted.delete(floorId);
    }
    return true;
  }

  view(settings: FloorSettings, audience: FloorAudience): FloorView {
    return floorView(settings, [...this.questions.values()].map(floorQuestionView), audience);
  }

  /** A participant's own questions (not those the facilitator hid) and upvotes. */
  mine(participantKey: string): FloorMine {
    const own = this.byParticipant.get(participantKey);
    if (!own) return { asked: [], upvoted: [] };
    return { asked: own.asked.filter((q) => q.stored.status !== "hidden").map(floorQuestionView), upvoted: [...own.upvoted] };
  }

  /** What the store's floorChecksum gives for the same questions and upvotes. */
  checksum(): FloorChecksum {
    let votes = 0;
    let revSum = 0;
    for (const q of this.questions.values()) {
      votes += q.voters.size;
      revSum += q.stored.rev;
    }
    return { questions: this.questions.size, votes, revSum };
  }

  /** Every question with its upvotes, for exports and the report. */
  all(): FloorQuestionView[] {
    return [...this.questions.values()].map(floorQuestionView);
  }
}
