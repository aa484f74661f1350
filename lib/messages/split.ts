import type { Language } from "../languages";

/**
 * Words of results split by group and of questions for some groups (nl, en, fr). The console, the screen and the
 * report all say these the same way, so they live in one catalogue of their own (not merged into the views'
 * catalogues: lib/poll/split-rows.ts fills them in, and no view loads them twice).
 */
const nl = {
  /** A respondent of the question who did not answer the grouping question. */
  noGroup: "Geen antwoord",
  /** Small groups shown together; not "Andere", which is an answer of the sector question. */
  other: "Overige samen",
  splitBy: "Per groep: {prompt}",
  mean: "gem. {mean}",
  together: "Samen in ‘{other}’: {groups}. Een groep met minder dan {k} respondenten tonen we nooit apart, ook niet zo dat je ze uit de andere kan terugrekenen.",
  none: "Geen groep kan apart getoond worden ({groups}): met minder dan {k} respondenten in een groep zou je die uit de andere kunnen terugrekenen. Hier staat iedereen samen.",
  empty: "Nog niemand uit: {groups}.",
  group: "Groep",
  tooFewTitle: "Te weinig antwoorden om te tonen",
  tooFew: "{n} van de minstens {k} antwoorden die nodig zijn. Zo blijft het antwoord van wie in een kleine groep zit anoniem.",
  onlyFor: "Alleen voor: {groups}",
} as const;

export type SplitWords = Record<keyof typeof nl, string>;

export const SPLIT_MESSAGES: Record<Language, SplitWords> = {
  nl,
  en: {
    noGroup: "No answer",
    other: "Others together",
    splitBy: "By group: {prompt}",
    mean: "mean {mean}",
    together: "Together in ‘{other}’: {groups}. A group with fewer than {k} respondents is never shown on its own, nor in a way that lets anyone work it out from the others.",
    none: "No group can be shown on its own ({groups}): with fewer than {k} respondents in a group, it could be worked out from the others. Shown here: everyone together.",
    empty: "Nobody yet from: {groups}.",
    group: "Group",
    tooFewTitle: "Too few answers to show",
    tooFew: "{n} of the at least {k} answers needed. This keeps the answers of a small group anonymous.",
    onlyFor: "Only for: {groups}",
  },
  fr: {
    noGroup: "Sans réponse",
    other: "Autres réunis",
    splitBy: "Par groupe : {prompt}",
    mean: "moy. {mean}",
    together: "Réunis dans « {other} » : {groups}. Un groupe de moins de {k} répondants n'est jamais montré seul, ni d'une façon qui permette de le retrouver à partir des autres.",
    none: "Aucun groupe ne peut être montré seul ({groups}) : avec moins de {k} répondants dans un groupe, on pourrait le retrouver à partir des autres. Ici : tout le monde ensemble.",
    empty: "Personne encore de : {groups}.",
    group: "Groupe",
    tooFewTitle: "Trop peu de réponses pour les montrer",
    tooFew: "{n} des {k} réponses nécessaires au minimum. Ainsi, les réponses d'un petit groupe restent anonymes.",
    onlyFor: "Uniquement pour : {groups}",
  },
};

/** A split word with its {placeholders} filled in. */
export function splitWord(language: Language, key: keyof SplitWords, values: Record<string, string | number> = {}): string {
  return SPLIT_MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
