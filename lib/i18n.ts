/** Message catalogues (nl, en, fr), translation with placeholders, and number, percent and date formatting. */
import { LANGUAGES, type Language } from "./languages";
import type { CONSOLE_MESSAGES } from "./messages/console";
import { PHONE_MESSAGES } from "./messages/phone";
import type { REPORT_MESSAGES } from "./messages/report";
import type { SCREEN_MESSAGES } from "./messages/screen";

export type { Language } from "./languages";

const nl = {
  appName: "Tafelronde",
  switchLanguage: "Taal",
  join: "Deelnemen",
  errorGeneric: "Er ging iets mis. Probeer het opnieuw.",
  joinAt: "Deelnemen via",
  joinCode: "Code",
  respondents: "respondenten",
  votingOpen: "Stemmen is open",
  votingClosed: "Stemmen is gesloten",
  closeVoting: "Stemmen sluiten",
  reopenVoting: "Stemmen heropenen",
  showResults: "Resultaten tonen op gsm's",
  hideResults: "Resultaten verbergen op gsm's",
  resetQuestion: "Vraag leegmaken",
  resetConfirm: "Alle antwoorden op deze vraag worden uit de resultaten gehaald (ze blijven bewaard als verworpen ronde). Doorgaan?",
  cancel: "Annuleren",
  confirm: "Leegmaken",
  maxChoicesLabel: "Maximum aantal keuzes",
  noMaximum: "geen maximum",
  noKey: "Deze console heeft geen sleutel. Open de link die je kreeg bij het starten van de sessie.",
  wrongKey: "Deze sleutel hoort niet bij deze sessie.",
  sessionNotFound: "Deze sessie bestaat niet (meer). Controleer de code.",
  sessionDeleted: "Deze sessie is verwijderd.",
  rateLimited: "Te veel mislukte pogingen. Wacht een minuut en probeer opnieuw.",
  connecting: "Verbinden…",
  reconnecting: "Verbinding verbroken, opnieuw verbinden…",
  sortByShare: "Sorteer op aandeel",
  chartTitle: "Herkende samenwerkingsvraagstukken",
  chartCaption: "Aandeel van de respondenten dat het vraagstuk herkent",
  pickAll: "Vink alles aan wat je herkent.",
  pickAtMost: "Kies er hoogstens {max}.",
  moreInfo: "Uitleg",
  submit: "Antwoord versturen",
  update: "Antwoord aanpassen",
  sending: "Versturen…",
  receipt: "Je antwoord is geteld.",
  receiptChange: "Je kan het nog aanpassen zolang de stemming open is.",
  noneSelected: "Niets aangevinkt: je antwoord telt als ‘geen van deze’.",
  closedMessage: "Stemmen is gesloten. Je antwoord kan niet meer veranderen.",
  notVoted: "Je hebt niet gestemd.",
  resultsTitle: "Resultaten",
  unsavedChanges: "Je wijziging is nog niet verstuurd.",
  pendingOffline: "Je antwoord wordt verstuurd zodra de verbinding terug is.",
  shortcutsTitle: "Sneltoetsen",
  showShortcuts: "Sneltoetsen tonen",
  close: "Sluiten",
  summary: "{n} respondenten. {items}",
  voteFailed: "Je antwoord is niet geteld: {message}",
  /** The kinds of question, as every view names them (lib/glossary.ts). */
  kindSingle: "Eén keuze",
  kindMultiple: "Meerdere keuzes",
  kindScale: "Schaal",
  kindRanking: "Rangschikking",
  kindOpen: "Open vraag",
  kindWords: "Woordwolk",
  kindDots: "Stippen verdelen",
} as const;

type CoreKey = keyof typeof nl;
type CoreMessages = Record<CoreKey, string>;
/** Every key of every catalogue: the core one here and one per area in lib/messages/. */
export type MessageKey =
  | CoreKey
  | keyof (typeof PHONE_MESSAGES)["nl"]
  | keyof (typeof CONSOLE_MESSAGES)["nl"]
  | keyof (typeof REPORT_MESSAGES)["nl"]
  | keyof (typeof SCREEN_MESSAGES)["nl"];
