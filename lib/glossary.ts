/**
 * The product's words, one glossary per language: the term every view uses for a thing, and the variants that
 * crept in before and must not come back (lib/glossary.test.ts reads every catalogue against it).
 */
import type { Language } from "./languages";

export interface GlossaryEntry {
  /** What the entry is about, in English. */
  concept: string;
  /** The word or phrase the views use. */
  term: string;
  /** Variants that mean the same but read differently from view to view (matched case-insensitively). */
  avoid: string[];
}

export const GLOSSARY: Record<Language, GlossaryEntry[]> = {
  nl: [
    { concept: "voting open", term: "Stemmen is open", avoid: ["stemming is open", "stemming is geopend"] },
    { concept: "voting closed", term: "Stemmen is gesloten", avoid: ["stemming is gesloten", "stemming is dicht"] },
    { concept: "points of a ranking", term: "Bordapunten", avoid: ["Borda-punten", "Borda punten"] },
    { concept: "a multiple-choice question", term: "Meerdere keuzes", avoid: ["Meerkeuze", "Meerkeuzevraag"] },
    { concept: "a single-choice question", term: "Eén keuze", avoid: ["Enkele keuze", "Enkelvoudige keuze"] },
    { concept: "an open question", term: "Open vraag", avoid: ["Open tekst", "Vrije tekst"] },
    { concept: "a word cloud", term: "Woordwolk", avoid: ["Wordcloud", "Woordenwolk"] },
    { concept: "a dot vote", term: "Stippen verdelen", avoid: ["Dotvoting", "Dot voting", "Stippenstemming"] },
    { concept: "the dots of a dot vote", term: "stippen", avoid: ["bolletjes", "stickers"] },
    { concept: "questions from the floor", term: "Vragen uit de zaal", avoid: ["vragen van het publiek", "vragenronde"] },
    { concept: "the person who leads the session", term: "begeleider", avoid: ["facilitator", "moderator"] },
    { concept: "the people who answered", term: "respondenten", avoid: ["antwoorders", "stemmers"] },
  ],
  en: [
    { concept: "voting open", term: "Voting is open", avoid: ["voting has opened", "poll is open"] },
    { concept: "voting closed", term: "Voting is closed", avoid: ["voting has closed", "poll is closed"] },
    { concept: "points of a ranking", term: "Borda points", avoid: ["Borda-points", "Borda score"] },
    { concept: "a multiple-choice question", term: "Multiple choice", avoid: ["Several choices", "Multi-select"] },
    { concept: "a single-choice question", term: "Single choice", avoid: ["One choice", "Single-select"] },
    { concept: "an open question", term: "Open question", avoid: ["Open text", "Free text"] },
    { concept: "a word cloud", term: "Word cloud", avoid: ["Wordcloud"] },
    { concept: "a dot vote", term: "Dot voting", avoid: ["Dotmocracy", "Dot-voting", "Sticker voting"] },
    { concept: "the dots of a dot vote", term: "dots", avoid: ["stickers"] },
    { concept: "questions from the floor", term: "Questions from the floor", avoid: ["audience questions", "audience Q&A"] },
    { concept: "the person who leads the session", term: "facilitator", avoid: ["moderator", "presenter"] },
    { concept: "the people who answered", term: "respondents", avoid: ["voters", "answerers"] },
  ],
  fr: [
    { concept: "voting open", term: "Le vote est ouvert", avoid: ["le scrutin est ouvert"] },
    { concept: "voting closed", term: "Le vote est clos", avoid: ["le vote est fermé", "le scrutin est clos"] },
    { concept: "points of a ranking", term: "points Borda", avoid: ["points de Borda", "score Borda"] },
    { concept: "a multiple-choice question", term: "Choix multiple", avoid: ["Plusieurs choix", "Choix multiples"] },
    { concept: "a single-choice question", term: "Choix unique", avoid: ["Un seul choix", "Choix simple"] },
    { concept: "an open question", term: "Question ouverte", avoid: ["Texte libre"] },
    { concept: "a word cloud", term: "Nuage de mots", avoid: ["Wordcloud"] },
    { concept: "a dot vote", term: "Vote par gommettes", avoid: ["Vote par points", "Dot voting", "Vote à points"] },
    { concept: "the dots of a dot vote", term: "gommettes", avoid: ["pastilles", "autocollants"] },
    { concept: "questions from the floor", term: "Questions de la salle", avoid: ["questions du public"] },
    { concept: "the person who leads the session", term: "animateur", avoid: ["facilitateur", "modérateur"] },
    { concept: "the people who answered", term: "répondants", avoid: ["votants"] },
  ],
};
