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
import { FRESH_QUESTION, type StoredAction, type StoredQuestion } from "../store/store";
import type { Room } from "./room";

export const actionView = (a: StoredAction): ActionView => ({ id: a.id, text: a.text, about: a.about, owner: a.owner, due: a.due, dots: a.dots, createdAt: a.createdAt });

/** Why an action cannot be added, in the protocol's words. */
export class ActionRefused extends Error {
  constructor(
    readonly code: "invalid_payload" | "question_not_found" | "unknown_option",
    message: string,
  ) {
    super(message);
  }
}

/** Add an action at the end of the room's plan; `from` a proposal of one of its dot votes brings its text, challenge and dots. */
export async function addAction(room: Room, body: CreateActionBody): Promise<StoredAction> {
  const plan = await room.store.listActions(room.id);
  if (plan.length >= ACTION_LIMITS.actions) throw new ActionRefused("invalid_payload", `a plan holds at most ${ACTION_LIMITS.actions} actions`);
  let fromProposal: { text: string; about: string | null; dots: number } | undefined;
  if (body.from) {
    const q = room.find(body.from.questionId);
    if (!q || q.stored.kind !== "dots") throw new ActionRefused("question_not_found", "`from` names no dot vote of this session");
    const option = room.view(q).options.find((o) => o.id === body.from?.optionId);
    if (!option) throw new ActionRefused("unknown_option", "`from` names no proposal of that dot vote");
    fromProposal = { text: option.label, about: option.about ?? null, dots: room.results(q).counts[option.id] ?? 0 };
  }
  const text = body.text ?? fromProposal?.text;
  if (!text) throw new ActionRefused("invalid_payload", "an action needs a text");
  return room.store.insertAction({
    id: newId("a_"),
    sessionId: room.id,
    text,
    about: body.about !== undefined ? body.about : (fromProposal?.about ?? null),
    owner: body.owner,
    due: body.due,
    dots: fromProposal?.dots ?? null,
    createdAt: new Date().toISOString(),
  });
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
