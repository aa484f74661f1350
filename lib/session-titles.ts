/** The title of a duplicated session: named as a copy in the session's language, so it never reads as its original. */
import type { Language } from "./languages";
import { LIMITS } from "./protocol-constants";

const COPY: Record<Language, string> = { nl: "kopie", en: "copy", fr: "copie" };

/** "Studiedag (kopie)", then "Studiedag (kopie 2)", … within the title's length limit. */
export function copyTitle(title: string, language: Language): string {
  const word = COPY[language];
  const match = new RegExp(`^(.*) \\(${word}(?: (\\d+))?\\)$`).exec(title);
  const base = match ? (match[1] ?? title) : title;
  const n = match ? Number(match[2] ?? 1) + 1 : 1;
  const suffix = n === 1 ? ` (${word})` : ` (${word} ${n})`;
  return base.slice(0, LIMITS.title - suffix.length).trimEnd() + suffix;
}

const MEASUREMENT: Record<Language, string> = { nl: "meting", en: "measurement", fr: "mesure" };

/** "Lokaal gezondheidsoverleg Gent · meting 2": the network's name and the measurement, within the title's limit. */
export function measurementTitle(network: string, measurement: number, language: Language): string {
  const suffix = ` · ${MEASUREMENT[language]} ${measurement}`;
  return network.slice(0, LIMITS.title - suffix.length).trimEnd() + suffix;
}
