import { LANGUAGES, type Language } from "./languages";
import type { CONSOLE_MESSAGES } from "./messages/console";
import { PHONE_MESSAGES } from "./messages/phone";
import type { REPORT_MESSAGES } from "./messages/report";
import type { SCREEN_MESSAGES } from "./messages/screen";

export type { Language } from "./languages";

const nl = {
  appName: "Tafelronde",
  tagline: "Live peilingen voor de samenwerkingstafel",
  switchLanguage: "Taal",
  startTitle: "Start een sessie",
  startIntro: "Stel je groep de vraag welke van de negen samenwerkingsvraagstukken (Kaats & Opheij) ze herkennen.",
  sessionTitleLabel: "Titel van de sessie",
  sessionTitlePlaceholder: "bv. Studiedag integrale jeugdhulp",
  sessionLanguageLabel: "Taal van de sessie",
  createSession: "Sessie starten",
  creating: "Bezig…",
  joinTitle: "Neem deel",
  joinIntro: "Typ de code die op het scherm staat.",
  joinCodeLabel: "Code",
  join: "Deelnemen",
  joinCodeInvalid: "Een code heeft 6 tekens, zoals K7MX4Q.",
  errorGeneric: "Er ging iets mis. Probeer het opnieuw.",
  consoleTitle: "Console van de begeleider",
  joinAt: "Deelnemen via",
  joinCode: "Code",
  participantsConnected: "verbonden",
  respondents: "respondenten",
  votingOpen: "Stemmen is open",
  votingClosed: "Stemmen is gesloten",
  closeVoting: "Stemmen sluiten",
  reopenVoting: "Stemmen heropenen",
  showResults: "Resultaten tonen op gsm's",
  hideResults: "Resultaten verbergen op gsm's",
  resultsShownOnPhones: "Deelnemers zien de resultaten",
  resultsHiddenOnPhones: "Deelnemers zien de resultaten niet",
  resetQuestion: "Vraag leegmaken",
  resetConfirm: "Alle antwoorden op deze vraag worden uit de resultaten gehaald (ze blijven bewaard als verworpen ronde). Doorgaan?",
  resetDone: "De vraag is leeggemaakt.",
  cancel: "Annuleren",
  confirm: "Leegmaken",
  maxChoicesLabel: "Maximum aantal keuzes",
  noMaximum: "geen maximum",
  openScreen: "Scherm openen (projector)",
  exportCsv: "Exporteer CSV",
  exportJson: "Exporteer JSON",
  noKey: "Deze console heeft geen sleutel. Open de link die je kreeg bij het starten van de sessie.",
  wrongKey: "Deze sleutel hoort niet bij deze sessie.",
  sessionNotFound: "Deze sessie bestaat niet (meer). Controleer de code.",
  sessionDeleted: "Deze sessie is verwijderd.",
  rateLimited: "Te veel mislukte pogingen. Wacht een minuut en probeer opnieuw.",
  deleteSession: "Sessie en alle antwoorden verwijderen",
  deleteConfirm: "De sessie, alle antwoorden en alle verworpen rondes worden definitief verwijderd. Dit kan niet ongedaan worden gemaakt.",
  deleteConfirmButton: "Definitief verwijderen",
  passcodeLabel: "Toegangscode om sessies te starten",
  passcodeHint: "Deze server vraagt een toegangscode om een sessie te starten.",
  connecting: "Verbinden…",
  reconnecting: "Verbinding verbroken, opnieuw verbinden…",
  sortByShare: "Sorteer op aandeel",
  articleOrder: "Volgorde van het artikel",
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
  closedMessage: "De stemming is gesloten. Je antwoord kan niet meer veranderen.",
  notVoted: "Je hebt niet gestemd.",
  resultsTitle: "Resultaten",
  unsavedChanges: "Je wijziging is nog niet verstuurd.",
  pendingOffline: "Je antwoord wordt verstuurd zodra de verbinding terug is.",
  fullscreen: "Volledig scherm",
  shortcutsTitle: "Sneltoetsen",
  showShortcuts: "Sneltoetsen tonen",
  close: "Sluiten",
  toggleTheme: "Licht of donker thema",
  toggleJoinInfo: "Code en QR-code tonen of verbergen",
  secondLanguage: "Tweede taal op het scherm",
  noSecondLanguage: "geen tweede taal",
  toggleVoting: "Stemmen sluiten of heropenen",
  toggleResults: "Resultaten op gsm's tonen of verbergen",
  summary: "{n} respondenten. {items}",
  voteFailed: "Je antwoord is niet geteld: {message}",
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
  tagline: "Live polls for the collaboration table",
  switchLanguage: "Language",
  startTitle: "Start a session",
  startIntro: "Ask your group which of the nine collaboration challenges (Kaats & Opheij) they recognise.",
  sessionTitleLabel: "Session title",
  sessionTitlePlaceholder: "e.g. Integrated youth care symposium",
  sessionLanguageLabel: "Session language",
  createSession: "Start session",
  creating: "Working…",
  joinTitle: "Join",
  joinIntro: "Type the code shown on the screen.",
  joinCodeLabel: "Code",
  join: "Join",
  joinCodeInvalid: "A code has 6 characters, like K7MX4Q.",
  errorGeneric: "Something went wrong. Please try again.",
  consoleTitle: "Facilitator console",
  joinAt: "Join at",
  joinCode: "Code",
  participantsConnected: "connected",
  respondents: "respondents",
  votingOpen: "Voting is open",
  votingClosed: "Voting is closed",
  closeVoting: "Close voting",
  reopenVoting: "Reopen voting",
  showResults: "Show results on phones",
  hideResults: "Hide results on phones",
  resultsShownOnPhones: "Participants see the results",
  resultsHiddenOnPhones: "Participants do not see the results",
  resetQuestion: "Reset question",
  resetConfirm: "All answers to this question are removed from the results (they stay stored as a discarded round). Continue?",
  resetDone: "The question was reset.",
  cancel: "Cancel",
  confirm: "Reset",
  maxChoicesLabel: "Maximum number of choices",
  noMaximum: "no maximum",
  openScreen: "Open screen view (projector)",
  exportCsv: "Export CSV",
  exportJson: "Export JSON",
  noKey: "This console has no key. Open the link you got when the session was created.",
  wrongKey: "This key does not belong to this session.",
  sessionNotFound: "This session does not exist (any more). Check the code.",
  sessionDeleted: "This session was deleted.",
  rateLimited: "Too many failed attempts. Wait a minute and try again.",
  deleteSession: "Delete session and all answers",
  deleteConfirm: "The session, all answers and all discarded rounds are deleted for good. This cannot be undone.",
  deleteConfirmButton: "Delete for good",
  passcodeLabel: "Passcode to start sessions",
  passcodeHint: "This server asks for a passcode to start a session.",
  connecting: "Connecting…",
  reconnecting: "Connection lost, reconnecting…",
  sortByShare: "Sort by share",
  articleOrder: "Article order",
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
  fullscreen: "Full screen",
  shortcutsTitle: "Keyboard shortcuts",
  showShortcuts: "Show keyboard shortcuts",
  close: "Close",
  toggleTheme: "Light or dark theme",
  toggleJoinInfo: "Show or hide the code and QR code",
  secondLanguage: "Second language on the screen",
  noSecondLanguage: "no second language",
  toggleVoting: "Close or reopen voting",
  toggleResults: "Show or hide results on phones",
  summary: "{n} respondents. {items}",
  voteFailed: "Your answer was not counted: {message}",
};

