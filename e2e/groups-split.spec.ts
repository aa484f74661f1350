/** Split live: the console splits the nine challenges by a grouping question, and the console and the screen draw it. */
import { expect, test, type Page } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { createSession, drawnSplit, expectedFigures, facilitator, PEOPLE, phone, sampleSplitFigures, sectorRoom, type Person } from "./groups-helpers";
import { CHALLENGE_IDS, local } from "./pages";
import { calmScreen, joinMasks, streamVotes } from "./screen-helpers";

const nl = (share: number, count: number) => `${share}% (${count})`;
const welzijn = PEOPLE.filter((p) => p.sector === "o1");
// Zorg (5) and Lokaal bestuur (2): Lokaal bestuur is too small, Zorg goes with it so that nothing can be subtracted.
const together = PEOPLE.filter((p) => p.sector !== "o1");
const SECTOR_NOTES = [
  "Samen in ‘Overige samen’: Zorg en Lokaal bestuur. Een groep met minder dan 5 respondenten tonen we nooit apart, ook niet zo dat je ze uit de andere kan terugrekenen.",
  "Nog niemand uit: Andere.",
];

/** The split as a person reads it on this page: legend, figures per column, notes; and nothing of the small groups. */
async function expectSectorSplit(page: Page, people: { welzijn: readonly Person[]; together: readonly Person[] }) {
  await expect(page.getByTestId("split-legend-item")).toHaveText(["Welzijn n = 6", "Overige samen n = 7"]);
  await expect(page.getByTestId("split-note")).toHaveText(SECTOR_NOTES);
  await expect.poll(async () => (await drawnSplit(page)).columns).toEqual([expectedFigures(people.welzijn, nl), expectedFigures(people.together, nl)]);
  const { legend, text } = await drawnSplit(page);
  expect(legend).toEqual(["Welzijn n = 6", "Overige samen n = 7"]);
  // Zorg and Lokaal bestuur are named only in the note; their own sizes are drawn nowhere.
  expect(text).not.toMatch(/n = [25]\b/);
  expect(text.replace(SECTOR_NOTES[0] ?? "", "")).not.toMatch(/Lokaal bestuur|Zorg/);
}

