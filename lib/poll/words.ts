/**
 * The word cloud's counting: one word or short phrase per entry, the same word in other case or with or without
 * accents counted once (shown in its most common form), Dutch, English and French stop words left out.
 */
import type { WordCount } from "../protocol";
import { LIMITS } from "../protocol-constants";

/** Stop words of the three languages, accents already taken off (they are compared with normalised words). */
const STOP_WORDS = new Set(
  [
    // Dutch
    "de het een en of maar dat die dit deze is zijn was waren ben bent wordt worden werd van voor naar met op in aan uit bij om te tot door over als dan ook nog niet geen wel er hier daar wat wie hoe waar waarom ik je jij u hij zij ze wij we jullie hun hen mijn jouw zijn haar ons onze hun men zo al of heel meer veel",
    // English
    "the a an and or but that this these those is are was were be been being to of for in on at by with from as it its into about not no yes so too very can will would should our your their his her my we you they he she them us me i",
    // French
    "le la les un une des du de d l et ou mais que qui quoi ce cet cette ces est sont etait etre a au aux en dans par pour sur avec sans pas ne plus tres il elle ils elles nous vous je tu on se sa son ses leur leurs mon ma mes ton ta tes notre nos votre vos y",
  ]
    .join(" ")
    .split(/\s+/),
);

/** Accents off, lower case, inner spaces and punctuation at the ends tidied: the key words are counted by. */
export function wordKey(text: string): string {
  const plain = text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase()
    .replace(/[’']/g, " ")
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  // Stop words are left out of a phrase; a phrase of stop words only has no key.
  return plain
    .split(" ")
    .filter((w) => w !== "" && w !== "-" && !STOP_WORDS.has(w))
    .join(" ");
}

/** One participant's entries, checked: at most `LIMITS.wordsPerBallot`, each 1 to `LIMITS.word` characters. */
export function wordsProblem(words: readonly string[]): string | null {
  if (words.length === 0) return "send at least one word";
  if (words.length > LIMITS.wordsPerBallot) return `at most ${LIMITS.wordsPerBallot} words`;
  for (const w of words) {
    const text = w.replace(/\s+/g, " ").trim();
    if (text === "") return "a word is empty";
    if (text.length > LIMITS.word) return `a word has at most ${LIMITS.word} characters`;
  }
  return null;
}

/** The entries as stored: tidied spaces, and a word sent twice in one ballot only once (by its key). */
export function tidyWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const w of words) {
    const text = w.replace(/\s+/g, " ").trim();
    const key = wordKey(text);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    kept.push(text);
  }
  return kept;
}


/**
 * The cloud of a question's ballots: each word once per participant, most frequent first (on a tie, the one sent
 * first), in its most common form. Hidden words are in it, flagged; who may not see them gets `visibleWords`.
 */
export function countWords(ballots: readonly (readonly string[])[], hiddenKeys: ReadonlySet<string>): WordCount[] {
  const byKey = new Map<string, { forms: Map<string, number>; count: number; first: number }>();
  let order = 0;
  for (const words of ballots) {
    const mine = new Set<string>();
    for (const text of words) {
      const key = wordKey(text);
      if (key === "" || mine.has(key)) continue;
      mine.add(key);
      let entry = byKey.get(key);
      if (!entry) {
        entry = { forms: new Map(), count: 0, first: order++ };
        byKey.set(key, entry);
      }
      entry.count += 1;
      entry.forms.set(text, (entry.forms.get(text) ?? 0) + 1);
    }
  }
  return [...byKey]
    .sort(([, a], [, b]) => b.count - a.count || a.first - b.first)
    .map(([key, { forms, count }]) => {
      let text = "";
      let best = 0;
      for (const [form, n] of forms) {
        if (n > best) {
          text = form;
          best = n;
        }
      }
      return { key, text, count, hidden: hiddenKeys.has(key) };
    });
}

/** What screens and phones may see: no hidden word at all (not even its count). */
export function visibleWords(words: readonly WordCount[]): WordCount[] {
  return words.filter((w) => !w.hidden);
}
