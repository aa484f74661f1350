/**
 * What a phone shows, compared with committed baselines (`npm run test:e2e:baselines` writes them anew): the
 * ballot, the receipt in view after sending, and the results of every kind, at 320x640 and 390x844, light and
 * dark, and at 200 % text on a 320 px phone. Every session has a fixed title and fixed answers, and the phone
 * shows no join code or time, so nothing changes between runs.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { CreatedSession, QuestionDraft } from "../lib/protocol";
import { CHALLENGE_IDS, ROOM, SHOTS } from "./pages";
import { createSession, facilitator, local, openPhone, othersVote, setLargeText } from "./phone-room";

const LOOKS = [
  { name: "320-light", width: 320, height: 640, colorScheme: "light" },
  { name: "320-dark", width: 320, height: 640, colorScheme: "dark" },
  { name: "390-light", width: 390, height: 844, colorScheme: "light" },
  { name: "390-dark", width: 390, height: 844, colorScheme: "dark" },
] as const;
type Look = (typeof LOOKS)[number];

async function look(phone: Page, l: Look) {
  await phone.setViewportSize({ width: l.width, height: l.height });
  await phone.emulateMedia({ colorScheme: l.colorScheme, reducedMotion: "reduce" });
}

async function top(phone: Page) {
  await phone.evaluate(() => window.scrollTo(0, 0));
}

/** A copy for the README (`UPDATE_DOCS=1` writes it to docs/). */
async function doc(phone: Page, name: string) {
  await phone.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** The nine challenges' ballots of a room of 37 (figure 1 of the article, illustrative). */
function roomBallots(): { optionIds: string[] }[] {
  const ballots: string[][] = Array.from({ length: 37 }, () => []);
  let k = 0;
  for (const id of CHALLENGE_IDS) for (let i = 0; i < (ROOM[id] ?? 0); i++) ballots[k++ % 37]!.push(id);
  return ballots.map((optionIds) => ({ optionIds }));
}

test("the nine-challenges ballot, and its receipt in view after sending", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Studiedag jeugdhulp");
  const { context, page: phone } = await openPhone(browser, local(session.links.join), { reducedMotion: true });
  await expect(phone.getByTestId("option-power-play")).toBeVisible();

  for (const l of LOOKS) {
    await look(phone, l);
    await top(phone);
    await expect(phone).toHaveScreenshot(`ballot-${l.name}.png`);
  }
  await phone.getByTestId("option-power-play").check();
  await phone.locator("details").nth(1).locator("summary").click();
  for (const [l, name] of [[LOOKS[2], "phone-390x844"], [LOOKS[0], "phone-320x640"], [LOOKS[3], "phone-dark-390x844"]] as const) {
    await look(phone, l);
    await top(phone);
    await doc(phone, name);
  }
  // A phone held sideways.
  await phone.setViewportSize({ width: 844, height: 390 });
  await phone.emulateMedia({ colorScheme: "light" });
  await top(phone);
  await expect(phone).toHaveScreenshot("ballot-landscape-844x390.png");
  await doc(phone, "phone-landscape-844x390");
  await phone.locator("details").nth(1).locator("summary").click();
  await phone.getByTestId("option-different-hats").check();
  // After sending, the receipt is in the window, wherever the button was.
  for (const l of LOOKS) {
    await look(phone, l);
    await top(phone);
    await phone.locator("form button[type=submit]").click();
    await expect(phone.getByTestId("receipt")).toBeInViewport({ ratio: 1 });
    await expect(phone).toHaveScreenshot(`receipt-${l.name}.png`);
    if (l.name === "390-light") await doc(phone, "phone-receipt-390x844");
  }
  // 200 % text on a 320 px phone.
  await look(phone, LOOKS[0]);
  await setLargeText(phone, true);
  await top(phone);
  await expect(phone).toHaveScreenshot("ballot-320-large-text.png");
  await doc(phone, "phone-large-text-320x640");
  await phone.locator("form button[type=submit]").click();
  await expect(phone.getByTestId("receipt")).toBeInViewport({ ratio: 1 });
  await expect(phone).toHaveScreenshot("receipt-320-large-text.png");
  await context.close();
});

