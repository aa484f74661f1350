"use client";
/** A question's countdown as a clock: it ticks here from the time left the server counted; only the server closes. */
import { useEffect, useState } from "react";
import { formatCountdown } from "@/lib/poll/timer";
import type { TimerView } from "@/lib/protocol";

/**
 * Milliseconds left of the countdown, ticking four times a second; `null` without one. The deadline here is the
 * moment the view arrived plus the time left the server counted then, so a phone whose clock is off still shows
 * the right time. At 0 the clock stops and waits for the server's close.
 */
export function useRemaining(timer: TimerView | undefined): number | null {
  const remainingMs = timer?.remainingMs;
  const closesAt = timer?.closesAt;
  const [clock, setClock] = useState<{ deadline: number; now: number } | null>(null);
  useEffect(() => {
    if (remainingMs === undefined || closesAt === undefined) {
      setClock(null);
      return;
    }
    const deadline = Date.now() + remainingMs;
    const tick = () => setClock({ deadline, now: Date.now() });
    tick();
    const id = setInterval(() => {
      tick();
      if (Date.now() >= deadline) clearInterval(id);
    }, 250);
    return () => clearInterval(id);
  }, [remainingMs, closesAt]);
  return clock === null ? null : Math.max(0, clock.deadline - clock.now);
}

export interface CountdownProps {
  timer: TimerView | undefined;
  /** What the clock counts down to, for screen readers and as a caption ("Stemmen sluit over"). */
  label: string;
  className?: string;
  testId?: string;
  /** Inside a line of text (a span), not a paragraph of its own. */
  inline?: boolean;
}

/** The clock, with its caption; nothing without a countdown. The last ten seconds are marked for styling. */
export function Countdown({ timer, label, className = "countdown", testId = "countdown", inline = false }: CountdownProps) {
  const remaining = useRemaining(timer);
  if (remaining === null) return null;
  const text = formatCountdown(remaining);
  const Tag = inline ? "span" : "p";
  return (
    <Tag className={className} data-ending={remaining <= 10_000 || undefined} data-testid={testId}>
      <span className={`${className}__label`}>{label}</span>{" "}
      <span role="timer" aria-label={`${label} ${text}`} className={`${className}__time`} data-testid={`${testId}-time`}>
        {text}
      </span>
    </Tag>
  );
}
