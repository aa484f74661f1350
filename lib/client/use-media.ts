"use client";
/** Hooks that follow the browser: media queries and the window's height. */
import { useEffect, useRef, useState } from "react";

/** Follows a CSS media query, e.g. the user's `prefers-reduced-motion`. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(false);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener("change", update);
    return () => list.removeEventListener("change", update);
  }, [query]);
  return matches;
}

/**
 * The value, but changing at most once per `intervalMs`: a screen reader announcing every vote of a busy room
 * would be unusable, so the live region hears a fresh summary every few seconds at most.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    const wait = lastAt.current + intervalMs - Date.now();
    const timer = setTimeout(
      () => {
        lastAt.current = Date.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}

/** The window's inner height, following resizes (and full screen). 1080 before the first render. */
export function useWindowHeight(): number {
  const [height, setHeight] = useState(1080);
  useEffect(() => {
    const update = () => setHeight(window.innerHeight);
    update();
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, []);
  return height;
}
