/**
 * Dot voting from the console's editor to the wall: the facilitator writes a dot vote, 320 px phones spread their
 * dots with the steppers, and the projector ranks the options, most dots first, read from what it draws. The
 * phone's ballot passes axe in nl, en and fr, and with motion on the ranking is sampled every frame while dots
 * come in. Each test makes its own session.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { CORE_MESSAGES } from "../lib/i18n";
import { DOTS_MESSAGES } from "../lib/messages/dots";
import { PHONE_MESSAGES } from "../lib/messages/phone";
import type { CreatedSession } from "../lib/protocol";
import { axeProblems, inEachLanguage, messageKeys, receiptInView } from "./axe-helpers";
import { createSession, facilitator, local, measureFit, openPhone, othersVote, smallTapTargets } from "./phone-room";
import { calmScreen, drawnRanking, joinMasks } from "./screen-helpers";

// The dots' words are a catalogue of their own (loaded with the ballot): their keys must not show either.
const KEYS = [...messageKeys(CORE_MESSAGES, PHONE_MESSAGES), ...Object.keys(DOTS_MESSAGES.nl)];
const OPTIONS = ["Wonen", "Zorg en welzijn voor wie er het meest nood aan heeft, ook buiten de kantooruren", "Werk", "Vervoer"];
const DRAFT = { kind: "dots", prompt: "Waar steken we volgend jaar onze tijd in?", options: OPTIONS, maxChoices: 3 } as const;

const send = (phone: Page) => phone.locator("form button[type=submit]").click();
const tap = async (phone: Page, optionId: string, step: "add" | "remove", times = 1) => {
  for (let i = 0; i < times; i++) await phone.getByTestId(`dots-${step}-${optionId}`).click();
};


async function screenPage(browser: Browser, session: CreatedSession, reducedMotion: "reduce" | "no-preference") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion });
  const page = await context.newPage();
  await page.goto(local(session.links.screen));
  await expect(page.getByTestId("screen-view")).toBeVisible();
  return { context, page };
}

test("the facilitator writes a dot vote, three 320 px phones spread their dots, and the projector ranks them most dots first", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Stippen verdelen", "empty");
  // The console, as the facilitator writes the question in its editor.
  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const console_ = await consoleContext.newPage();
  await console_.goto(local(session.links.host));
  const editor = console_.getByTestId("question-editor");
  await editor.getByLabel("Soort vraag").selectOption({ label: "Stippen verdelen" });
  await expect(editor.getByLabel("Stippen per deelnemer (1 tot 10)")).toHaveValue("3");
  await editor.getByLabel("Vraagtekst").fill(DRAFT.prompt);
  for (const [i, label] of OPTIONS.entries()) {
    if (i >= 2) await editor.getByRole("button", { name: "Optie toevoegen" }).click();
    await editor.getByLabel(`Optie ${i + 1}`, { exact: true }).fill(label);
  }
  // A budget outside 1..10 is named before anything is sent.
  await editor.getByLabel("Stippen per deelnemer (1 tot 10)").fill("12");
  await editor.getByRole("button", { name: "Vraag opslaan" }).click();
  await expect(editor.getByTestId("editor-hints")).toHaveText("Geef elke deelnemer 1 tot 10 stippen (een geheel getal).");
  await editor.getByLabel("Stippen per deelnemer (1 tot 10)").fill("3");
  await editor.getByRole("button", { name: "Vraag opslaan" }).click();
  await expect(console_.getByTestId("question-item")).toHaveCount(1);
  await expect(console_.getByTestId("question-item")).toContainText("Stippen verdelen");

  const { context: screenContext, page: screen } = await screenPage(browser, session, "reduce");
  const phones = await Promise.all([0, 1, 2].map(() => openPhone(browser, local(session.links.join), { width: 320, height: 640, reducedMotion: true })));
  const [a, b, c] = phones.map((p) => p.page) as [Page, Page, Page];
  for (const phone of [a, b, c]) await expect(phone.getByTestId("dots-left")).toHaveText("3 van 3 stippen over");
  // Before the first dot the console's question tools change the budget, and every phone follows.
  const budget = console_.getByLabel("Stippen per deelnemer", { exact: true });
  await expect(budget).toHaveValue("3");
  await expect(budget.locator("option")).toHaveText(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  await budget.selectOption("5");
  for (const phone of [a, b, c]) await expect(phone.getByTestId("dots-left")).toHaveText("5 van 5 stippen over");
  await budget.selectOption("3");
  for (const phone of [a, b, c]) await expect(phone.getByTestId("dots-left")).toHaveText("3 van 3 stippen over");

  // A: all three dots on Zorg. + is off once the budget is spent, − is off on an option without dots.
  await expect(a.getByTestId("dots-remove-o2")).toBeDisabled();
  await expect(a.locator("form button[type=submit]")).toBeDisabled();
  await tap(a, "o2", "add", 3);
  await expect(a.getByTestId("dots-count-o2")).toHaveText("3");
  await expect(a.getByTestId("dots-left")).toHaveText("0 van 3 stippen over");
  for (const id of ["o1", "o2", "o3", "o4"]) await expect(a.getByTestId(`dots-add-${id}`)).toBeDisabled();
  await expect(a.getByTestId("dots-remove-o1")).toBeDisabled();
  // The last dot's + turned off under the thumb: focus went to the − of the same option, not to the page.
  await expect(a.getByTestId("dots-remove-o2")).toBeFocused();
  // The ballot fits a 320 px phone as mobile emulation has it: no zoomed-out, wider layout viewport.
  const fit = await measureFit(a, 320, 640);
  expect(fit, `the ballot at 320 px: ${fit.widest.join("; ")}`).toMatchObject({ innerWidth: 320, scrollWidth: 320, scale: 1 });
  expect(await smallTapTargets(a, "dots ballot at 320 px")).toEqual([]);
  await a.evaluate(() => document.fonts.ready.then(() => undefined));
  await a.evaluate(() => window.scrollTo(0, 0));
  await expect(a).toHaveScreenshot("dots-ballot-phone-320.png");
  await send(a);
  await expect(a.getByTestId("receipt")).toBeVisible();
  // Once a ballot is in, the budget stays as it was voted with.
  await expect(budget).toBeDisabled();

  // B: one on Zorg, two on Werk. C: places and takes back, ends with two on Vervoer and one on Wonen.
  await tap(b, "o2", "add");
  await tap(b, "o3", "add", 2);
  await send(b);
  await tap(c, "o3", "add");
  await tap(c, "o4", "add", 2);
  await tap(c, "o3", "remove");
  await expect(c.getByTestId("dots-left")).toHaveText("1 van 3 stippen over");
  await tap(c, "o1", "add");
  await send(c);
  for (const phone of [b, c]) await expect(phone.getByTestId("receipt")).toBeVisible();

  // Zorg 4, Werk 2, Vervoer 2 (a tie keeps the question's order), Wonen 1.
  await expect(screen.getByTestId("respondents")).toHaveText("n = 3");
  await expect(screen.getByTestId("dots-total")).toHaveText("Stippen in totaal: 9");
  await expect.poll(() => drawnRanking(screen)).toEqual([`${OPTIONS[1]} · 4 stippen`, "Werk · 2 stippen", "Vervoer · 2 stippen", "Wonen · 1 stip"]);
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("dots-ranking-screen-1280x720.png", { mask: joinMasks(screen) });
  await screen.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(() => drawnRanking(screen)).toEqual([`${OPTIONS[1]} · 4 stippen`, "Werk · 2 stippen", "Vervoer · 2 stippen", "Wonen · 1 stip"]);
  await expect(screen).toHaveScreenshot("dots-ranking-screen-1920x1080.png", { mask: joinMasks(screen) });

  // The console shows the same ranking; a phone changing its mind moves it.
  await expect.poll(() => drawnRanking(console_)).toEqual([`${OPTIONS[1]} · 4 stippen`, "Werk · 2 stippen", "Vervoer · 2 stippen", "Wonen · 1 stip"]);
  await tap(c, "o1", "remove");
  await tap(c, "o3", "add");
  await send(c);
  await expect(c.getByTestId("receipt")).toBeVisible();
  await expect.poll(() => drawnRanking(screen)).toEqual([`${OPTIONS[1]} · 4 stippen`, "Werk · 3 stippen", "Vervoer · 2 stippen", "Wonen · 0 stippen"]);
  await expect.poll(() => drawnRanking(console_)).toEqual([`${OPTIONS[1]} · 4 stippen`, "Werk · 3 stippen", "Vervoer · 2 stippen", "Wonen · 0 stippen"]);

  // Results shown on the phones: the same ranking, most dots first, the phone's own options marked.
  const host = await facilitator(baseURL ?? "", session);
  await host.showResults(host.activeId ?? "");
  await expect(a.getByTestId("phone-results").locator("li")).toHaveText([/^1\. Zorg.*jouw keuze.*4 stippen$/, /^2\. Werk.*3 stippen$/, /^3\. Vervoer.*2 stippen$/, /^4\. Wonen.*0 stippen$/]);
  host.close();
  await Promise.all([...phones.map((p) => p.context.close()), screenContext.close(), consoleContext.close()]);
});

test("the dot ballot passes axe on a 320 px phone in nl, en and fr: placing, spent, sent, and the results", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Stippen toegankelijk", "empty", "fr");
  const host = await facilitator(baseURL ?? "", session);
  const questionId = (await host.add(DRAFT)).question.id;
  const { context, page } = await openPhone(browser, local(session.links.join), { width: 320, height: 640, language: "fr", reducedMotion: true });
  const problems: string[] = [];
  const scan = (state: string, ready?: () => Promise<void>) =>
    inEachLanguage(page, async (language) => {
      await ready?.();
      problems.push(...(await axeProblems(page, `${state} in ${language}`, KEYS)));
    });
  await expect(page.getByTestId("dots-left")).toHaveText("Gommettes restantes : 3 sur 3");
  await tap(page, "o1", "add");
  await scan("placing");
  await tap(page, "o3", "add", 2);
  await scan("spent", () => expect(page.getByTestId("dots-add-o2")).toBeDisabled());
  await send(page);
  await expect(page.getByTestId("receipt")).toBeVisible();
  await scan("sent", () => receiptInView(page));
  await othersVote(baseURL ?? "", session, [{ optionIds: ["o2", "o2"] }], "axe-dots");
  await host.showResults(questionId);
  await host.closeVoting(questionId);
  await expect(page.getByTestId("phone-results")).toBeVisible();
  await scan("results, voting closed", () => expect(page.getByTestId("phone-results")).toBeVisible());
  expect(problems).toEqual([]);
  host.close();
  await context.close();
});

test("the projector's dot ranking while dots stream in, motion on: every frame each row drawn whole, inside the window, never over another", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Stippen die bewegen", "empty");
  const host = await facilitator(baseURL ?? "", session);
  await host.add({ ...DRAFT, maxChoices: 5 });
  const { context, page: screen } = await screenPage(browser, session, "no-preference");
  await expect(screen.locator(".results-bars__label")).toHaveCount(4);

  type Row = { label: string; value: string; top: number; bottom: number; left: number; right: number; valueTop: number; valueBottom: number; valueRight: number };
  // The screen is sampled every frame until the test says stop; the frames are kept on the window so the test can
  // wait until the sampler itself has seen each round's dots.
  await screen.evaluate(() => {
    const w = window as unknown as { e2eFrames: unknown[]; e2eStop: boolean };
    w.e2eFrames = [];
    w.e2eStop = false;
    const frame = () => {
      const figure = document.querySelector('[data-testid="results-chart"]');
      const labels = [...(figure?.querySelectorAll<HTMLElement>(".results-bars__label") ?? [])];
      const bars = [...(figure?.querySelectorAll<SVGGElement>("g.results-bar") ?? [])];
      // A row: its label and the bar at the label's height, each read where it is painted in this frame.
      const rows = labels.map((el) => {
        const box = el.getBoundingClientRect();
        const middle = box.top + box.height / 2;
        const bar = bars
          .map((g) => ({ g, b: g.getBoundingClientRect() }))
          .sort((x, y) => Math.abs(x.b.top + x.b.height / 2 - middle) - Math.abs(y.b.top + y.b.height / 2 - middle))[0];
        const value = bar?.g.querySelector("text")?.getBoundingClientRect();
        return {
          label: el.innerText.replace(/\s+/g, " ").trim(),
          value: (bar?.g.querySelector("text")?.textContent ?? "").trim(),
          top: box.top,
          bottom: box.bottom,
          left: box.left,
          right: Math.max(box.right, bar?.b.right ?? 0),
          valueTop: value?.top ?? NaN,
          valueBottom: value?.bottom ?? NaN,
          valueRight: value?.right ?? NaN,
        };
      });
      w.e2eFrames.push(rows);
      if (!w.e2eStop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const dotsInLastFrame = () =>
    screen.evaluate(() => {
      const frames = (window as unknown as { e2eFrames: { value: string }[][] }).e2eFrames;
      return (frames.at(-1) ?? []).reduce((sum, row) => sum + (Number.parseInt(row.value, 10) || 0), 0);
    });
  // 16 participants in four rounds, each putting their dots where the ranking turns over: Vervoer first, then Werk,
  // then Wonen overtakes both. The next round goes out once the sampler has drawn this one's dots, so every frame
  // test below sees the rows move at least four times, however fast the machine.
  const spreads = [["o4"], ["o4", "o4"], ["o3", "o3", "o3"], ["o3", "o3"], ["o1", "o1", "o1", "o1", "o1"], ["o1", "o1", "o1"], ["o2"], ["o4", "o3"]];
  const ballots = [...spreads, ...spreads];
  let sent = 0;
  for (let round = 0; round < 4; round += 1) {
    const part = ballots.slice(round * 4, round * 4 + 4);
    await othersVote(baseURL ?? "", session, part.map((optionIds) => ({ optionIds })), `dots-stream-${round}`, true);
    sent += part.flat().length;
    await expect.poll(dotsInLastFrame).toBe(sent);
  }
  const frames = await screen.evaluate(() => {
    const w = window as unknown as { e2eFrames: Row[][]; e2eStop: boolean };
    w.e2eStop = true;
    return w.e2eFrames;
  });

  expect(frames.length).toBeGreaterThan(10);
  const totals = new Set(frames.map((rows) => rows.map((r) => r.value).join("|")));
  console.log(`dots: ${frames.length} frames, ${totals.size} different rankings`);
  expect(totals.size, "different rankings seen while sampling").toBeGreaterThanOrEqual(5);
  const problems: string[] = [];
  for (const [n, rows] of frames.entries()) {
    if (rows.length !== 4) problems.push(`frame ${n}: ${rows.length} rows`);
    const sorted = [...rows].sort((x, y) => x.top - y.top);
    for (const [i, row] of sorted.entries()) {
      if (!OPTIONS.includes(row.label) || !/^\d+ stip(pen)?$/.test(row.value)) problems.push(`frame ${n}, row ${i}: "${row.label}" · "${row.value}"`);
      if (row.top < 0 || row.bottom > 720 || row.left < 0 || row.right > 1280 || row.valueRight > 1280) problems.push(`frame ${n}, row ${i} (${row.label}) outside the window`);
      if (!(row.valueTop >= row.top - 2 && row.valueBottom <= row.bottom + 2)) problems.push(`frame ${n}, row ${i} (${row.label}): its dots are drawn off its row`);
      const above = sorted[i - 1];
      if (above && row.top < above.bottom - 0.5) problems.push(`frame ${n}: "${row.label}" over "${above.label}" (${Math.round(above.bottom - row.top)} px)`);
      // Rows take their place at once (no sliding), so every frame reads most dots first.
      if (above && Number.parseInt(row.value, 10) > Number.parseInt(above.value, 10)) problems.push(`frame ${n}: "${row.label}" (${row.value}) below "${above.label}" (${above.value})`);
    }
  }
  expect(problems.slice(0, 12)).toEqual([]);
  // Every dot shown at the end: Wonen 16, Werk 12, Vervoer 8, Zorg 2.
  await expect.poll(() => drawnRanking(screen)).toEqual(["Wonen · 16 stippen", "Werk · 12 stippen", "Vervoer · 8 stippen", `${OPTIONS[1]} · 2 stippen`]);
  host.close();
  await context.close();
});
