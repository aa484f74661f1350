/**
 * A session's action plan and the review of the previous one: adding an action (from a proposal of the dot vote,
 * with its text, challenge and dots), the review questions a next measurement opens with, and what its room said.
 * The plan lives in the store only (no mirror): it changes a few times a meeting, and every node reads it there.
 */
import { actionReviewTemplate, parseActionTemplate, planProgress, reviewVerdict } from "../../lib/poll/actions";
import { reviewPrompt } from "../../lib/action-wording";
import type { ActionView, CreateActionBody, Language, PlanReview } from "../../lib/protocol";
import { ACTION_LIMITS } from "../../lib/action-constants";
import { newId } from "../keys";
import { publicResults } from "../../lib/poll/publication";
import { FRESH_QUESTION, type ActionSource, type StoredAction, type StoredQuestion } from "../store/store";
import type { Room } from "./room";

/**
 * How many dots an action's proposal has in `results` (the room's, an export's snapshot, or the public page's, with
 * the privacy threshold applied): counted when read, so the plan never disagrees with its dot vote; `null` for an
 * action of one's own, a dot vote that is gone, or numbers that are withheld.
 */
export type DotsOf = (source: ActionSource) => number | null;

/** Dots as a room (or a snapshot of one) counts them now; with `minGroupSize`, only what the participants' page may show. */
export function dotsIn(room: Room, minGroupSize?: number): DotsOf {
  return ({ questionId, optionId }) => {
    const q = room.find(questionId);
    if (!q || q.stored.kind !== "dots") return null;
    const counted = room.results(q, false);
    const results = minGroupSize === undefined ? counted : publicResults(counted, minGroupSize);
    if (results.withheld || results.silent) return null;
    return results.counts[optionId] ?? null;
  };
}

export const actionView = (a: StoredAction, dotsOf: DotsOf): ActionView => ({
  id: a.id,
  text: a.text,
  about: a.about,
  owner: a.owner,
  due: a.due,
  from: a.from && { questionId: a.from.questionId, optionId: a.from.optionId },
  dots: a.from ? dotsOf(a.from) : null,
  createdAt: a.createdAt,
});

/** Why an action cannot be added, in the protocol's words and with its HTTP status. */
export class ActionRefused extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: "invalid_payload" | "question_not_found" | "unknown_option" | "session_not_found",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Add an action at the end of the room's plan; `from` a proposal of one of its dot votes brings its text and
 * challenge. A proposal already in the plan answers with that action (`created: false`), so a retried request
 * adds nothing and two consoles cannot add it twice.
 */
export async function addAction(room: Room, body: CreateActionBody): Promise<{ action: StoredAction; created: boolean }> {
  let proposal: { text: string; about: string | null } | undefined;
  if (body.from) {
    const q = room.find(body.from.questionId);
    if (!q || q.stored.kind !== "dots") throw new ActionRefused(404, "question_not_found", "`from` names no dot vote of this session");
    const option = room.view(q).options.find((o) => o.id === body.from?.optionId);
    if (!option) throw new ActionRefused(404, "unknown_option", "`from` names no proposal of that dot vote");
    proposal = { text: option.label, about: option.about ?? null };
  }
  const text = body.text ?? proposal?.text;
  if (!text) throw new ActionRefused(400, "invalid_payload", "an action needs a text");
  const done = await room.store.insertAction(
    {
      id: newId("a_"),
      sessionId: room.id,
      text,
      about: body.about !== undefined ? body.about : (proposal?.about ?? null),
      owner: body.owner,
      due: body.due,
      from: body.from ? { questionId: body.from.questionId, optionId: body.from.optionId } : null,
      createdAt: new Date().toISOString(),
    },
    ACTION_LIMITS.actions,
  );
  if ("inserted" in done) return { action: done.inserted, created: true };
  if ("existing" in done) return { action: done.existing, created: false };
  if (done.refused === "full") throw new ActionRefused(400, "invalid_payload", `a plan holds at most ${ACTION_LIMITS.actions} actions`);
  throw new ActionRefused(404, "session_not_found", "the session is gone");
}

/**
 * The questions a next measurement opens with: per action of the previous plan, where it stands (done, under way,
 * not started), asked of the room in the session's language with the action's owner and due date.
 */
export function reviewQuestions(plan: readonly StoredAction[], sessionId: string, language: Language): StoredQuestion[] {
  return plan.map((action, position) => ({
    id: newId("q_"),
    sessionId,
    position,
    kind: "single",
    template: actionReviewTemplate(action.id),
    prompt: reviewPrompt(language, action),
    options: null,
    maxChoices: null,
    scale: null,
    ...FRESH_QUESTION,
    grouping: false,
    audience: null,
  }));
}

/** What the room said about the previous plan: one line per review question, and the plan's progress; undefined without any. */
export function planReview(room: Room): PlanReview | undefined {
  const reviews = room.questions.flatMap((q) => {
    const parsed = parseActionTemplate(q.stored.template);
    if (parsed?.kind !== "review") return [];
    const results = room.results(q, false);
    const counts = results.withheld ? null : results.counts;
    return [{ questionId: q.stored.id, actionId: parsed.actionId, prompt: room.view(q).prompt, counts, respondents: results.respondents, verdict: counts ? reviewVerdict(counts) : null }];
  });
  return reviews.length > 0 ? { reviews, progress: planProgress(reviews.map((r) => r.verdict)) } : undefined;
}
