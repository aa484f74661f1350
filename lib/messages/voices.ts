import type { Language } from "../languages";

/**
 * Words of the room's other voices that only the projector, the console and the report show (nl, en, fr): the
 * silent vote's count and the rounds of a vote again, and the empty word cloud. Kept out of the phone's
 * catalogue, so the ballot page's first load carries none of them.
 */
const nl = {
  silentTitle: "Stille stemming",
  silentCount: "{n} stemmen binnen",
  silentCountOne: "{n} stem binnen",
  silentText: "De resultaten verschijnen zodra de begeleider ze toont.",
  roundBefore: "Vorige ronde",
  roundNow: "Deze ronde",
  roundNumber: "Ronde {n}",
  roundColumn: "Ronde",
  roundsReport: "Alle rondes naast elkaar, met de verschuiving van de voorlaatste ronde naar de laatste",
  roundsBy: "Vorige ronde en deze ronde, met de verschuiving per antwoord",
  wordsNone: "Nog geen woorden. Ze verschijnen hier zodra de eersten ze sturen.",
};

export type VoiceKey = keyof typeof nl;

export const VOICE_MESSAGES: Record<Language, Record<VoiceKey, string>> = {
  nl,
  en: {
    silentTitle: "Silent vote",
    silentCount: "{n} votes in",
    silentCountOne: "{n} vote in",
    silentText: "The results appear once the facilitator reveals them.",
    roundBefore: "Previous round",
    roundNow: "This round",
    roundNumber: "Round {n}",
    roundColumn: "Round",
    roundsReport: "Every round side by side, with the shift from the last but one to the last",
    roundsBy: "The previous round and this one, with the shift per answer",
    wordsNone: "No words yet. They appear here as soon as the first ones are sent.",
  },
  fr: {
    silentTitle: "Vote silencieux",
    silentCount: "{n} votes reçus",
    silentCountOne: "{n} vote reçu",
    silentText: "Les résultats apparaîtront dès que l'animateur les dévoilera.",
    roundBefore: "Tour précédent",
    roundNow: "Ce tour",
    roundNumber: "Tour {n}",
    roundColumn: "Tour",
    roundsReport: "Tous les tours côte à côte, avec l'évolution de l'avant-dernier au dernier",
    roundsBy: "Le tour précédent et celui-ci, avec l'évolution par réponse",
    wordsNone: "Pas encore de mots. Ils apparaissent ici dès que les premiers sont envoyés.",
  },
};

/** One of these words in the language, with its `{name}` values filled in. */
export function voiceWord(language: Language, key: VoiceKey, values: Record<string, string | number> = {}): string {
  return VOICE_MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
