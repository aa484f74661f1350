/**
 * How a word cloud is laid out so that it stays put between updates: words in the order they first appeared (a
 * new word joins at the end), a few font sizes only (a vote rarely changes a word's size), and a seeded random
 * sequence, so the layout library places the same words in the same places every time.
 */
import type { WordCount } from "../protocol";

/** Font size steps between the smallest and the largest word. */
export const CLOUD_SIZE_STEPS = 5;

export interface CloudWord {
  key: string;
  text: string;
  count: number;
  /** Font size in px. */
  size: number;
}

/**
 * The words to lay out: in first-seen order (`order` remembers it across updates and learns new words), each
 * with a font size in `CLOUD_SIZE_STEPS` steps by the square root of its share of the most frequent word.
 */
export function cloudWords(words: readonly WordCount[], order: Map<string, number>, minSize: number, maxSize: number): CloudWord[] {
  for (const w of words) if (!order.has(w.key)) order.set(w.key, order.size);
  const top = Math.max(1, ...words.map((w) => w.count));
  return [...words]
    .sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0))
    .map((w) => {
      const step = Math.round(Math.sqrt(w.count / top) * (CLOUD_SIZE_STEPS - 1));
      return { key: w.key, text: w.text, count: w.count, size: Math.round(minSize + ((maxSize - minSize) * step) / (CLOUD_SIZE_STEPS - 1)) };
    });
}

/** A small seeded random number generator (mulberry32): the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
