/** A question's countdown: its deadline, extending it, what is left of it, and how a clock reads it. */
import type { TimerView } from "../protocol";
import { LIMITS, type QuestionStatus } from "../protocol-constants";

/** The console's one-click durations, in seconds. */
export const TIMER_PRESETS_S = [30, 60, 120] as const;

/** What a question stores of its countdown: when voting closes, and how long the countdown was set for in all. */
export interface TimerRecord {
  status: QuestionStatus;
  /** ISO time at which voting closes; `null` without a countdown. */
  closesAt: string | null;
  /** The countdown's whole length, extensions included; `null` without a countdown. */
  timerSeconds: number | null;
}

/** Is this a length of countdown the server accepts? */
export function validTimerSeconds(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= LIMITS.timerSeconds.min && seconds <= LIMITS.timerSeconds.max;
}

/** The deadline of a countdown of `seconds` started at `nowMs`. */
export function timerDeadline(nowMs: number, seconds: number): string {
  return new Date(nowMs + seconds * 1000).toISOString();
}

/** A running countdown made longer: from its deadline, or from now when that has just passed. */
export function extendedDeadline(closesAt: string, nowMs: number, seconds: number): string {
  return new Date(Math.max(Date.parse(closesAt), nowMs) + seconds * 1000).toISOString();
}

/** Has the countdown of an open question run out? (A question without one never does.) */
export function timeIsUp(record: Pick<TimerRecord, "closesAt">, nowMs: number): boolean {
  return record.closesAt !== null && Date.parse(record.closesAt) <= nowMs;
}

/** The countdown of an open question as views show it, or `undefined` when none is running. */
export function timerView(record: TimerRecord, nowMs: number): TimerView | undefined {
  if (record.status !== "open" || record.closesAt === null) return undefined;
  const remainingMs = Math.max(0, Date.parse(record.closesAt) - nowMs);
  return { closesAt: record.closesAt, remainingMs, seconds: record.timerSeconds ?? Math.ceil(remainingMs / 1000) };
}

/** A countdown as a clock reads it: "1:05", "0:09", "12:00"; whole seconds, rounded up, so 0:00 means it is over. */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
