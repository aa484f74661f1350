import { formatNumber, LOCALES, type Language } from "../i18n";

/**
 * Words of dot voting (nl, en, fr): the phone's stepper ballot and the results of a dot vote on the phone, the
 * screen and the console. Loaded with those views only when a dot vote comes up, so the ballot page's first load
 * (e2e/bundle.spec.ts, a few hundred bytes under its budget) carries none of them.
 */
const nl = {
  dotsHint: "Verdeel je {max} stippen over de opties. Je mag er meer dan één op dezelfde zetten.",
  dotsLeft: "{n} van {max} stippen over",
  dotsAddLabel: "Stip bij: {label}",
  dotsRemoveLabel: "Stip weg van: {label}",
  dotsOnOption: "{label}: {dots}",
  dotsOne: "{n} stip",
  dotsMany: "{n} stippen",
  dotsTitle: "Stippen per optie",
  dotsCaption: "Aantal stippen per optie, de meeste eerst",
  dotsTotal: "Stippen in totaal: {n}",
  dotsSummary: "{n} respondenten, {total}. {items}",
};

export type DotsKey = keyof typeof nl;

export const DOTS_MESSAGES: Record<Language, Record<DotsKey, string>> = {
  nl,
  en: {
    dotsHint: "Spread your {max} dots over the options. You may put more than one on the same option.",
    dotsLeft: "{n} of {max} dots left",
    dotsAddLabel: "Add a dot: {label}",
    dotsRemoveLabel: "Remove a dot: {label}",
    dotsOnOption: "{label}: {dots}",
    dotsOne: "{n} dot",
    dotsMany: "{n} dots",
    dotsTitle: "Dots per option",
    dotsCaption: "Number of dots per option, the most first",
    dotsTotal: "Dots in total: {n}",
    dotsSummary: "{n} respondents, {total}. {items}",
  },
  fr: {
    dotsHint: "Répartissez vos {max} gommettes sur les options. Vous pouvez en mettre plusieurs sur la même.",
    dotsLeft: "Gommettes restantes : {n} sur {max}",
    dotsAddLabel: "Ajouter une gommette : {label}",
    dotsRemoveLabel: "Retirer une gommette : {label}",
    dotsOnOption: "{label} : {dots}",
    dotsOne: "{n} gommette",
    dotsMany: "{n} gommettes",
    dotsTitle: "Gommettes par option",
    dotsCaption: "Nombre de gommettes par option, les plus nombreuses d'abord",
    dotsTotal: "Total des gommettes : {n}",
    dotsSummary: "{n} répondants, {total}. {items}",
  },
};

/** A word of dot voting with its {placeholders} filled. */
export function dotsWord(language: Language, key: DotsKey, values: Record<string, string | number> = {}): string {
  return DOTS_MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** "1 stip", "12 stippen", "0 gommette": a number of dots by the language's plural rule (French counts 0 as one). */
export function dotsCount(language: Language, n: number): string {
  const one = new Intl.PluralRules(LOCALES[language]).select(n) === "one";
  return dotsWord(language, one ? "dotsOne" : "dotsMany", { n: formatNumber(language, n) });
}
