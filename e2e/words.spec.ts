/** The word cloud as the room sees it: typed on a 320 px phone, drawn on the projector, moderated on the console. */
import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createSession, facilitator, participant } from "./console-helpers";
import { local } from "./pages";
import { calmScreen, joinMasks } from "./screen-helpers";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

/** The words drawn in the cloud, read from the drawing: text, font size and where it lies. */
async function drawnWords(page: Page) {
  return page.getByTestId("word-cloud").evaluate((figure) => {
    const svg = figure.querySelector("svg")?.getBoundingClientRect();
    return [...figure.querySelectorAll("text[data-key]")].map((t) => {
      const box = t.getBoundingClientRect();
      const inside = !!svg && box.left >= svg.left - 1 && box.right <= svg.right + 1 && box.top >= svg.top - 1 && box.bottom <= svg.bottom + 1;
      return { key: t.getAttribute("data-key") ?? "", text: t.textContent ?? "", size: parseFloat(getComputedStyle(t).fontSize), x: Math.round(box.left), y: Math.round(box.top), inside };
    });
  });
}

test("a word cloud: phones send words, the projector draws them once each in their common form, a hidden word leaves, a vote moves nothing", async ({ browser, request, baseURL }) => {
  const session = await createSession(request, { title: "Wat ontbreekt?", template: "empty" });
  const host = await facilitator(baseURL ?? "", session);
  const questionId = await host.add({ kind: "words", prompt: "Wat ontbreekt er nog aan tafel?" });
  await host.activate(questionId);
  host.close();

  const phoneContext = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(local(session.links.join));
  await phone.getByLabel("Woord 1").fill("Vertrouwen");
  await phone.getByLabel("Woord 2").fill("de tijd");
  await phone.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(phone.getByTestId("receipt")).toBeVisible();
  const layout = await phone.evaluate(() => ({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth }));
  expect(layout).toEqual({ inner: 320, scroll: 320 });

  const room = await Promise.all(["a", "b", "c", "d"].map((n) => participant(baseURL ?? "", session, n)));
  await room[0]?.socket.emitWithAck("vote:cast", { questionId, words: ["vertrouwen", "Geld"] });
  await room[1]?.socket.emitWithAck("vote:cast", { questionId, words: ["VERTROUWEN", "geld", "ruimte"] });
  await room[2]?.socket.emitWithAck("vote:cast", { questionId, words: ["Coöperatie"] });

  const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const screen = await screenContext.newPage();
  await screen.goto(local(session.links.screen));
  await expect.poll(async () => (await drawnWords(screen)).map((w) => w.text).sort()).toEqual(["Coöperatie", "Geld", "Vertrouwen", "de tijd", "ruimte"]);
  const before = await drawnWords(screen);
  for (const w of before) expect(w.inside, `${w.text} lies inside the cloud`).toBe(true);
  const size = (key: string) => before.find((w) => w.key === key)?.size ?? 0;
  // The most named word is the largest, and large enough for the back of the room.
  expect(size("vertrouwen")).toBeGreaterThan(size("geld"));
  expect(size("geld")).toBeGreaterThan(size("ruimte"));
  expect(Math.min(...before.map((w) => w.size))).toBeGreaterThanOrEqual(20);
  expect((await new AxeBuilder({ page: screen }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("words-screen-1280x720.png", { mask: joinMasks(screen) });

  // One more vote that changes no word's size step (the most named word grows, the others keep theirs): nothing
  // moves. (A word that reaches the next size step makes room, and the words placed after it may move.)
  await room[3]?.socket.emitWithAck("vote:cast", { questionId, words: ["Vertrouwen"] });
  await expect(screen.getByTestId("cloud-list")).toContainText("Vertrouwen: 4");
  const after = await drawnWords(screen);
  const moved = after.filter((w) => {
    const was = before.find((b) => b.key === w.key);
    return was && w.size === was.size && (was.x !== w.x || was.y !== w.y);
  });
  expect(moved.map((w) => w.text)).toEqual([]);

  // The console hides a word: it leaves the projector, and stays on the console, marked.
  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const consolePage = await consoleContext.newPage();
  await consolePage.goto(local(session.links.host));
  await consolePage.getByRole("button", { name: /Verbergen: Geld/ }).click();
  await expect.poll(async () => (await drawnWords(screen)).map((w) => w.key)).not.toContain("geld");
  await expect(consolePage.getByTestId("moderation")).toContainText("Geld (2)");
  // While votes come in, the console's cloud (motion on) keeps every word drawn and inside its box as words slide.
  const votes = (async () => {
    for (const [i, word] of ["tijd", "Ruimte", "ruimte", "mandaat"].entries()) await room[i % 4]?.socket.emitWithAck("vote:cast", { questionId, words: [word] });
  })();
  const looks: string[] = [];
  for (let frame = 0; frame < 12; frame++) {
    const drawn = await drawnWords(consolePage);
    looks.push(drawn.length > 0 && drawn.every((w) => w.inside && w.text !== "") ? "ok" : JSON.stringify(drawn));
    await consolePage.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  }
  await votes;
  expect(looks.filter((l) => l !== "ok")).toEqual([]);
  await expect(consolePage.getByTestId("cloud-list")).toContainText("mandaat: 1");
  expect((await new AxeBuilder({ page: consolePage }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);

  // The report draws the cloud and gives it as an SVG file.
  await consolePage.goto(`/s/${session.id}/report`);
  const cloud = consolePage.getByTestId("report-cloud");
  await expect(cloud.getByTestId("cloud-word").first()).toBeVisible();
  const [file] = await Promise.all([consolePage.waitForEvent("download"), cloud.getByTestId("cloud-svg").click()]);
  const svg = await readFile(await file.path(), "utf8");
  expect(svg).toMatch(/^<svg/);
  expect(svg).toContain("Vertrouwen");
  expect(svg).not.toContain("Geld");
  for (const person of room) person.close();
  for (const context of [phoneContext, screenContext, consoleContext]) await context.close();
});

for (const language of ["nl", "en", "fr"] as const) {
  test(`a word cloud passes axe on the projector, the console and a 320 px phone with the results shown, in ${language}`, async ({ browser, request, baseURL }) => {
    const session = await createSession(request, { title: "Cloud", template: "empty", language });
    const host = await facilitator(baseURL ?? "", session);
    const questionId = await host.add({ kind: "words", prompt: { nl: "Eén woord?", en: "One word?", fr: "Un mot ?" }[language] });
    await host.activate(questionId);
    host.close();
    const people = await Promise.all(["a", "b"].map((n) => participant(baseURL ?? "", session, n)));
    await people[0]?.socket.emitWithAck("vote:cast", { questionId, words: ["trust", "time"] });
    await people[1]?.socket.emitWithAck("vote:cast", { questionId, words: ["Trust"] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(local(session.links.host));
    await expect(page.getByTestId("cloud-word").first()).toBeVisible();
    await page.getByTestId("toggle-results").click();
    expect((await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
    await page.goto(local(session.links.screen));
    await expect(page.getByTestId("cloud-word").first()).toBeVisible();
    expect((await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
    await context.close();
    const phoneContext = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    await phone.goto(local(session.links.join));
    await expect(phone.getByTestId("word-count-trust")).toHaveText("2");
    await expect(phone.getByLabel({ nl: "Woord 1", en: "Word 1", fr: "Mot 1" }[language])).toBeVisible();
    const layout = await phone.evaluate(() => ({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth }));
    expect(layout).toEqual({ inner: 320, scroll: 320 });
    expect((await new AxeBuilder({ page: phone }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
    for (const person of people) person.close();
    await phoneContext.close();
  });
}
