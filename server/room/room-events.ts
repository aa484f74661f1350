/**
 * The domain events a room sends out after a change is committed: what happened, in the room's own words. The
 * transport (who hears what), the cluster sync (what other nodes must know) and the directory's bookkeeping
 * subscribe here; none of them compares state before and after to guess.
 */
import type { LiveBallot } from "./ballot-book";
import type { Room } from "./room";

/** Where a change was made: by a client of this node, or on another node of a cluster (and learnt here). */
export type Origin = "local" | "remote";

export type RoomEvent =
  /** A participant's ballot was committed (here, or on another node and applied to this node's copy). */
  | {
      type: "ballot-saved";
      room: Room;
      origin: Origin;
      questionId: string;
      round: number;
      participantKey: string;
      ballot: LiveBallot;
      /** The participant had no ballot in this round before: one respondent more. */
      isNew: boolean;
    }
  /** Ballots changed as a whole: read back from the store after a check against it. */
  | { type: "ballots-reloaded"; room: Room; origin: Origin; newRespondents: boolean }
  /**
   * A question or the session's list of questions changed. `inPlace`: the question itself changed (opened,
   * closed, results shown or hidden, edited, moved) and everyone keeps their ballot; otherwise the structure
   * changed (added, removed, activated, reset) and every socket needs a fresh state. `active`: the change is
   * about the question phones answer now.
   */
  | { type: "question-changed"; room: Room; origin: Origin; questionId: string | null; active: boolean; inPlace: boolean }
  /** The session itself changed (its title): every socket gets a fresh state. */
  | { type: "session-changed"; room: Room; origin: Origin }
  /** Open answers were hidden or shown: results change, nothing else. */
  | { type: "answers-moderated"; room: Room; origin: Origin; questionId: string }
  /**
   * Questions from the floor changed: one was asked, approved, hidden, answered or highlighted, or the settings
   * changed. `askedBy`: the participant whose question's status changed (their phone's own list changes too).
   */
  | { type: "floor-changed"; room: Room; origin: Origin; askedBy?: string }
  /** A participant's upvote was committed (here, or on another node and applied to this node's copy). */
  | { type: "floor-voted"; room: Room; origin: Origin; floorId: string; participantKey: string; up: boolean }
  /** A co-facilitator's link was revoked: that co-facilitator's consoles are told and closed. */
  | { type: "access-revoked"; room: Room; origin: Origin; coHostId: string }
  /** The session's action plan changed (an action added, changed or removed; the plan lives in the store only). */
  | { type: "plan-changed"; room: Room; origin: Origin }
  /** The number of participants connected (on this node or, in a cluster, on all nodes) changed. */
  | { type: "presence-changed"; room: Room; origin: Origin }
  /** The session and all its data are gone (deleted by its facilitator, or expired). */
  | { type: "session-deleted"; sessionId: string; origin: Origin }
  /** The room left this node's memory after it was idle; the session itself is untouched. */
  | { type: "session-unloaded"; sessionId: string };

export type RoomEventListener = (event: RoomEvent) => void;

/** One channel for every room of a node: subscribers are few and fixed (transport, cluster sync). */
export class RoomEvents {
  private readonly listeners: RoomEventListener[] = [];

  subscribe(listener: RoomEventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  emit(event: RoomEvent): void {
    // A subscriber's failure must not keep the others from hearing it, nor reach the command that caused it.
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`room event ${event.type}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
