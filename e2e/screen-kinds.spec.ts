/** The screen shows every kind of question readably and accessibly, in nl, en and fr, and switches without a warning. */
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { LANGUAGES, type Language } from "../lib/languages";
import type { CreatedSession, QuestionDraft } from "../lib/protocol";
import { findTemplate } from "../lib/templates";
import { local } from "./pages";
import { calmScreen, castBallots, expectNoAxeViolations, facilitator, joinMasks } from "./screen-helpers";

/** A ranking and an open question of the facilitator's own, in the session's language. */
const OWN: Record<Language, { ranking: QuestionDraft; open: QuestionDraft; answers: string[] }> = {
  nl: {
    ranking: { kind: "ranking", prompt: "Wat pakken we eerst aan?", options: ["Budget", "Tijd", "Mandaat", "Vertrouwen"], maxChoices: 3 },
    open: { kind: "open", prompt: "Wat neem je mee uit vandaag?" },
    answers: ["Meer samen beslissen", "Afspraken op papier, niet enkel in hoofden", "Elke maand één gedeeld doel kiezen en het samen opvolgen"],
  },
  en: {
    ranking: { kind: "ranking", prompt: "What do we tackle first?", options: ["Budget", "Time", "Mandate", "Trust"], maxChoices: 3 },
    open: { kind: "open", prompt: "What do you take home from today?" },
    answers: ["Decide more together", "Agreements on paper, not only in heads", "Pick one shared goal each month and follow it up together"],
  },
  fr: {
    ranking: { kind: "ranking", prompt: "Par quoi commençons-nous ?", options: ["Budget", "Temps", "Mandat", "Confiance"], maxChoices: 3 },
    open: { kind: "open", prompt: "Que retenez-vous d'aujourd'hui ?" },
    answers: ["Décider davantage ensemble", "Des accords sur papier, pas seulement dans les têtes", "Choisir chaque mois un objectif commun et le suivre ensemble"],
  },
};

/**
 * The participants' first self-assessment as a question for everyone: the article's own is asked of the participants
 * only (and shows no numbers below five of them), while this spec is about how a scale looks.
 */
function selfAssessment(language: Language): QuestionDraft {
  const t = findTemplate("check3-participant-represent");
  const scale = t?.scale;
  return {
    kind: "scale",
    prompt: t?.prompt[language] ?? "",
    scale: { min: scale?.min ?? 1, max: scale?.max ?? 5, minLabel: scale?.minLabel[language] ?? "", maxLabel: scale?.maxLabel[language] ?? "" },
  };
}

/** A session of the article's questions with a scale, a ranking and an open question added, and its screen at 1920x1080. */
async function kindsRoom(browser: Browser, request: APIRequestContext, baseURL: string, language: Language) {
  const session = (await (await request.post("/api/sessions", { data: { title: "Samenwerkingstafel Zorgregio", template: "article", language } })).json()) as CreatedSession;
  const host = await facilitator(baseURL, session);
  const scale = await host.add(selfAssessment(language));
  const ranking = await host.add(OWN[language].ranking);
  const open = await host.add(OWN[language].open);
  const byTemplate = (id: string) => host.questions.find((q) => q.template === id)?.id ?? "";
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: "reduce" });
  const screen = await context.newPage();
  const warnings: string[] = [];
  screen.on("console", (m) => void (["warning", "error"].includes(m.type()) && warnings.push(m.text())));
  screen.on("pageerror", (e) => void warnings.push(e.message));
  await screen.goto(local(session.links.screen));
  await expect(screen.getByTestId("screen-view")).toBeVisible();
  /** Move the room to a question, let three participants answer, and wait until the screen shows them. */
  const show = async (name: "single" | "challenges" | "scale" | "ranking" | "open") => {
    const question = {
      single: byTemplate("check1-approach"),
      challenges: byTemplate("nine-challenges"),
      scale: scale.question.id,
      ranking: ranking.question.id,
      open: open.question.id,
    }[name];
    await host.activate(question);
    await castBallots(baseURL, session, BALLOTS[name](language), `${name}-${language}`, name === "open");
    await expect(screen.getByTestId("respondents")).toHaveText("n = 3");
    await expect
      .poll(() => screen.evaluate(() => [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight]), { message: `${name}: overflow` })
      .toEqual([0, 0]);
  };
  return {
    screen,
    warnings,
    show,
    byTemplate,
    host,
    async close() {
      host.close();
      await context.close();
    },
  };
}

const BALLOTS = {
  single: () => [{ optionIds: ["network"] }, { optionIds: ["network"] }, { optionIds: ["bilateral"] }],
  challenges: () => [{ optionIds: ["power-play", "enemy-image"] }, { optionIds: ["power-play"] }, { optionIds: ["shared-ambition"] }],
  scale: () => [{ value: 4 }, { value: 5 }, { value: 2 }],
  // Borda with 3 places: Mandate 3 + 2 + 3, Budget 2 + 3, Time 1, Trust 0.
  ranking: () => [{ optionIds: ["o3", "o1", "o2"] }, { optionIds: ["o1", "o3"] }, { optionIds: ["o3"] }],
  open: (language: Language) => OWN[language].answers.map((text) => ({ text })),
};

for (const language of LANGUAGES) {
  // Regression: recharts warned about a 0x0 chart when the kind of question changed.
  test(`the screen shows a choice, the nine challenges, a scale, a ranking and open answers in ${language}: axe finds nothing, no warnings`, async ({ browser, request, baseURL }) => {
    const room = await kindsRoom(browser, request, baseURL ?? "", language);
    const { screen } = room;
    for (const kind of ["single", "challenges", "scale", "ranking", "open"] as const) {
      await room.show(kind);
      await expectNoAxeViolations(screen, `screen ${kind} (${language})`);
    }
    await expect(screen.getByTestId("open-answer-card")).toHaveText([...OWN[language].answers].reverse());
    // And back to charts, the way a facilitator goes back to earlier questions.
    await room.host.activate(room.byTemplate("check1-subsidy"));
    await expect(screen.getByTestId("respondents")).toHaveText("n = 0");
    // A question for one group that nobody answered yet says so instead of drawing a chart.
    await room.host.activate(room.byTemplate("check3-participant-contribute"));
    await expect(screen.getByTestId("withheld-results")).toBeVisible();
    await room.host.activate(room.byTemplate("nine-challenges"));
    await expect(screen.getByTestId("respondents")).toHaveText("n = 3");
    expect(room.warnings, "console warnings and errors on the screen").toEqual([]);
    await room.close();
  });
}

test("a scale, a ranking and open answers on the screen at 1920x1080 look as in their baselines", async ({ browser, request, baseURL }) => {
  const room = await kindsRoom(browser, request, baseURL ?? "", "nl");
  const { screen } = room;
  await room.show("scale");
  await expect(screen.getByTestId("mean")).toContainText("3,7");
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("screen-scale-1920x1080.png", { mask: joinMasks(screen) });
  await room.show("ranking");
  await expect(screen.getByTestId("score-o3")).toHaveText("8");
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("screen-ranking-1920x1080.png", { mask: joinMasks(screen) });
  await room.show("open");
  await expect(screen.getByTestId("open-answer-card")).toHaveText([...OWN.nl.answers].reverse());
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("screen-open-1920x1080.png", { mask: joinMasks(screen) });
  expect(room.warnings, "console warnings and errors on the screen").toEqual([]);
  await room.close();
});
