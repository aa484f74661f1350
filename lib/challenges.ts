/**
 * The nine collaboration challenges of Kaats & Opheij (2012), as used in check 2 of the source article.
 * Ids are stable: exports across sessions line up on them, so never rename one.
 * The explanations paraphrase the article in our own words.
 */
import type { Language } from "./i18n";

export type ChallengeId =
  | "shared-ambition"
  | "fading-perspective"
  | "staff-instability"
  | "pseudo-collaboration"
  | "under-organisation"
  | "power-play"
  | "enemy-image"
  | "different-hats"
  | "unbridgeable-diversity";

export interface Challenge {
  id: ChallengeId;
  label: Record<Language, string>;
  description: Record<Language, string>;
}

/** In the article's order (figure 1), which is also the chart's default order. */
export const CHALLENGES: readonly Challenge[] = [
  {
    id: "shared-ambition",
    label: { nl: "Gebrek aan gedeelde ambitie", en: "Lack of a shared ambition", fr: "Absence d'ambition partagée" },
    description: {
      nl: "De partners willen niet echt hetzelfde bereiken: er is geen doel waar iedereen samen voor gaat.",
      en: "The partners do not really want the same thing: there is no goal that everyone pursues together.",
      fr: "Les partenaires ne visent pas vraiment la même chose : aucun objectif ne les rassemble tous.",
    },
  },
  {
    id: "fading-perspective",
    label: { nl: "Verwatering van het wenkende perspectief", en: "The inspiring prospect fades", fr: "L'horizon commun s'estompe" },
    description: {
      nl: "Het doel waar iedereen bij de start enthousiast voor was, raakt stilaan uit beeld en de samenwerking verliest haar focus.",
      en: "The goal that everyone rallied behind at the start slowly blurs, and the collaboration loses its focus.",
      fr: "L'objectif qui enthousiasmait tout le monde au départ devient flou, et la collaboration perd son cap.",
    },
  },
  {
    id: "staff-instability",
    label: { nl: "Personele instabiliteit", en: "Staff instability", fr: "Instabilité des personnes" },
    description: {
      nl: "Er schuiven steeds andere mensen aan tafel. Daardoor raken afspraken, opgebouwde kennis en vertrouwen telkens weer kwijt.",
      en: "Different people keep turning up at the table, so agreements, shared knowledge and trust are hard to build and keep.",
      fr: "Ce ne sont jamais les mêmes personnes autour de la table : accords, savoir commun et confiance se construisent difficilement.",
    },
  },
  {
    id: "pseudo-collaboration",
    label: { nl: "Schijnsamenwerking", en: "Pseudo-collaboration", fr: "Pseudo-collaboration" },
    description: {
      nl: "Een partner doet alsof hij meewerkt, maar gelooft er niet in, levert geen inspanning of remt stil of openlijk af, bijvoorbeeld om concurrentie voor te zijn.",
      en: "A partner pretends to take part but does not believe in it, puts in no effort, or quietly or openly holds things back, for instance to keep competitors from joining forces.",
      fr: "Un partenaire fait semblant de participer mais n'y croit pas, ne s'investit pas ou freine en douce ou ouvertement, par exemple pour empêcher des concurrents de s'allier.",
    },
  },
  {
    id: "under-organisation",
    label: { nl: "Onderorganisatie", en: "Under-organisation", fr: "Sous-organisation" },
    description: {
      nl: "Iedereen heeft goede bedoelingen, maar niemand maakt tijd of budget vrij om de samenwerking te trekken en de doelen waar te maken.",
      en: "Everyone means well, but nobody frees up the time or budget to run the collaboration and deliver on its goals.",
      fr: "Chacun a de bonnes intentions, mais personne ne libère le temps ou le budget pour piloter la collaboration et atteindre ses objectifs.",
    },
  },
  {
    id: "power-play",
    label: { nl: "Machtsspel", en: "Power play", fr: "Jeux de pouvoir" },
    description: {
      nl: "Onder de oppervlakte speelt een strijd om invloed, bijvoorbeeld tussen lokale politici of tussen directeurs van voorzieningen.",
      en: "Beneath the surface there is a struggle for influence, for example between local politicians or between heads of organisations.",
      fr: "Sous la surface se joue une lutte d'influence, par exemple entre élus locaux ou entre directions d'institutions.",
    },
  },
  {
    id: "enemy-image",
    label: { nl: "Vijandbeeld", en: "Enemy image", fr: "Image de l'ennemi" },
    description: {
      nl: "Partners houden hardnekkige vooroordelen over elkaar vast, zoals 'publieke zorg is beter dan commerciële zorg' of 'zorg maakt alles duurder'.",
      en: "Partners cling to stubborn prejudices about each other, such as 'public care beats for-profit care' or 'healthcare makes everything more expensive'.",
      fr: "Les partenaires s'accrochent à des préjugés tenaces les uns sur les autres, comme « les soins publics valent mieux que le privé » ou « la santé rend tout plus cher ».",
    },
  },
  {
    id: "different-hats",
    label: { nl: "Verschillende petten", en: "Wearing different hats", fr: "Plusieurs casquettes" },
    description: {
      nl: "Mensen zitten aan tafel met meerdere rollen tegelijk, bijvoorbeeld als lokaal mandataris, huisarts en voorzitter, en het is niet duidelijk vanuit welke rol ze spreken.",
      en: "People sit at the table in several roles at once, say as local councillor, GP and chair, and it is unclear which role they speak from.",
      fr: "Certaines personnes siègent avec plusieurs rôles à la fois, par exemple élu local, médecin généraliste et président, et on ne sait pas à quel titre elles parlent.",
    },
  },
  {
    id: "unbridgeable-diversity",
    label: { nl: "Onoverbrugbare diversiteit", en: "Unbridgeable diversity", fr: "Diversité infranchissable" },
    description: {
      nl: "De partners verschillen zo sterk in doelen, cultuur of werkwijze dat samenwerken nauwelijks nog mogelijk is.",
      en: "The partners differ so much in goals, culture or ways of working that collaborating is hardly possible any more.",
      fr: "Les partenaires diffèrent tant par leurs objectifs, leur culture ou leurs méthodes que collaborer n'est presque plus possible.",
    },
  },
];

export const CHALLENGE_IDS: readonly ChallengeId[] = CHALLENGES.map((c) => c.id);

/** The flagship question's prompt. */
export const CHALLENGES_PROMPT: Record<Language, string> = {
  nl: "Welke samenwerkingsvraagstukken herken je in je eigen samenwerking?",
  en: "Which collaboration challenges do you recognise in your own collaboration?",
  fr: "Quels défis de collaboration reconnaissez-vous dans votre propre collaboration ?",
};