export type Messages = Record<MessageKey, string>;

const en: CoreMessages = {
  appName: "Tafelronde",
  switchLanguage: "Language",
  join: "Join",
  errorGeneric: "Something went wrong. Please try again.",
  joinAt: "Join at",
  joinCode: "Code",
  respondents: "respondents",
  votingOpen: "Voting is open",
  votingClosed: "Voting is closed",
  closeVoting: "Close voting",
  reopenVoting: "Reopen voting",
  showResults: "Show results on phones",
  hideResults: "Hide results on phones",
  resetQuestion: "Reset question",
  resetConfirm: "All answers to this question are removed from the results (they stay stored as a discarded round). Continue?",
  cancel: "Cancel",
  confirm: "Reset",
  maxChoicesLabel: "Maximum number of choices",
  noMaximum: "no maximum",
  noKey: "This console has no key. Open the link you got when the session was created.",
  wrongKey: "This key does not belong to this session.",
  sessionNotFound: "This session does not exist (any more). Check the code.",
  sessionDeleted: "This session was deleted.",
  rateLimited: "Too many failed attempts. Wait a minute and try again.",
  connecting: "Connecting…",
  reconnecting: "Connection lost, reconnecting…",
  sortByShare: "Sort by share",
  chartTitle: "Collaboration challenges recognised",
  chartCaption: "Share of respondents who recognise the challenge",
  pickAll: "Tick everything you recognise.",
  pickAtMost: "Pick at most {max}.",
  moreInfo: "Explanation",
  submit: "Send answer",
  update: "Update answer",
  sending: "Sending…",
  receipt: "Your answer is counted.",
  receiptChange: "You can still change it while voting is open.",
  noneSelected: "Nothing ticked: your answer counts as ‘none of these’.",
  closedMessage: "Voting is closed. Your answer can no longer change.",
  notVoted: "You did not vote.",
  resultsTitle: "Results",
  unsavedChanges: "Your change has not been sent yet.",
  pendingOffline: "Your answer will be sent as soon as the connection is back.",
  shortcutsTitle: "Keyboard shortcuts",
  showShortcuts: "Show keyboard shortcuts",
  close: "Close",
  summary: "{n} respondents. {items}",
  voteFailed: "Your answer was not counted: {message}",
  /** The kinds of question, as every view names them (lib/glossary.ts). */
  kindSingle: "Single choice",
  kindMultiple: "Multiple choice",
  kindScale: "Scale",
  kindRanking: "Ranking",
  kindOpen: "Open question",
  kindWords: "Word cloud",
  kindDots: "Dot voting",
};

