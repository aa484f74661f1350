/**
 * The source article's three checks as ready-made questions, in our own words (nl, en, fr). A stored question
 * keeps its template id, so its wording follows whatever language a screen or phone shows.
 */
import { actionQuestionWording } from "./action-wording";
import { CHALLENGES, CHALLENGES_PROMPT } from "./challenges";
import type { QuestionKind } from "./protocol";
import type { BuiltInOption, BuiltInQuestion, Text, Wording } from "./question-wording";

export type TemplateOption = BuiltInOption;

export interface QuestionTemplate extends BuiltInQuestion {
  id: string;
  kind: QuestionKind;
  options: TemplateOption[];
  maxChoices: number | null;
  /** Its answers sort the room into groups (a single choice). */
  grouping?: boolean;
  /** Asked only of those who gave one of these answers to the template question `template` of the same session. */
  audience?: { template: string; optionIds: string[] };
}

const none: Text = { nl: "", en: "", fr: "" };

const NINE_CHALLENGES: QuestionTemplate = {
  id: "nine-challenges",
  kind: "multiple",
  prompt: CHALLENGES_PROMPT,
  options: CHALLENGES.map((c) => ({ id: c.id, label: c.label, description: c.description })),
  maxChoices: null,
};

const APPROACH: QuestionTemplate = {
  id: "check1-approach",
  kind: "single",
  prompt: {
    nl: "Bezint eer ge begint: hoe pak je deze opdracht het best aan?",
    en: "Think before you start: how is this task best tackled?",
    fr: "Réfléchir avant de commencer : comment aborder au mieux cette tâche ?",
  },
  options: [
    {
      id: "alone",
      label: { nl: "Alleen: dit kunnen we zelf", en: "Alone: we can do this ourselves", fr: "Seuls : nous pouvons le faire nous-mêmes" },
      description: {
        nl: "Samenwerken kost vooral tijd. Wat je zelf aankunt, doe je best zelf.",
        en: "Collaboration costs time, meetings above all. What you can handle yourself, you had best do yourself.",
        fr: "Collaborer coûte du temps, surtout en réunions. Ce que vous pouvez faire seuls, faites-le seuls.",
      },
    },
    {
      id: "bilateral",
      label: { nl: "Met één partner, in een bilaterale afspraak", en: "With one partner, in a bilateral agreement", fr: "Avec un partenaire, par un accord bilatéral" },
      description: {
        nl: "Heeft een ander wat jij mist, dan volstaat vaak een akkoord met die ene partij, als klant of voor iets nieuws samen.",
        en: "If another party has what you lack, an agreement with that one party often suffices, as a client or to build something new together.",
        fr: "Si un autre a ce qui vous manque, un accord avec ce seul partenaire suffit souvent, comme client ou pour créer ensemble.",
      },
    },
    {
      id: "network",
      label: { nl: "In een netwerk van minstens drie partners", en: "In a network of three or more partners", fr: "En réseau, avec au moins trois partenaires" },
      description: {
        nl: "Pas als het alleen of met twee niet lukt, bundel je met meerdere partners geld, mensen, kennis en bevoegdheden rond een gedeeld doel.",
        en: "Only when it cannot be done alone or by two do you pool money, people, knowledge and powers with several partners around a shared goal.",
        fr: "Ce n'est que si ni seul ni à deux ne suffit qu'on met en commun argent, personnes, savoir et compétences avec plusieurs partenaires.",
      },
    },
  ],
  maxChoices: null,
};

const SUBSIDY: QuestionTemplate = {
  id: "check1-subsidy",
  kind: "single",
  prompt: {
    nl: "Is de subsidie de belangrijkste reden om samen te werken?",
    en: "Is the subsidy the main reason to collaborate?",
    fr: "La subvention est-elle la principale raison de collaborer ?",
  },
  options: [
    { id: "yes", label: { nl: "Ja", en: "Yes", fr: "Oui" }, description: { nl: "Dan zit je wellicht al op de verkeerde weg.", en: "Then you may already be on the wrong track.", fr: "Vous faites alors peut-être déjà fausse route." } },
    { id: "partly", label: { nl: "Deels", en: "Partly", fr: "En partie" }, description: none },
    { id: "no", label: { nl: "Nee", en: "No", fr: "Non" }, description: none },
  ],
  maxChoices: null,
};