const fr: CoreMessages = {
  appName: "Tafelronde",
  tagline: "Sondages en direct pour la table de collaboration",
  switchLanguage: "Langue",
  startTitle: "Lancer une session",
  startIntro: "Demandez à votre groupe lesquels des neuf défis de collaboration (Kaats & Opheij) il reconnaît.",
  sessionTitleLabel: "Titre de la session",
  sessionTitlePlaceholder: "p. ex. Journée d'étude aide à la jeunesse",
  sessionLanguageLabel: "Langue de la session",
  createSession: "Lancer la session",
  creating: "Un instant…",
  joinTitle: "Participer",
  joinIntro: "Tapez le code affiché à l'écran.",
  joinCodeLabel: "Code",
  join: "Participer",
  joinCodeInvalid: "Un code compte 6 caractères, comme K7MX4Q.",
  errorGeneric: "Une erreur s'est produite. Veuillez réessayer.",
  consoleTitle: "Console de l'animateur",
  joinAt: "Participer via",
  joinCode: "Code",
  participantsConnected: "connectés",
  respondents: "répondants",
  votingOpen: "Le vote est ouvert",
  votingClosed: "Le vote est clos",
  closeVoting: "Clore le vote",
  reopenVoting: "Rouvrir le vote",
  showResults: "Afficher les résultats sur les téléphones",
  hideResults: "Masquer les résultats sur les téléphones",
  resultsShownOnPhones: "Les participants voient les résultats",
  resultsHiddenOnPhones: "Les participants ne voient pas les résultats",
  resetQuestion: "Réinitialiser la question",
  resetConfirm: "Toutes les réponses à cette question sont retirées des résultats (elles restent conservées comme tour écarté). Continuer ?",
  resetDone: "La question a été réinitialisée.",
  cancel: "Annuler",
  confirm: "Réinitialiser",
  maxChoicesLabel: "Nombre maximum de choix",
  noMaximum: "pas de maximum",
  openScreen: "Ouvrir l'écran (projecteur)",
  exportCsv: "Exporter en CSV",
  exportJson: "Exporter en JSON",
  noKey: "Cette console n'a pas de clé. Ouvrez le lien reçu à la création de la session.",
  wrongKey: "Cette clé n'appartient pas à cette session.",
  sessionNotFound: "Cette session n'existe pas (ou plus). Vérifiez le code.",
  sessionDeleted: "Cette session a été supprimée.",
  rateLimited: "Trop de tentatives échouées. Attendez une minute et réessayez.",
  deleteSession: "Supprimer la session et toutes les réponses",
  deleteConfirm: "La session, toutes les réponses et tous les tours écartés sont supprimés définitivement. C'est irréversible.",
  deleteConfirmButton: "Supprimer définitivement",
  passcodeLabel: "Code d'accès pour lancer des sessions",
  passcodeHint: "Ce serveur demande un code d'accès pour lancer une session.",
  connecting: "Connexion…",
  reconnecting: "Connexion perdue, reconnexion…",
  sortByShare: "Trier par part",
  articleOrder: "Ordre de l'article",
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
  fullscreen: "Plein écran",
  shortcutsTitle: "Raccourcis clavier",
  showShortcuts: "Afficher les raccourcis clavier",
  close: "Fermer",
  toggleTheme: "Thème clair ou sombre",
  toggleJoinInfo: "Afficher ou masquer le code et le code QR",
  secondLanguage: "Deuxième langue à l'écran",
  noSecondLanguage: "pas de deuxième langue",
  toggleVoting: "Clore ou rouvrir le vote",
  toggleResults: "Afficher ou masquer les résultats sur les téléphones",
  summary: "{n} répondants. {items}",
  voteFailed: "Votre réponse n'a pas été comptée : {message}",
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