test("the console splits the nine challenges by sector and by role; console and screen draw a bar per group per option with its figure", async ({ browser, request, baseURL }) => {
  const room = await sectorRoom(baseURL ?? "", request, { title: "Per sector" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const console_ = await context.newPage();
  await console_.goto(local(room.session.links.host));
  await expect(console_.getByTestId("respondents-count")).toHaveText("13");
  const screen = await context.newPage();
  await screen.goto(local(room.session.links.screen));
  await expect(screen.getByTestId("respondents")).toHaveText("n = 13");
  await expect(screen.getByTestId("split-chart")).toHaveCount(0);

  // The facilitator splits by sector: the screen follows without a touch.
  const select = console_.getByLabel("Resultaten uitsplitsen per groep");
  await expect(select).toHaveValue("");
  await select.selectOption({ label: "Volgens vraag 11: Vanuit welke sector kom je?" });
  for (const page of [console_, screen]) await expectSectorSplit(page, { welzijn, together });
  // Nine options, a bar per shown group on each, every one with its figure.
  await expect(screen.locator(".split-bars__plot .results-bar__fill")).toHaveCount(18);
  await expect(screen.getByTestId("respondents")).toHaveText("n = 13");

  // By role: both groups are large enough, so both are shown and nothing is said about withheld groups.
  await select.selectOption({ label: "Volgens vraag 4: Welke rol speel je zelf in het netwerk?" });
  const participants = PEOPLE.filter((p) => p.role === "participant");
  const managers = PEOPLE.filter((p) => p.role === "network-manager");
  for (const page of [console_, screen]) {
    await expect(page.getByTestId("split-legend-item")).toHaveText(["Deelnemer n = 8", "Netwerkmanager n = 5"]);
    await expect.poll(async () => (await drawnSplit(page)).columns).toEqual([expectedFigures(participants, nl), expectedFigures(managers, nl)]);
    await expect(page.getByTestId("split-note")).toHaveCount(0);
  }

  // No split: the plain chart again, everywhere.
  await select.selectOption({ label: "Niet uitsplitsen" });
  for (const page of [console_, screen]) {
    await expect(page.getByTestId("split-chart")).toHaveCount(0);
    await expect(page.getByTestId("results-chart")).toBeVisible();
  }
  room.close();
  await context.close();
});

test("the split follows live votes on the console and the screen", async ({ browser, request, baseURL }) => {
  const room = await sectorRoom(baseURL ?? "", request, { title: "Live per sector", splitBy: "sector" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const console_ = await context.newPage();
  await console_.goto(local(room.session.links.host));
  const screen = await context.newPage();
  await screen.goto(local(room.session.links.screen));
  for (const page of [console_, screen]) await expectSectorSplit(page, { welzijn, together });

  // Two people of Welzijn change their answer: its figures change, the other column keeps its own.
  const changed = welzijn.map((p, i) => (i < 2 ? { ...p, challenges: [...p.challenges, "different-hats"] } : p));
  await Promise.all([0, 1].map((i) => room.phones[i]?.vote(room.ids.challenges, { optionIds: changed[i]?.challenges ?? [] })));
  for (const page of [console_, screen]) {
    await expect.poll(async () => (await drawnSplit(page)).columns).toEqual([expectedFigures(changed, nl), expectedFigures(together, nl)]);
    expect((await drawnSplit(page)).columns[0]?.[7]).toBe("33% (2)");
  }
  room.close();
  await context.close();
});

test("a dot vote split by role: each group's dots per option, rows most dots of everyone first, on the console and the screen", async ({ browser, request, baseURL }) => {
  const room = await sectorRoom(baseURL ?? "", request, { title: "Stippen per rol" });
  const dots = await room.host.add({ kind: "dots", prompt: "Waar steken we onze tijd in?", options: ["Wonen", "Zorg", "Werk"], maxChoices: 3 });
  await room.host.activate(dots);
  // The 5 network managers put their 3 dots on Wonen; the 8 participants 2 on Werk and 1 on Zorg.
  await Promise.all(PEOPLE.map((p, i) => room.phones[i]?.vote(dots, { optionIds: p.role === "network-manager" ? ["o1", "o1", "o1"] : ["o2", "o3", "o3"] })));
  await room.host.split(room.ids.role);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const console_ = await context.newPage();
  await console_.goto(local(room.session.links.host));
  const screen = await context.newPage();
  await screen.goto(local(room.session.links.screen));
  for (const page of [console_, screen]) {
    await expect(page.getByTestId("split-legend-item")).toHaveText(["Deelnemer n = 8", "Netwerkmanager n = 5"]);
    // Werk 16, Wonen 15, Zorg 8 dots in all: that order, each group's own dots at the end of its bars.
    await expect(page.locator('[data-testid="split-chart"] .results-bars__label')).toHaveText(["Wonen", "Zorg", "Werk"]);
    await expect.poll(async () => (await drawnSplit(page)).columns).toEqual([
      ["16 stippen", "0 stippen", "8 stippen"],
      ["0 stippen", "15 stippen", "0 stippen"],
    ]);
    await expect(page.getByTestId("split-chart")).toContainText("Stippen per optie");
  }
  // Top to bottom as drawn: Werk, Wonen, Zorg.
  const drawnOrder = await screen.locator('[data-testid="split-chart"] .results-bars__label').evaluateAll((els) =>
    els.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((el) => (el.textContent ?? "").trim()),
  );
  expect(drawnOrder).toEqual(["Werk", "Wonen", "Zorg"]);
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("screen-split-dots-1280x720.png", { mask: joinMasks(screen) });
  room.close();
  await context.close();
});

test("a dot vote's split keeps each group's dots at the end of its bar in every frame while dots stream in, motion on", async ({ browser, request, baseURL }) => {
  const room = await sectorRoom(baseURL ?? "", request, { title: "Stippen per rol in beweging", splitBy: "role" });
  const dots = await room.host.add({ kind: "dots", prompt: "Waar steken we onze tijd in?", options: ["Wonen", "Zorg", "Werk"], maxChoices: 3 });
  await room.host.activate(dots);
  await Promise.all(PEOPLE.map((p, i) => room.phones[i]?.vote(dots, { optionIds: p.role === "network-manager" ? ["o1", "o1", "o1"] : ["o2", "o3", "o3"] })));
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await context.newPage();
  await screen.goto(local(room.session.links.screen));
  await expect(screen.getByTestId("split-legend-item")).toHaveText(["Deelnemer n = 8", "Netwerkmanager n = 5"]);
  // 30 more phones without a role spread dots again and again: a third column ("Geen antwoord") that keeps moving,
  // and rows that change places as the totals turn over.
  const stream = await streamVotes(baseURL ?? "", room.session, { optionIds: ["o1", "o2", "o3"], prefix: "dots-split-stream" });
  try {
    await expect(screen.getByTestId("split-legend-item")).toHaveText(["Deelnemer n = 8", "Netwerkmanager n = 5", "Geen antwoord n = 30"]);
    const result = await sampleSplitFigures(screen, { frames: 40, updates: 10, maxMs: 8000 });
    console.log(`dots split: ${result.samples} frames, ${result.updates} different results`);
    expect(result.failures, "frames with a missing or misplaced number of dots").toEqual([]);
    expect(result.samples).toBeGreaterThanOrEqual(15);
    expect(result.updates).toBeGreaterThanOrEqual(6);
    // A picture mid-stream to look at (taken after sampling: a screenshot stalls the frames it would sample).
    await screen.screenshot({ path: test.info().outputPath("screen-split-dots-streaming-1920x1080.png") });
  } finally {
    await stream.stop();
    room.close();
    await context.close();
  }
});

// The plain chart once lost its figures while votes streamed in (recharts waited for animations that kept restarting);
// the split draws each group's bars with the same shapes, and is held to the same standard.
test("the split keeps every figure at the end of its bar in every frame while 30 phones vote several times a second", async ({ browser, request, baseURL }) => {
  const session: CreatedSession = await createSession(request, { title: "Stroom per rol", template: "article" });
  const host = await facilitator(baseURL ?? "", session);
  const role = host.byTemplate("check3-role");
  await host.activate(role);
  // The streaming phones say their role first: half participants, half network managers.
  const voters = await Promise.all(Array.from({ length: 30 }, (_, i) => phone(baseURL ?? "", session, `split-stream-${i}`)));
  await Promise.all(voters.map((v, i) => v.vote(role, { optionIds: [i % 2 === 0 ? "participant" : "network-manager"] })));
  for (const v of voters) v.close();
  await host.activate(host.byTemplate("nine-challenges"));
  await host.split(role);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await context.newPage();
  await screen.goto(local(session.links.screen));
  await expect(screen.getByTestId("results-chart")).toBeVisible();
  const stream = await streamVotes(baseURL ?? "", session, { optionIds: CHALLENGE_IDS.slice(0, 7), prefix: "split-stream" });
  try {
    await expect(screen.getByTestId("split-legend-item")).toHaveText(["Deelnemer n = 15", "Netwerkmanager n = 15"]);
    const result = await sampleSplitFigures(screen, { frames: 40, updates: 10, maxMs: 8000 });
    console.log(`split: ${result.samples} frames, ${result.updates} different results`);
    expect(result.failures, "frames with a missing or misplaced figure").toEqual([]);
    expect(result.samples).toBeGreaterThanOrEqual(15);
    expect(result.updates).toBeGreaterThanOrEqual(6);
  } finally {
    await stream.stop();
    host.close();
    await context.close();
  }
});