const ROLE: QuestionTemplate = {
  id: "check3-role",
  kind: "single",
  prompt: { nl: "Welke rol speel je zelf in het netwerk?", en: "Which role do you play in the network?", fr: "Quel rôle jouez-vous dans le réseau ?" },
  options: [
    {
      id: "participant",
      label: { nl: "Deelnemer", en: "Participant", fr: "Participant" },
      description: {
        nl: "Je vertegenwoordigt je organisatie aan tafel, naast anderen.",
        en: "You represent your organisation at the table, alongside others.",
        fr: "Vous représentez votre organisation à la table, aux côtés d'autres.",
      },
    },
    {
      id: "network-manager",
      label: { nl: "Netwerkmanager", en: "Network manager", fr: "Gestionnaire de réseau" },
      description: {
        nl: "Je stuurt het netwerk actief: inhoud, proces en structuur (coördinator, trekker …).",
        en: "You actively steer the network: its content, process and structure (coordinator, lead …).",
        fr: "Vous pilotez activement le réseau : contenu, processus et structure (coordinateur, porteur …).",
      },
    },
  ],
  maxChoices: null,
  grouping: true,
};

const SELF_SCALE = {
  min: 1,
  max: 5,
  minLabel: { nl: "Doe ik nog niet", en: "I don't do this yet", fr: "Pas encore" },
  maxLabel: { nl: "Doe ik altijd", en: "I always do this", fr: "Toujours" },
};

/** A self-assessment of check 3, asked only of those who gave that role (`participant` or `network-manager`). */
function selfAssessment(id: string, role: "participant" | "network-manager", prompt: Text): QuestionTemplate {
  return { id, kind: "scale", prompt, options: [], maxChoices: null, scale: SELF_SCALE, audience: { template: "check3-role", optionIds: [role] } };
}

const SELF_ASSESSMENT: QuestionTemplate[] = [
  selfAssessment("check3-participant-represent", "participant", {
    nl: "Als deelnemer: ik koppel terug naar mijn organisatie en verdedig de beslissingen van de tafel ook in eigen huis.",
    en: "As a participant: I report back to my organisation and also champion the table's decisions at home.",
    fr: "En tant que participant : je fais rapport à mon organisation et je défends aussi chez moi les décisions de la table.",
  }),
  selfAssessment("check3-participant-contribute", "participant", {
    nl: "Als deelnemer: ik breng actief mijn kennis in, zoek mee naar consensus en durf machtsvragen te benoemen.",
    en: "As a participant: I bring in my knowledge, help find consensus and dare to name power issues.",
    fr: "En tant que participant : j'apporte mon savoir, je cherche le consensus et j'ose nommer les enjeux de pouvoir.",
  }),
  selfAssessment("check3-participant-deliver", "participant", {
    nl: "Als deelnemer: ik neem een stuk van het werk op en lever het op tijd af.",
    en: "As a participant: I take on a piece of the work and deliver it on time.",
    fr: "En tant que participant : je prends une part du travail et je la livre à temps.",
  }),
  selfAssessment("check3-manager-mandate", "network-manager", {
    nl: "Als netwerkmanager: ik zorg dat wie aan tafel zit voldoende mandaat heeft van de eigen organisatie.",
    en: "As a network manager: I make sure the people at the table have enough of a mandate from their organisation.",
    fr: "En tant que gestionnaire : je veille à ce que chacun à la table ait un mandat suffisant de son organisation.",
  }),
  selfAssessment("check3-manager-decide", "network-manager", {
    nl: "Als netwerkmanager: ik laat deelnemers kleur bekennen, maak zaken concreet en zet afspraken op papier.",
    en: "As a network manager: I get participants to show their colours, make things concrete and put agreements on paper.",
    fr: "En tant que gestionnaire : je fais prendre position, je rends les choses concrètes et je mets les accords par écrit.",
  }),
  selfAssessment("check3-manager-share", "network-manager", {
    nl: "Als netwerkmanager: ik verdeel het werk en blijf zoeken naar nieuwe partners, middelen en ideeën.",
    en: "As a network manager: I share out the work and keep looking for new partners, resources and ideas.",
    fr: "En tant que gestionnaire : je répartis le travail et je cherche sans cesse de nouveaux partenaires, moyens et idées.",
  }),
];

export const QUESTION_TEMPLATES: readonly QuestionTemplate[] = [APPROACH, SUBSIDY, NINE_CHALLENGES, ROLE, ...SELF_ASSESSMENT];

export function findTemplate(id: string | null | undefined): QuestionTemplate | undefined {
  return id ? QUESTION_TEMPLATES.find((t) => t.id === id) : undefined;
}

/** What a new session starts with. */
export const SESSION_TEMPLATES = {
  article: [APPROACH, SUBSIDY, NINE_CHALLENGES, ROLE, ...SELF_ASSESSMENT],
  challenges: [NINE_CHALLENGES],
  empty: [],
} as const satisfies Record<string, readonly QuestionTemplate[]>;
export type SessionTemplate = keyof typeof SESSION_TEMPLATES;

/** Every built-in text: the templates, and the challenges as options of the facilitator's own questions. */
export const TEMPLATE_WORDING: Wording = {
  question: (id) => findTemplate(id) ?? actionQuestionWording(id),
  option: (id) => CHALLENGES.find((c) => c.id === id),
};