const fr: CoreMessages = {
  appName: "Tafelronde",
  switchLanguage: "Langue",
  join: "Participer",
  errorGeneric: "Une erreur s'est produite. Veuillez réessayer.",
  joinAt: "Participer via",
  joinCode: "Code",
  respondents: "répondants",
  votingOpen: "Le vote est ouvert",
  votingClosed: "Le vote est clos",
  closeVoting: "Clore le vote",
  reopenVoting: "Rouvrir le vote",
  showResults: "Afficher les résultats sur les téléphones",
  hideResults: "Masquer les résultats sur les téléphones",
  resetQuestion: "Réinitialiser la question",
  resetConfirm: "Toutes les réponses à cette question sont retirées des résultats (elles restent conservées comme tour écarté). Continuer ?",
  cancel: "Annuler",
  confirm: "Réinitialiser",
  maxChoicesLabel: "Nombre maximum de choix",
  noMaximum: "pas de maximum",
  noKey: "Cette console n'a pas de clé. Ouvrez le lien reçu à la création de la session.",
  wrongKey: "Cette clé n'appartient pas à cette session.",
  sessionNotFound: "Cette session n'existe pas (ou plus). Vérifiez le code.",
  sessionDeleted: "Cette session a été supprimée.",
  rateLimited: "Trop de tentatives échouées. Attendez une minute et réessayez.",
  connecting: "Connexion…",
  reconnecting: "Connexion perdue, reconnexion…",
  sortByShare: "Trier par part",
  chartTitle: "Défis de collaboration reconnus",
  chartCaption: "Part des répondants qui reconnaissent le défi",
  pickAll: "Cochez tout ce que vous reconnaissez.",
  pickAtMost: "Choisissez-en {max} au maximum.",
  moreInfo: "Explication",
  submit: "Envoyer ma réponse",
  update: "Modifier ma réponse",
  sending: "Envoi…",
  receipt: "Votre réponse est comptée.",
  receiptChange: "Vous pouvez encore la modifier tant que le vote est ouvert.",
  noneSelected: "Rien de coché : votre réponse compte comme « aucun de ceux-ci ».",
  closedMessage: "Le vote est clos. Votre réponse ne peut plus changer.",
  notVoted: "Vous n'avez pas voté.",
  resultsTitle: "Résultats",
  unsavedChanges: "Votre modification n'a pas encore été envoyée.",
  pendingOffline: "Votre réponse sera envoyée dès que la connexion sera rétablie.",
  shortcutsTitle: "Raccourcis clavier",
  showShortcuts: "Afficher les raccourcis clavier",
  close: "Fermer",
  summary: "{n} répondants. {items}",
  voteFailed: "Votre réponse n'a pas été comptée : {message}",
  /** The kinds of question, as every view names them (lib/glossary.ts). */
  kindSingle: "Choix unique",
  kindMultiple: "Choix multiple",
  kindScale: "Échelle",
  kindRanking: "Classement",
  kindOpen: "Question ouverte",
  kindWords: "Nuage de mots",
  kindDots: "Vote par gommettes",
};

/** A view's own catalogue, passed to `translate`/`useLanguage` by the pages that need it. */
export type Catalogue = Record<Language, Partial<Messages>>;

/**
 * What every view needs: the core text and the phone's. The console's and the report's catalogues are passed
 * in by their pages, so a phone on conference Wi-Fi never downloads the facilitator's words.
 */
export const MESSAGES: Record<Language, Partial<Messages>> = {
  nl: { ...nl, ...PHONE_MESSAGES.nl },
  en: { ...en, ...PHONE_MESSAGES.en },
  fr: { ...fr, ...PHONE_MESSAGES.fr },
};

/** The core catalogue alone, for the tests that check all catalogues are complete and do not overlap. */
export const CORE_MESSAGES: Record<Language, CoreMessages> = { nl, en, fr };

/** Look up a message and fill its {placeholders}. */
export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}, extra?: Catalogue): string {
  // A key missing from what this view loaded shows as itself, which the end-to-end tests would notice.
  const template = extra?.[language][key] ?? MESSAGES[language][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** BCP 47 locale of each language, for numbers and dates: Tafelronde's rooms are in Belgium first. */
export const LOCALES: Record<Language, string> = { nl: "nl-BE", en: "en-GB", fr: "fr-BE" };

/** A whole percentage as the locale writes it: "37%" in Dutch and English, "37 %" in French. */
export function formatPercent(language: Language, percent: number): string {
  return new Intl.NumberFormat(LOCALES[language], { style: "percent", maximumFractionDigits: 0 }).format(percent / 100);
}

export function formatNumber(language: Language, value: number): string {
  return new Intl.NumberFormat(LOCALES[language]).format(value);
}

/**
 * A date and time as the chosen language writes it ("6 december 2026 om 14:05"), never in the browser's own
 * locale: a Dutch console on an English laptop must not show 12/6/2026.
 */
export function formatDateTime(language: Language, date: Date | string): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "long", timeStyle: "short" }).format(new Date(date));
}
