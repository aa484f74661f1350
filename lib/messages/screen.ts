import type { Language } from "../languages";

/** UI text only the projector screen shows (nl, en, fr); the screen page passes it in, phones never load it. */
const nl = {
  screenWaiting: "Zo meteen de eerste vraag.",
  screenJoinNow: "Neem nu al deel met je gsm.",
  discuss: "Bespreken",
  discussPick: "Welk vraagstuk bespreken we?",
  discussShortcut: "Bespreekkaart van het vraagstuk op die plaats openen",
  discussPromptsTitle: "Om over te praten",
  discussNumber: "Vraagstuk {n}",
  closeShortcut: "Kaart of venster sluiten",
} as const;

export const SCREEN_MESSAGES: Record<Language, Record<keyof typeof nl, string>> = {
  nl,
  en: {
    screenWaiting: "The first question is coming up.",
    screenJoinNow: "Join with your phone now.",
    discuss: "Discuss",
    discussPick: "Which challenge do we discuss?",
    discussShortcut: "Open the discussion card of the challenge in that place",
    discussPromptsTitle: "To talk about",
    discussNumber: "Challenge {n}",
    closeShortcut: "Close the card or dialog",
  },
  fr: {
    screenWaiting: "La première question arrive.",
    screenJoinNow: "Rejoignez dès maintenant avec votre téléphone.",
    discuss: "Discuter",
    discussPick: "Quel défi discutons-nous ?",
    discussShortcut: "Ouvrir la fiche de discussion du défi à cette place",
    discussPromptsTitle: "Pour en parler",
    discussNumber: "Défi {n}",
    closeShortcut: "Fermer la fiche ou la fenêtre",
  },
};
