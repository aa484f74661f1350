"use client";
/** Whether the facilitator has left the projector alone for a while (no mouse movement, no key). */
import { useEffect, useState } from "react";

/**
 * `true` once the mouse has rested and no key was pressed for `ms`; `false` again at the next movement, touch
 * or key. The screen fades its control bar (and the pointer) out while idle, so the room sees the results only.
 */
export function useIdle(ms: number): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wake = () => {
      setIdle(false);
      clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), ms);
    };
    wake();
    const events = ["pointermove", "pointerdown", "keydown", "wheel", "touchstart"] as const;
    for (const event of events) window.addEventListener(event, wake, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const event of events) window.removeEventListener(event, wake);
    };
  }, [ms]);
  return idle;
}