test("the nine challenges' results, first under the question, the phone's own picks marked", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Studiedag jeugdhulp");
  const host = await facilitator(baseURL ?? "", session);
  const { context, page: phone } = await openPhone(browser, local(session.links.join), { reducedMotion: true });
  await phone.getByTestId("option-power-play").check();
  await phone.getByTestId("option-different-hats").check();
  await phone.locator("form button[type=submit]").click();
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await othersVote(baseURL ?? "", session, roomBallots(), "visual");
  await host.showResults(host.activeId ?? "");
  await expect(phone.getByTestId("respondents")).toHaveText("n = 38");
  await expect(phone.locator(".phone-bar.is-mine")).toHaveText([/Machtsspel\s*jouw keuze/, /Verschillende petten\s*jouw keuze/]);
  for (const l of LOOKS) {
    await look(phone, l);
    await top(phone);
    await expect(phone).toHaveScreenshot(`results-challenges-${l.name}.png`);
    if (l.name === "390-light") await doc(phone, "phone-results-390x844");
  }
  await look(phone, LOOKS[0]);
  await setLargeText(phone, true);
  await top(phone);
  await expect(phone).toHaveScreenshot("results-challenges-320-large-text.png");
  host.close();
  await context.close();
});

/** One question of a kind, answered by the phone and two others, its results shown on the phone. */
async function kindResults(baseURL: string, browser: Browser, name: string, draft: QuestionDraft, answer: (phone: Page) => Promise<void>, others: Record<string, unknown>[]) {
  const session: CreatedSession = await createSession(baseURL, "Studiedag jeugdhulp", "empty");
  const host = await facilitator(baseURL, session);
  const { question } = await host.add(draft);
  const { context, page: phone } = await openPhone(browser, local(session.links.join), { reducedMotion: true });
  await expect(phone.locator("form")).toBeVisible();
  await look(phone, LOOKS[0]);
  await expect(phone).toHaveScreenshot(`ballot-${name}-320-light.png`);
  await answer(phone);
  await phone.locator("form button[type=submit]").click();
  await expect(phone.getByTestId("receipt")).toBeInViewport({ ratio: 1 });
  // One after the other: open answers are listed newest first, so their order is in the picture.
  await othersVote(baseURL, session, others, `visual-${name}`, true);
  await host.showResults(question.id);
  await expect(phone.getByTestId("respondents")).toHaveText(`n = ${others.length + 1}`);
  for (const l of LOOKS) {
    await look(phone, l);
    await top(phone);
    await expect(phone).toHaveScreenshot(`results-${name}-${l.name}.png`);
  }
  await look(phone, LOOKS[0]);
  await setLargeText(phone, true);
  await top(phone);
  await expect(phone).toHaveScreenshot(`results-${name}-320-large-text.png`);
  host.close();
  await context.close();
}

test("a single choice's results", async ({ browser, baseURL }) => {
  await kindResults(
    baseURL ?? "",
    browser,
    "single",
    { kind: "single", prompt: "Welke vorm van samenwerking past het best bij jullie netwerk?", options: ["Bilateraal", "Een netwerk van minstens drie organisaties", "Een keten", "Weet ik niet"] },
    (phone) => phone.getByTestId("option-o2").check(),
    [{ optionIds: ["o2"] }, { optionIds: ["o1"] }, { optionIds: ["o2"] }],
  );
});

test("a scale's results", async ({ browser, baseURL }) => {
  await kindResults(
    baseURL ?? "",
    browser,
    "scale",
    { kind: "scale", prompt: "Als deelnemer koppel ik terug naar mijn organisatie", scale: { min: 1, max: 5, minLabel: "Doe ik nog niet", maxLabel: "Doe ik altijd" } },
    (phone) => phone.getByTestId("scale-value-4").check(),
    [{ value: 5 }, { value: 2 }, { value: 4 }, { value: 4 }],
  );
});

test("a ranking's results", async ({ browser, baseURL }) => {
  await kindResults(
    baseURL ?? "",
    browser,
    "ranking",
    { kind: "ranking", prompt: "Wat pakken we eerst aan?", options: ["Budget", "Tijd", "Mandaat", "Vertrouwen tussen de partners"], maxChoices: 3 },
    async (phone) => {
      await phone.getByTestId("rank-add-o3").click();
      await phone.getByTestId("rank-add-o1").click();
      await phone.getByTestId("rank-add-o4").click();
    },
    [{ optionIds: ["o3", "o4"] }, { optionIds: ["o1", "o3", "o2"] }],
  );
});

test("an open question's answers", async ({ browser, baseURL }) => {
  await kindResults(
    baseURL ?? "",
    browser,
    "open",
    { kind: "open", prompt: "Wat neem je mee uit vandaag?" },
    (phone) => phone.getByTestId("open-answer").fill("Meer samen beslissen"),
    [{ text: "Afspraken op papier, niet enkel in hoofden" }, { text: "Dat we elkaars petten beter kennen" }],
  );
});
