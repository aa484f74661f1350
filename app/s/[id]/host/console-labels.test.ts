import { describe, expect, it } from "vitest";
import { translate, type Language, type MessageKey } from "@/lib/i18n";
import { CONSOLE_MESSAGES } from "@/lib/messages/console";
import { planFollowup } from "@/lib/poll/followup-plan";
import { DRAFT_PROBLEM_MESSAGES } from "@/lib/poll/question-draft";
import { followupNote, refusalText } from "./console-labels";

const tIn = (language: Language) => (key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values, CONSOLE_MESSAGES);
const LABELS: Record<string, string> = { a: "Machtsspel", b: "Vijandbeeld", c: "Verschillende petten", d: "Schijnsamenwerking" };
const labelOf = (id: string) => LABELS[id] ?? id;
const ids = ["a", "b", "c", "d"];

describe("followupNote", () => {
  it.each([
    ["nl", { a: 3, b: 1, c: 1 }, 2, "De rangschikking krijgt nu: Machtsspel, Vijandbeeld en Verschillende petten.", "Vijandbeeld en Verschillende petten staan gelijk (elk 1 keer gekozen) en geen van hen valt af: 3 vraagstukken in plaats van 2."],
    ["en", { a: 2, b: 2, c: 2 }, 2, "The ranking would now hold: Machtsspel, Vijandbeeld and Verschillende petten.", "Machtsspel, Vijandbeeld and Verschillende petten are tied (each chosen by 2 people) and none is left out: 3 challenges instead of 2."],
    ["fr", { a: 1, b: 1, c: 1 }, 2, "Le classement contiendrait maintenant : Machtsspel, Vijandbeeld et Verschillende petten.", "Machtsspel, Vijandbeeld et Verschillende petten sont à égalité (chacun choisi par 1 personne) et aucun n'est écarté : 3 défis au lieu de 2."],
    ["en", { a: 2, b: 1 }, 3, "The ranking would now hold: Machtsspel and Vijandbeeld.", "Only 2 challenges were chosen: the ranking gets 2, not 3."],
    ["nl", { a: 4 }, 3, null, "Nog geen vervolgvraag mogelijk: pas één vraagstuk werd gekozen (Machtsspel), en een rangschikking heeft er minstens twee nodig."],
    ["fr", {}, 3, null, "Pas encore de question de suivi : personne n'a choisi de défi, et un classement en demande au moins deux."],
    ["nl", { a: 3, b: 2, c: 1 }, 3, "De rangschikking krijgt nu: Machtsspel, Vijandbeeld en Verschillende petten.", null],
  ] as const)("%s %j top %i", (language, counts, topN, list, why) => {
    expect(followupNote(tIn(language), language, planFollowup(ids, counts, topN), labelOf)).toEqual({ list, why });
  });
});

describe("refusalText", () => {
  const t = tIn("nl");
  it("says nothing about an accepted command and asks to try again when the socket gave no answer", () => {
    expect(refusalText(t, { ok: true, data: null })).toBeNull();
    expect(refusalText(t, null)).toBe("Er ging iets mis. Probeer het opnieuw.");
  });
  it.each([
    ["question_locked", "question has ballots", "Niet gelukt: deze vraag heeft al antwoorden en kan niet meer veranderen."],
    ["unavailable", "store unavailable", "Niet gelukt: de server kon dit even niet bewaren. Probeer het zo opnieuw."],
    ["invalid_payload", `draft: ${DRAFT_PROBLEM_MESSAGES.duplicate}`, "Twee opties hebben dezelfde tekst."],
    ["forbidden", "only facilitators", "Niet gelukt: only facilitators"],
    // A grouping question others rest on, and drafts whose groups the server refuses.
    ["question_locked", "other questions are asked of its answers, or the results are split by it", "Niet gelukt: andere vragen worden alleen aan groepen van deze vraag gesteld, of de resultaten worden erdoor uitgesplitst. Pas die eerst aan."],
    ["invalid_payload", "only a single-choice question can sort the room into groups", "Niet gelukt: alleen een vraag met één keuze kan een groepsvraag zijn."],
    ["invalid_payload", "a question can only be asked of the answers to a grouping question of this session", "Niet gelukt: een vraag kan alleen voor antwoorden op een groepsvraag van deze sessie zijn. Kies opnieuw voor wie ze is."],
    ["invalid_payload", "the audience names an answer the grouping question does not have", "Niet gelukt: een vraag kan alleen voor antwoorden op een groepsvraag van deze sessie zijn. Kies opnieuw voor wie ze is."],
  ] as const)("%s in the facilitator's words", (code, message, want) => {
    expect(refusalText(t, { ok: false, error: { code, message } })).toBe(want);
  });
});
