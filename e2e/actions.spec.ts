/**
 * From challenges to actions and back, across two measurements, as the people in the room do it: the console asks
 * for proposals for the top challenges (a tie comes along), a 320 px phone and the room propose, the console puts
 * the picked proposals to a dot vote, the projector ranks them live, the console makes actions of the most dotted
 * with an owner and a due date; the next measurement opens by asking how far each action got, and its report
 * shows the plan's progress beside the trend.
 */
import { expect, test, type Page } from "@playwright/test";
import { ACTION_MESSAGES } from "../lib/messages/actions";
import { axeProblems, inEachLanguage, switchLanguage } from "./axe-helpers";
import { createSession, local, openPhone, othersVote } from "./phone-room";
import { calmScreen, drawnRanking, joinMasks } from "./screen-helpers";

const send = (phone: Page) => phone.locator("form button[type=submit]").click();


test("the room goes from its top challenges to a plan with owners and dates, and says at the next measurement how far each action got", async ({ browser, baseURL }) => {
  const base = baseURL ?? "";
  const session = await createSession(base, "Zorgnetwerk Gent");
  // Power play and enemy image tie at 3; different hats once.
  await othersVote(base, session, [
    { optionIds: ["power-play", "enemy-image"] },
    { optionIds: ["power-play", "enemy-image"] },
    { optionIds: ["power-play", "different-hats"] },
    { optionIds: ["enemy-image"] },
    { optionIds: [] },
  ], "m1");

  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const console_ = await consoleContext.newPage();
  await console_.goto(local(session.links.host));
  const prompts = console_.getByTestId("action-prompts");
  await prompts.getByTestId("action-prompts-top").selectOption("1");
  // The tie is said before the click.
  await expect(prompts.getByTestId("action-prompts-preview").locator("p")).toHaveText(["Voorstellen vragen voor: Machtsspel, Vijandbeeld", "Machtsspel, Vijandbeeld staan gelijk en komen allebei mee."]);
  await prompts.getByTestId("action-prompts-create").click();
  await expect(console_.getByTestId("active-prompt")).toHaveText("Welke concrete actie helpt ons met ‘Machtsspel’?");

  // A 320 px phone proposes; so does the room.
  const { context: phoneContext, page: phone } = await openPhone(browser, local(session.links.join), { width: 320, height: 640, reducedMotion: true });
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Welke concrete actie helpt ons met ‘Machtsspel’?");
  await phone.getByLabel("Jouw antwoord").fill("Beslissingen op papier, rondgestuurd binnen de week");
  await send(phone);
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await othersVote(base, session, [{ text: "Open agenda voor elk overleg" }, { text: "Open agenda voor elk overleg " }, { text: "Iedereen een beurt" }], "m1", true);
  await console_.getByTestId("next-question").click();
  await expect(console_.getByTestId("active-prompt")).toHaveText("Welke concrete actie helpt ons met ‘Vijandbeeld’?");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Welke concrete actie helpt ons met ‘Vijandbeeld’?");
  await othersVote(base, session, [{ text: "Samen op werkbezoek" }, { text: "Een gedeelde casus per maand" }], "m1", true);

  // The proposals of both questions (sent one after the other, so the list, newest first, has one order), every one
  // picked; one unticked; three dots each.
  const picker = console_.getByTestId("proposal-picker");
  await picker.getByTestId("proposals-load").click();
  await expect(picker.getByTestId("proposal")).toHaveCount(6);
  await expect(picker.locator("legend")).toHaveText("6 van 20 gekozen");
  await picker.getByTestId("proposal").filter({ hasText: "Iedereen een beurt" }).getByRole("checkbox").uncheck();
  await expect(picker.locator("legend")).toHaveText("5 van 20 gekozen");
  await expect(picker).toHaveScreenshot("actions-picker-console.png");
  await picker.getByTestId("proposals-start").click();
  await expect(console_.getByTestId("active-prompt")).toHaveText("Verdeel je stippen over de voorstellen: welke acties pakken we aan?");

  // The projector ranks the proposals by dots while they come in; the twins are one proposal.
  const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const screen = await screenContext.newPage();
  await screen.goto(local(session.links.screen));
  await expect(screen.getByTestId("screen-prompt")).toHaveText("Verdeel je stippen over de voorstellen: welke acties pakken we aan?");
  await expect(phone.getByTestId("dots-left")).toHaveText("3 van 3 stippen over");
  // The phone names each proposal; the room's sockets need their ids, read off the phone's buttons.
  const idOf = async (label: string) => ((await phone.getByRole("button", { name: `Stip bij: ${label}`, exact: true }).getAttribute("data-testid")) ?? "").replace("dots-add-", "");
  const [agenda, papers, visit, casus] = await Promise.all(["Open agenda voor elk overleg", "Beslissingen op papier, rondgestuurd binnen de week", "Samen op werkbezoek", "Een gedeelde casus per maand"].map(idOf));
  await expect(phone.locator('[data-testid^="dots-option-"]')).toHaveCount(4);
  await phone.getByTestId(`dots-add-${visit}`).click();
  await phone.getByTestId(`dots-add-${visit}`).click();
  await phone.getByTestId(`dots-add-${papers}`).click();
  await expect(phone.getByTestId("dots-left")).toHaveText("0 van 3 stippen over");
  await send(phone);
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await othersVote(base, session, [{ optionIds: [visit, visit, agenda] }, { optionIds: [agenda, agenda] }, { optionIds: [casus] }, { optionIds: [visit, papers] }], "m1");
  // Visit 5, agenda 3, papers 2, casus 1; under each proposal the challenge it was proposed for.
  await expect.poll(() => drawnRanking(screen)).toEqual([
    "Samen op werkbezoek / Vijandbeeld · 5 stippen",
    "Open agenda voor elk overleg / Machtsspel · 3 stippen",
    "Beslissingen op papier, rondgestuurd binnen de week / Machtsspel · 2 stippen",
    "Een gedeelde casus per maand / Vijandbeeld · 1 stip",
  ]);
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("actions-dots-screen-1280x720.png", { mask: joinMasks(screen) });
  // The console's own chart of the dot vote names each proposal's challenge too (a picture kept to look at).
  await expect.poll(async () => (await drawnRanking(console_)).map((row) => row.split(" · ")[0])).toEqual([
    "Samen op werkbezoek / Vijandbeeld",
    "Open agenda voor elk overleg / Machtsspel",
    "Beslissingen op papier, rondgestuurd binnen de week / Machtsspel",
    "Een gedeelde casus per maand / Vijandbeeld",
  ]);
  await console_.getByTestId("results-chart").screenshot({ path: test.info().outputPath("actions-dots-console.png") });
  await expect(phone).toHaveScreenshot("actions-dots-phone-320.png", { fullPage: true });

  // The two most dotted become actions, with an owner and a due date typed in.
  const adopt = console_.getByTestId("action-adopt");
  await expect(adopt.getByTestId("adopt-row").locator(".action-round__text")).toHaveText([/^Samen op werkbezoek/, /^Open agenda/, /^Beslissingen op papier/, /^Een gedeelde casus/]);
  await adopt.getByRole("button", { name: "Maak actie van: Samen op werkbezoek" }).click();
  const form = adopt.getByTestId("action-form");
  await expect(form.getByTestId("action-text")).toHaveValue("Samen op werkbezoek");
  await form.getByTestId("action-owner").fill("Sofie (OCMW)");
  await form.getByTestId("action-due").fill("2027-03-15");
  await form.getByTestId("action-submit").click();
  await expect(adopt.getByTestId("adopt-row").first().locator(".action-round__done")).toHaveText("In het plan");
  await adopt.getByRole("button", { name: "Maak actie van: Beslissingen op papier, rondgestuurd binnen de week" }).click();
  await adopt.getByTestId("action-text").fill("Beslissingen op papier binnen de week");
  await adopt.getByTestId("action-owner").fill("Jan");
  await adopt.getByTestId("action-due").fill("2027-02-01");
  await adopt.getByTestId("action-submit").click();
  const plan = console_.getByTestId("action-plan");
  await expect(plan.getByTestId("action-plan-item").locator(".action-plan__text")).toHaveText(["Samen op werkbezoek", "Beslissingen op papier binnen de week"]);
  await expect(plan.getByTestId("action-plan-item").locator(".action-plan__meta")).toHaveText([
    "Sofie (OCMW) · tegen 15 maart 2027 · Bij: Vijandbeeld",
    "Jan · tegen 1 februari 2027 · Bij: Machtsspel",
  ]);
  // The owner changes his mind about the date.
  await plan.getByRole("button", { name: "Bewerken: Beslissingen op papier binnen de week" }).click();
  await plan.getByTestId("action-due").fill("2027-02-15");
  await plan.getByTestId("action-submit").click();
  await expect(plan.getByTestId("action-plan-item").nth(1).locator(".action-plan__meta")).toHaveText("Jan · tegen 15 februari 2027 · Bij: Machtsspel");
  await expect(adopt).toHaveScreenshot("actions-adopt-console.png");
  await expect(plan).toHaveScreenshot("actions-plan-console.png");
  // The action round's cards pass axe in every language, with a proposal's form open.
  await adopt.getByRole("button", { name: "Maak actie van: Open agenda voor elk overleg" }).click();
  const problems: string[] = [];
  await inEachLanguage(console_, async (language) => {
    problems.push(...(await axeProblems(console_, `console ${language}`, Object.keys(ACTION_MESSAGES.nl))));
  });
  await switchLanguage(console_, "nl");

  // The next measurement opens by asking how far each action got.
  await console_.getByTestId("new-measurement").click();
  await expect(console_.getByTestId("session-title")).toHaveText("Zorgnetwerk Gent · meting 2");
  await expect(console_.getByTestId("active-prompt")).toHaveText("Actie van vorige keer: ‘Samen op werkbezoek’ (Sofie (OCMW), tegen 15 maart 2027). Hoe ver staat ze?");
  const secondId = /\/s\/([^/]+)\/host/.exec(console_.url())?.[1] ?? "";
  const hostKey = await console_.evaluate((id) => localStorage.getItem(`tafelronde:host-key:${id}`) ?? "", secondId);
  const summary = (await (await fetch(`${base}/api/sessions/${secondId}/summary`, { headers: { authorization: `Bearer ${hostKey}` } })).json()) as { session: { code: string }; screenPath: string };
  const second = { ...session, id: secondId, code: summary.session.code, hostKey };
  const { context: phone2Context, page: phone2 } = await openPhone(browser, `/j/${second.code}`, { width: 320, height: 640, reducedMotion: true });
  await expect(phone2.getByRole("heading", { level: 1 })).toHaveText("Actie van vorige keer: ‘Samen op werkbezoek’ (Sofie (OCMW), tegen 15 maart 2027). Hoe ver staat ze?");
  await phone2.getByTestId("option-done").check();
  await send(phone2);
  await expect(phone2.getByTestId("receipt")).toBeVisible();
  await othersVote(base, second, [{ optionIds: ["done"] }, { optionIds: ["under-way"] }], "m2");
  // The projector asks the same, with the room's answers so far.
  await screen.goto(summary.screenPath);
  await expect(screen.getByTestId("screen-prompt")).toHaveText("Actie van vorige keer: ‘Samen op werkbezoek’ (Sofie (OCMW), tegen 15 maart 2027). Hoe ver staat ze?");
  await expect.poll(async () => (await drawnRanking(screen)).map((row) => row.split(" · ")[0])).toEqual(["Gedaan", "Onderweg", "Nog niet gestart"]);
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("actions-review-screen-1280x720.png", { mask: joinMasks(screen) });
  await expect(phone2).toHaveScreenshot("actions-review-phone-320.png", { fullPage: true });
  await console_.getByTestId("next-question").click();
  await expect(phone2.getByRole("heading", { level: 1 })).toHaveText("Actie van vorige keer: ‘Beslissingen op papier binnen de week’ (Jan, tegen 15 februari 2027). Hoe ver staat ze?");
  await othersVote(base, second, [{ optionIds: ["under-way"] }, { optionIds: ["not-started"] }], "m2");

  // Measurement 2's report: the previous plan's progress, above the trend.
  const report = await consoleContext.newPage();
  await report.goto(`/s/${secondId}/report`);
  const review = report.getByTestId("report-plan-review");
  await expect(review.getByTestId("plan-progress")).toHaveText("1 van 2 gedaan, 0 onderweg, 1 nog niet gestart");
  await expect(report.getByTestId("report-trend")).toBeVisible();
  expect(await review.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(await report.getByTestId("report-trend").evaluate((el) => el.getBoundingClientRect().top));
  expect(problems).toEqual([]);
  for (const context of [consoleContext, screenContext, phoneContext, phone2Context]) await context.close();
});

// The console kept the plan it had when its socket dropped: an action added meanwhile never reached it.
test("a console that was offline while the plan changed shows the plan as it is once it is back", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Weer online");
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const console_ = await context.newPage();
  await console_.goto(local(session.links.host));
  const plan = console_.getByTestId("action-plan");
  await expect(plan).toBeVisible();
  await expect(plan.getByTestId("action-plan-item")).toHaveCount(0);

  await context.setOffline(true);
  await expect(console_.getByTestId("reconnecting")).toBeVisible();
  // A colleague (or another tool) adds an action through the API meanwhile.
  const added = await fetch(`${baseURL}/api/sessions/${session.id}/actions`, {
    method: "POST",
    headers: { authorization: `Bearer ${session.hostKey}`, "content-type": "application/json" },
    body: JSON.stringify({ text: "Samen op werkbezoek", owner: "Sofie", due: "2027-03-15" }),
  });
  expect(added.status).toBe(201);

  await context.setOffline(false);
  await expect(console_.getByTestId("reconnecting")).toHaveCount(0, { timeout: 20_000 });
  await expect(plan.getByTestId("action-plan-item").locator(".action-plan__text")).toHaveText(["Samen op werkbezoek"]);
  await context.close();
});
