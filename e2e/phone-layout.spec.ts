/**
 * A phone never scrolls sideways: every question kind, in every state a participant meets, at 320, 360, 390
 * and 412 px and at 200 % text, measured as mobile emulation has it (the layout viewport keeps the device's
 * width and the page is not zoomed out). Every control is at least 44 by 44 px.
 */
import { expect, test, type Page } from "@playwright/test";
import type { CreatedSession, QuestionDraft } from "../lib/protocol";
import { CHALLENGE_IDS } from "./pages";
import { createSession, facilitator, local, openPhone, othersVote, sidewaysProblems, smallTapTargets, type Facilitator } from "./phone-room";

const TITLE = "Studiedag jeugdhulp en samenwerkingsverbanden regio Kempen";
const LONG = [
  "Samenwerkingsverbandsafspraken opvolgen",
  "Een netwerk van minstens drie organisaties met een gedeelde ambitie",
  "Verantwoordelijkheidsverdeling",
  "Tijd",
];

const send = (phone: Page) => phone.locator("form button[type=submit]").click();

/** Walk one question through every state a phone meets, measuring each; report all problems at once. */
async function everyState(
  phone: Page,
  host: Facilitator,
  session: CreatedSession,
  baseURL: string,
  questionId: string,
  answer: (phone: Page) => Promise<void>,
  others: Record<string, unknown>[],
): Promise<string[]> {
  const problems: string[] = [];
  const check = async (state: string) => {
    problems.push(...(await sidewaysProblems(phone, state)), ...(await smallTapTargets(phone, state)));
  };
  await expect(phone.locator("form")).toBeVisible();
  await check("ballot");
  await answer(phone);
  await send(phone);
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await check("sent");
  await othersVote(baseURL, session, others);
  await host.showResults(questionId);
  await expect(phone.getByTestId("phone-results")).toBeVisible();
  await check("results shown");
  await host.closeVoting(questionId);
  await expect(phone.getByTestId("closed-message")).toBeVisible();
  await check("closed with results");
  await host.hideResults(questionId);
  await expect(phone.getByTestId("phone-results")).toHaveCount(0);
  await check("closed");
  await phone.context().setOffline(true);
  await expect(phone.getByTestId("reconnecting")).toBeVisible();
  await check("reconnecting");
  await phone.context().setOffline(false);
  return problems;
}

async function ownQuestion(baseURL: string, draft: QuestionDraft) {
  const session = await createSession(baseURL, TITLE, "empty");
  const host = await facilitator(baseURL, session);
  const { question } = await host.add(draft);
  return { session, host, questionId: question.id };
}

test("the nine-challenges ballot fits every phone in every state", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", TITLE, "challenges");
  const host = await facilitator(baseURL ?? "", session);
  const { context, page } = await openPhone(browser, local(session.links.join));
  const problems = await everyState(
    page,
    host,
    session,
    baseURL ?? "",
    host.activeId ?? "",
    async (p) => {
      await p.getByTestId("option-power-play").check();
      await p.getByTestId("option-unbridgeable-diversity").check();
    },
    CHALLENGE_IDS.map((id, i) => ({ optionIds: [id, CHALLENGE_IDS[(i + 3) % CHALLENGE_IDS.length] ?? id] })),
  );
  expect(problems).toEqual([]);
  host.close();
  await context.close();
});

test("a single choice fits every phone in every state", async ({ browser, baseURL }) => {
  const { session, host, questionId } = await ownQuestion(baseURL ?? "", { kind: "single", prompt: "Welke vorm van samenwerking past het best bij jullie netwerk?", options: LONG });
  const { context, page } = await openPhone(browser, local(session.links.join));
  const problems = await everyState(page, host, session, baseURL ?? "", questionId, (p) => p.getByTestId("option-o2").check(), [{ optionIds: ["o1"] }, { optionIds: ["o2"] }]);
  expect(problems).toEqual([]);
  host.close();
  await context.close();
});

test("a scale fits every phone in every state", async ({ browser, baseURL }) => {
  const { session, host, questionId } = await ownQuestion(baseURL ?? "", {
    kind: "scale",
    prompt: "Als deelnemer koppel ik terug naar mijn organisatie",
    scale: { min: 0, max: 10, minLabel: "Doe ik nog helemaal niet", maxLabel: "Doe ik altijd en systematisch" },
  });
  const { context, page } = await openPhone(browser, local(session.links.join));
  const problems = await everyState(page, host, session, baseURL ?? "", questionId, (p) => p.getByTestId("scale-value-7").check(), [{ value: 10 }, { value: 3 }, { value: 7 }]);
  expect(problems).toEqual([]);
  host.close();
  await context.close();
});

test("a ranking fits every phone in every state", async ({ browser, baseURL }) => {
  const { session, host, questionId } = await ownQuestion(baseURL ?? "", { kind: "ranking", prompt: "Wat pakken we eerst aan?", options: LONG, maxChoices: 3 });
  const { context, page } = await openPhone(browser, local(session.links.join));
  const problems = await everyState(
    page,
    host,
    session,
    baseURL ?? "",
    questionId,
    async (p) => {
      await p.getByTestId("rank-add-o2").click();
      await p.getByTestId("rank-add-o1").click();
    },
    [{ optionIds: ["o1", "o2", "o3"] }, { optionIds: ["o3"] }],
  );
  expect(problems).toEqual([]);
  host.close();
  await context.close();
});

test("an open question fits every phone in every state", async ({ browser, baseURL }) => {
  const { session, host, questionId } = await ownQuestion(baseURL ?? "", { kind: "open", prompt: "Wat neem je mee uit vandaag?" });
  const { context, page } = await openPhone(browser, local(session.links.join));
  const problems = await everyState(
    page,
    host,
    session,
    baseURL ?? "",
    questionId,
    (p) => p.getByTestId("open-answer").fill("Samenwerkingsverbandsafspraken op papier, niet enkel in hoofden"),
    [{ text: "https://voorbeeld.be/een-heel-lange-link-zonder-spaties-die-niet-vanzelf-afbreekt" }, { text: "Meer samen beslissen" }],
  );
  expect(problems).toEqual([]);
  host.close();
  await context.close();
});

test("a phone waiting for the first question fits every phone, also while reconnecting", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", TITLE, "empty");
  const { context, page } = await openPhone(browser, local(session.links.join));
  await expect(page.getByTestId("waiting")).toBeVisible();
  const problems = [...(await sidewaysProblems(page, "waiting")), ...(await smallTapTargets(page, "waiting"))];
  await context.setOffline(true);
  await expect(page.getByTestId("reconnecting")).toBeVisible();
  problems.push(...(await sidewaysProblems(page, "waiting, reconnecting")));
  expect(problems).toEqual([]);
  await context.close();
});
