/** The screen shows every kind of question readably and accessibly, in nl, en and fr, and switches without a warning. */
import { expect, test } from "@playwright/test";
import { LANGUAGES, type Language } from "../lib/languages";
import type { CreatedSession, QuestionDraft } from "../lib/protocol";
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

for (const language of LANGUAGES) {
  // Regression: recharts warned about a 0x0 chart when the kind of question changed.
  test(`the screen shows a choice, the nine challenges, a scale, a ranking and open answers in ${language}: axe finds nothing, no warnings`, async ({ browser, request, baseURL }) => {
    const session = (await (await request.post("/api/sessions", { data: { title: "Samenwerkingstafel Zorgregio", template: "article", language } })).json()) as CreatedSession;
    const host = await facilitator(baseURL ?? "", session);
    const byTemplate = (id: string) => host.questions.find((q) => q.template === id)?.id ?? "";
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: "reduce" });
    const screen = await context.newPage();
    const warnings: string[] = [];
    screen.on("console", (m) => void (["warning", "error"].includes(m.type()) && warnings.push(m.text())));
    screen.on("pageerror", (e) => void warnings.push(e.message));
    await screen.goto(local(session.links.screen));
    await expect(screen.getByTestId("screen-view")).toBeVisible();
    const shot = async (name: string) => {
      // The baselines are drawn in Dutch (the first language); the others are checked by axe and the specs above.
      if (language !== "nl") return;
      await calmScreen(screen);
      await expect(screen).toHaveScreenshot(`screen-${name}-1920x1080.png`, { mask: joinMasks(screen) });
    };
    const show = async (questionId: string, ballots: object[], name: string) => {
      await host.activate(questionId);
      await castBallots(baseURL ?? "", session, ballots, `${name}-${language}`);
      await expect(screen.getByTestId("respondents")).toHaveText(`n = ${ballots.length}`);
      await expect
        .poll(() => screen.evaluate(() => [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight]), { message: `${name}: overflow` })
        .toEqual([0, 0]);
      await expectNoAxeViolations(screen, `screen ${name} (${language})`);
    };

    await show(byTemplate("check1-approach"), [{ optionIds: ["network"] }, { optionIds: ["network"] }, { optionIds: ["bilateral"] }], "single");
    await show(byTemplate("nine-challenges"), [{ optionIds: ["power-play", "enemy-image"] }, { optionIds: ["power-play"] }, { optionIds: ["shared-ambition"] }], "challenges");
    await show(byTemplate("check3-participant-represent"), [{ value: 4 }, { value: 5 }, { value: 2 }], "scale");
    await expect(screen.getByTestId("mean")).toContainText(language === "en" ? "3.7" : "3,7");
    await shot("scale");
    const ranking = await host.add(OWN[language].ranking);
    await show(ranking.question.id, [{ optionIds: ["o3", "o1", "o2"] }, { optionIds: ["o1", "o3"] }, { optionIds: ["o3"] }], "ranking");
    await expect(screen.getByTestId("score-o3")).toHaveText("8");
    await shot("ranking");
    const open = await host.add(OWN[language].open);
    await show(open.question.id, OWN[language].answers.map((text) => ({ text })), "open");
    await expect(screen.getByTestId("open-answer-card")).toHaveCount(3);
    await shot("open");
    // And back to a chart, the way a facilitator goes back to an earlier question.
    await host.activate(byTemplate("check3-participant-contribute"));
    await expect(screen.getByTestId("respondents")).toHaveText("n = 0");
    await host.activate(byTemplate("nine-challenges"));
    await expect(screen.getByTestId("respondents")).toHaveText("n = 3");
    expect(warnings, "console warnings and errors on the screen").toEqual([]);
    host.close();
    await context.close();
  });
}
