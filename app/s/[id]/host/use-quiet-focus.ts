"use client";
/** Shortcut keys leave no focus ring on a button that was clicked: the console is often projected. */
import { useEffect } from "react";

/**
 * Any key press makes the browser treat the focused element as keyboard-focused and draw its ring. After a
 * click on a switch, pressing `r` would leave a ring on that switch, which the room reads as a selection. For the
 * console's own shortcut keys, focus that came from a pointer is dropped first; focus reached with Tab keeps its
 * ring, and Tab after the drop continues from the same place.
 */
export function useQuietPointerFocus(keys: readonly string[]): void {
  useEffect(() => {
    let pointerAt = -Infinity;
    let pointerFocused: EventTarget | null = null;
    const onPointer = () => {
      pointerAt = performance.now();
    };
    const onFocusIn = (event: FocusEvent) => {
      pointerFocused = performance.now() - pointerAt < 1000 ? event.target : null;
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Tab") pointerFocused = null;
      if (event.ctrlKey || event.metaKey || event.altKey || !keys.includes(event.key)) return;
      const active = document.activeElement;
      if (!(active instanceof HTMLElement) || active !== pointerFocused) return;
      if (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) return;
      active.blur();
    };
    window.addEventListener("pointerdown", onPointer, true);
    window.addEventListener("focusin", onFocusIn, true);
    window.addEventListener("keydown", onKey, true);
    return () => {
      window.removeEventListener("pointerdown", onPointer, true);
      window.removeEventListener("focusin", onFocusIn, true);
      window.removeEventListener("keydown", onKey, true);
    };
  }, [keys]);
}