/** Discussion prompts per challenge for the screen's discussion card, drawn from the article. */
export const DISCUSSION_PROMPTS: Record<string, Text[]> = {
  "shared-ambition": [
    { nl: "Wat willen we samen bereiken dat niemand van ons alleen kan?", en: "What do we want to achieve together that none of us can alone?", fr: "Que voulons-nous atteindre ensemble qu'aucun de nous ne peut seul ?" },
    { nl: "Waar lopen onze verwachtingen uiteen?", en: "Where do our expectations differ?", fr: "Où nos attentes divergent-elles ?" },
  ],
  "fading-perspective": [
    { nl: "Waarvoor schaarden we ons bij de start achter deze samenwerking?", en: "What did we rally behind when we started?", fr: "Autour de quoi nous sommes-nous rassemblés au départ ?" },
    { nl: "Wat levert elke vergadering vandaag concreet op?", en: "What does each meeting deliver today, concretely?", fr: "Qu'apporte concrètement chaque réunion aujourd'hui ?" },
  ],
  "staff-instability": [
    { nl: "Hoe geven we afspraken door als iemand anders aan tafel komt?", en: "How do we hand over agreements when someone new joins the table?", fr: "Comment transmettre les accords quand quelqu'un de nouveau arrive ?" },
    { nl: "Staat wat we afspraken op papier, als terugvalbasis?", en: "Is what we agreed on paper, to fall back on?", fr: "Nos accords sont-ils écrits, pour pouvoir s'y référer ?" },
  ],
  "pseudo-collaboration": [
    { nl: "Wie zit er vooral aan tafel om iets te vermijden?", en: "Who is at the table mainly to prevent something?", fr: "Qui est à la table surtout pour empêcher quelque chose ?" },
    { nl: "Hoe maken we engagementen zichtbaar en toetsbaar?", en: "How do we make commitments visible and checkable?", fr: "Comment rendre les engagements visibles et vérifiables ?" },
  ],
  "under-organisation": [
    { nl: "Wie maakt tijd en budget vrij om de samenwerking te trekken?", en: "Who frees up time and budget to run the collaboration?", fr: "Qui libère du temps et du budget pour piloter la collaboration ?" },
    { nl: "Welk stuk werk neemt elke partner op, en tegen wanneer?", en: "Which piece of work does each partner take on, and by when?", fr: "Quelle part du travail chaque partenaire prend-il, et pour quand ?" },
  ],
  "power-play": [
    { nl: "Welke belangen spelen onder tafel mee, en durven we ze te benoemen?", en: "Which interests are at play under the table, and do we dare to name them?", fr: "Quels intérêts jouent en coulisse, et osons-nous les nommer ?" },
  ],
  "enemy-image": [
    { nl: "Welk beeld hebben we van elkaars sector, en klopt het?", en: "What image do we have of each other's sector, and is it true?", fr: "Quelle image avons-nous du secteur de l'autre, et est-elle juste ?" },
    { nl: "Welk concreet dossier toont waar de knopen en de kansen zitten?", en: "Which concrete case shows where the knots and the chances are?", fr: "Quel dossier concret montre où sont les nœuds et les chances ?" },
  ],
  "different-hats": [
    { nl: "Vanuit welke rol spreek je nu?", en: "Which role are you speaking from right now?", fr: "À quel titre parlez-vous en ce moment ?" },
  ],
  "unbridgeable-diversity": [
    { nl: "Is samenwerken hier nog de beste keuze, of volstaat een bilaterale afspraak?", en: "Is collaborating still the best choice here, or would a bilateral agreement do?", fr: "Collaborer reste-t-il le meilleur choix, ou un accord bilatéral suffirait-il ?" },
  ],
};

/** The prompt of a follow-up ranking of the top challenges (stored with the question in the session's language). */
export const FOLLOWUP_PROMPT: Text = {
  nl: "Welke pakken we eerst aan? Zet ze in volgorde.",
  en: "Which one do we tackle first? Put them in order.",
  fr: "Par lequel commencer ? Classez-les.",
};

/**
 * The sector question a console adds in one click: a grouping question of the facilitator's own (editable), in the
 * session's language, for splitting results by where people come from.
 */
export const SECTOR_QUESTION: { prompt: Text; options: Text[] } = {
  prompt: { nl: "Vanuit welke sector kom je?", en: "Which sector do you come from?", fr: "De quel secteur venez-vous ?" },
  options: [
    { nl: "Welzijn", en: "Welfare", fr: "Social" },
    { nl: "Zorg", en: "Care", fr: "Soins" },
    { nl: "Lokaal bestuur", en: "Local government", fr: "Pouvoir local" },
    { nl: "Andere", en: "Other", fr: "Autre" },
  ],
};
