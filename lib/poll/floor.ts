/** Questions from the floor: the pure rules of their order, of who sees which, and of a participant's upvotes. */
import { LIMITS } from "../protocol-constants";
import type { FloorQuestionView, FloorSettings, FloorView } from "../protocol";

/** Questions from the floor in a new session: closed, no approval, the screen on the active question. */
export const FLOOR_CLOSED: FloorSettings = { open: false, approval: false, screen: false, highlight: null };

/** Who is looking: facilitators moderate every question; screens and phones see the shown ones. */
export type FloorAudience = "facilitator" | "screen" | "phone";

/**
 * The room's order: questions still to answer first, then most votes, then the first asked (so a question never
 * passes another with as many votes, and the top of the screen does not shuffle while votes tie), then by id.
 */
export function compareFloor(a: FloorQuestionView, b: FloorQuestionView): number {
  if (a.answered !== b.answered) return a.answered ? 1 : -1;
  if (a.votes !== b.votes) return b.votes - a.votes;
  if (a.askedAt !== b.askedAt) return a.askedAt < b.askedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function rankFloor(questions: Iterable<FloorQuestionView>): FloorQuestionView[] {
  return [...questions].sort(compareFloor);
}

/** How many of the top shown questions each audience is sent (facilitators: all of them). */
const SENT: Record<FloorAudience, number> = { facilitator: Infinity, screen: LIMITS.floorOnScreens, phone: LIMITS.floorOnPhones };

/**
 * The floor as one audience sees it. Screens and phones get only shown questions, the top few, and nothing while the
 * floor is closed; the highlighted question comes along when it is shown, even outside the top.
 */
export function floorView(settings: FloorSettings, questions: Iterable<FloorQuestionView>, audience: FloorAudience): FloorView {
  const all = rankFloor(questions);
  const shown = all.filter((q) => q.status === "shown");
  const answered = shown.filter((q) => q.answered).length;
  const highlighted = shown.find((q) => q.id === settings.highlight);
  if (audience === "facilitator") {
    const pending = all.filter((q) => q.status === "pending").length;
    return { settings, questions: all, shown: shown.length, answered, pending, ...(highlighted ? { highlighted } : {}) };
  }
  if (!settings.open) return { settings, questions: [], shown: 0, answered: 0 };
  return { settings, questions: shown.slice(0, SENT[audience]), shown: shown.length, answered, ...(highlighted ? { highlighted } : {}) };
}

/** The upvote counts of the questions in a view (the highlighted one too), by id. */
export function floorVotes(floor: FloorView): Record<string, number> {
  const votes: Record<string, number> = {};
  for (const q of floor.questions) votes[q.id] = q.votes;
  if (floor.highlighted) votes[floor.highlighted.id] = floor.highlighted.votes;
  return votes;
}

/**
 * What changed from one view of the floor to the next: nothing, only upvote counts (the same questions, perhaps in
 * another order, which a client ranks again from the counts), or more. While a hall upvotes, phones then get the
 * counts alone instead of every question's text again.
 */
export function floorChange(before: FloorView | undefined, after: FloorView): "none" | "votes" | "all" {
  if (!before) return "all";
  const shape = (f: FloorView) =>
    JSON.stringify({
      ...f,
      questions: f.questions.map((q) => ({ ...q, votes: 0 })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      highlighted: f.highlighted && { ...f.highlighted, votes: 0 },
    });
  if (shape(before) !== shape(after)) return "all";
  return JSON.stringify(floorVotes(before)) === JSON.stringify(floorVotes(after)) ? "none" : "votes";
}

/** A view with new upvote counts (from `floor:votes`), ranked again as the server ranks. */
export function withFloorVotes(floor: FloorView, votes: Readonly<Record<string, number>>): FloorView {
  const counted = (q: FloorQuestionView) => ({ ...q, votes: votes[q.id] ?? q.votes });
  return { ...floor, questions: rankFloor(floor.questions.map(counted)), ...(floor.highlighted ? { highlighted: counted(floor.highlighted) } : {}) };
}

/** Whether the screen shows the floor instead of the active question: the facilitator put it there, or highlighted one. */
export function floorOnScreen(floor: FloorView | undefined): boolean {
  return Boolean(floor?.settings.open && (floor.settings.screen || floor.highlighted));
}

/** A question as it is stored and shown: surrounding space trimmed, runs of spaces and line breaks made one space. */
export function cleanFloorText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A name given with a question, cleaned like the question; empty means anonymous. */
export function cleanFloorName(name: string | undefined): string | null {
  const cleaned = cleanFloorText(name ?? "");
  return cleaned === "" ? null : cleaned;
}

/** Why a participant may not ask now, or `null`: the floor is closed, the session or the participant has asked enough. */
export function askRefusal(settings: FloorSettings, total: number, byParticipant: number): "floor_closed" | "session_full" | "participant_full" | null {
  if (!settings.open) return "floor_closed";
  if (total >= LIMITS.floorQuestions) return "session_full";
  if (byParticipant >= LIMITS.floorPerParticipant) return "participant_full";
  return null;
}

/** A participant's list after the server acked an upvote (`up`) or taking one back: one entry per question at most. */
export function withUpvote(upvoted: readonly string[], floorId: string, up: boolean): string[] {
  const others = upvoted.filter((id) => id !== floorId);
  return up ? [...others, floorId] : others;
}
