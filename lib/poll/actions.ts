/**
 * From challenges to actions, the rules: which questions belong to an action round (their template id carries
 * what they are about), proposals as the options of a dot vote, a due date, the room's verdict on an action at
 * the next measurement and the plan's progress. Words live in lib/action-wording.ts.
 */
import { CHALLENGE_IDS } from "../challenges";
import { ACTION_LIMITS, ACTION_STATES, type ActionState } from "../action-constants";

/**
 * An action round's questions keep a template id that says what they are about, so nothing else links them:
 * `action-prompt:<challengeId>` (an open question asking for proposals for one challenge), `action-dots` (the dot
 * vote on the proposals) and `action-review:<actionId>` (the next measurement asks how far an action got).
 */
export type ActionTemplate = { kind: "prompt"; challengeId: string } | { kind: "dots" } | { kind: "review"; actionId: string };

export const actionPromptTemplate = (challengeId: string) => `action-prompt:${challengeId}`;
export const ACTION_DOTS_TEMPLATE = "action-dots";
export const actionReviewTemplate = (actionId: string) => `action-review:${actionId}`;

export function parseActionTemplate(template: string | null | undefined): ActionTemplate | null {
  if (!template) return null;
  if (template === ACTION_DOTS_TEMPLATE) return { kind: "dots" };
  const [head, subject] = template.split(":", 2);
  if (head === "action-prompt" && subject && (CHALLENGE_IDS as readonly string[]).includes(subject)) return { kind: "prompt", challengeId: subject };
  if (head === "action-review" && subject) return { kind: "review", actionId: subject };
  return null;
}

/** A proposal picked for the dot vote: its text and the challenge it was proposed for. */
export interface Proposal {
  text: string;
  about: string | null;
}

/** An option of a dot vote: a proposal, with the challenge it answers (`about`) so every reader can name it. */
export interface ProposalOption {
  id: string;
  label: string;
  about?: string;
}

/** Two proposals that read the same (case, spaces) are one option: the room should not split its dots over twins. */
const sameText = (text: string) => text.toLocaleLowerCase("nl").replace(/\s+/g, " ").trim();

/** The dot vote's options from the picked proposals, in the order picked, twins once, ids `a1`, `a2`, … */
export function proposalOptions(proposals: readonly Proposal[]): ProposalOption[] {
  const seen = new Set<string>();
  const options: ProposalOption[] = [];
  for (const p of proposals) {
    const key = sameText(p.text);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    options.push({ id: `a${options.length + 1}`, label: p.text.replace(/\s+/g, " ").trim(), ...(p.about ? { about: p.about } : {}) });
  }
  return options.slice(0, ACTION_LIMITS.dotProposals);
}

/** A due date is a calendar day, `YYYY-MM-DD`, that exists. */
export function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The review question's answers: the action's states, most advanced first as a phone lists them. */
export const REVIEW_OPTION_IDS: readonly ActionState[] = [...ACTION_STATES].reverse();

/**
 * Where the room says an action stands: the most chosen state. A tie goes to the least advanced of the tied
 * states, so a split room never reads as further along than part of it thinks; `null` before anyone answered.
 */
export function reviewVerdict(counts: Readonly<Record<string, number>>): ActionState | null {
  let best: ActionState | null = null;
  let most = 0;
  for (const state of ACTION_STATES) {
    const n = counts[state] ?? 0;
    if (n > most) {
      best = state;
      most = n;
    }
  }
  return best;
}

export interface PlanProgress {
  total: number;
  done: number;
  underWay: number;
  notStarted: number;
  /** Actions the room has not said anything about (yet). */
  unreviewed: number;
}

export function planProgress(verdicts: readonly (ActionState | null)[]): PlanProgress {
  const count = (state: ActionState | null) => verdicts.filter((v) => v === state).length;
  return { total: verdicts.length, done: count("done"), underWay: count("under-way"), notStarted: count("not-started"), unreviewed: count(null) };
}
