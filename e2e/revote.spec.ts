/** Vote again as the room sees it: phones start empty, the projector draws both rounds with each answer's shift. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createSession, participant } from "./console-helpers";
import { drawnSplit } from "./groups-helpers";
import { local } from "./pages";
import { calmScreen, joinMasks } from "./screen-helpers";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

test("vote again: empty phones, both rounds side by side on the projector and the console, each answer's shift drawn", async ({ browser, request, baseURL }) => {
  const session = await createSession(request, { title: "Na de discussie", template: "challenges" });
  // Round 1: four people; three recognise power play.
  const room = await Promise.all(["a", "b", "c", "d"].map((name) => participant(baseURL ?? "", session, name)));
  await room[0]?.vote({ optionIds: ["power-play", "enemy-image"] });
  await room[1]?.vote({ optionIds: ["power-play"] });
  await room[2]?.vote({ optionIds: ["power-play"] });
  await room[3]?.vote({ optionIds: ["shared-ambition"] });

  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const consolePage = await consoleContext.newPage();
  await consolePage.goto(local(session.links.host));
  const phoneContext = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(local(session.links.join));
  await phone.getByTestId("option-staff-instability").check();
  await phone.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await expect(consolePage.getByTestId("respondents-count")).toHaveText("5");

  await consolePage.getByRole("button", { name: "Opnieuw laten stemmen" }).click();
  await expect(consolePage.getByTestId("console-message")).toHaveText("Nieuwe ronde geopend: de gsm's zijn leeg, de vorige ronde staat ernaast.");
  // The phone starts empty: nothing ticked, no receipt, the send button waiting.
  await expect(phone.getByTestId("receipt")).toHaveCount(0);
  await expect(phone.getByTestId("option-staff-instability")).not.toBeChecked();

  // Round 2: the phone and two others; power play is recognised by one of three.
  await phone.getByTestId("option-power-play").check();
  await phone.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await room[0]?.vote({ optionIds: ["shared-ambition"] });
  await room[1]?.vote({ optionIds: ["shared-ambition", "enemy-image"] });

  const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const screen = await screenContext.newPage();
  await screen.goto(local(session.links.screen));
  await expect(screen.getByTestId("split-chart")).toBeVisible();
  await expect.poll(async () => (await drawnSplit(screen)).legend).toEqual(["Vorige ronde n = 5", "Deze ronde n = 3"]);
  const drawn = await drawnSplit(screen);
  // Power play: 3 of 5 (60 %) before, 1 of 3 (33 %) now: −27 points. Shared ambition: 20 % before, 67 % now: +47.
  expect(drawn.text).toContain("Machtsspel · −27 pp");
  expect(drawn.text).toContain("Gebrek aan gedeelde ambitie · +47 pp");
  expect(drawn.text).toContain("Vijandbeeld · +13 pp");
  expect(drawn.text).toContain("Personele instabiliteit · −20 pp");
  expect(drawn.text).toContain("Onderorganisatie · ±0 pp");
  expect(drawn.columns[0]).toContain("60% (3)");
  expect(drawn.columns[1]).toContain("33% (1)");
  await expect(screen.getByTestId("split-chart")).toContainText("Vorige ronde en deze ronde, met de verschuiving per antwoord");
  expect((await new AxeBuilder({ page: screen }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("revote-screen-1280x720.png", { mask: joinMasks(screen) });
  // The console draws the same, and the whole chart stays in the live panel.
  await expect.poll(async () => (await drawnSplit(consolePage)).legend).toEqual(["Vorige ronde n = 5", "Deze ronde n = 3"]);
  expect((await drawnSplit(consolePage)).text).toContain("Machtsspel · −27 pp");
  // The report draws both rounds the same way, with the shift to the last one; the console's tab knows the key.
  await consolePage.goto(`/s/${session.id}/report`);
  const rounds = consolePage.getByTestId("report-split").first();
  await expect(rounds).toContainText("Alle rondes naast elkaar, met de verschuiving van de voorlaatste ronde naar de laatste");
  await expect(rounds).toContainText("Machtsspel · −27 pp");
  await expect(rounds).toContainText("Ronde 1");
  await expect(rounds).toContainText("Ronde 2");
  await expect(rounds.getByRole("columnheader", { name: "Ronde", exact: true })).toBeVisible();
  expect((await new AxeBuilder({ page: consolePage }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
  for (const person of room) person.close();
  for (const context of [consoleContext, screenContext, phoneContext]) await context.close();
});
