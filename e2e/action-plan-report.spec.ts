/**
 * From challenges to actions in the report: a first measurement's room proposes and dot-votes actions, the plan is
 * made over HTTP, and the second measurement's room says how far each action got. The second measurement's report
 * draws the previous plan's progress above the network's trend and its own plan on a page of its own; it reads on a
 * 320 px phone, passes axe in nl, en and fr, and the plan's section has a screenshot baseline.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { io } from "socket.io-client";
import type { ActionView, CreatedMeasurement, CreatedSession, QuestionView, SessionState } from "../lib/protocol";
import { createSession, facilitator, rememberSessions, vote } from "./views-data";

const bearer = (session: CreatedSession) => ({ authorization: `Bearer ${session.hostKey}` });

async function addAction(request: APIRequestContext, session: CreatedSession, data: Record<string, unknown>): Promise<ActionView> {
  const res = await request.post(`/api/sessions/${session.id}/actions`, { headers: bearer(session), data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as ActionView;
}

/** The facilitator's view of the session right now (its active question's results, open answers included). */
async function hostState(baseURL: string, session: CreatedSession): Promise<SessionState> {
  const socket = io(baseURL, { auth: { sessionId: session.id, hostKey: session.hostKey }, transports: ["websocket"], forceNew: true });
  const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
  socket.disconnect();
  return state;
}

/**
 * Measurement 1: six phones choose (power play most), propose three actions for it and spread their dots; two
 * proposals become actions. Measurement 2: five phones review them (the visit done, the agenda not started) and
 * choose the challenges again; its own plan gets three actions, one from nobody's dot vote with a long word.
 */
async function twoMeasurements(request: APIRequestContext, baseURL: string) {
  const first = await createSession(request, { title: "Zorgnetwerk Gent", template: "challenges" });
  const host = await facilitator(baseURL, first);
  const challenges = host.questions[0]?.id ?? "";
  await vote(baseURL, first, [["power-play", "enemy-image"], ["power-play"], ["power-play", "staff-instability"], ["enemy-image"], ["power-play"], ["different-hats"]], "m1");
  const { questions } = await host.command<{ questions: QuestionView[] }>("actions:prompts", { questionId: challenges, topN: 1 });
  const prompt = questions[0]!;
  await vote(baseURL, first, ["Samen op werkbezoek bij elke partner", "Agenda een week vooraf rondsturen", "Beslissingen op papier"], "prop");
  const answers = (await hostState(baseURL, first)).results?.answers ?? [];
  expect(answers).toHaveLength(3);
  const dots = (await host.command<{ question: QuestionView }>("actions:dots", { proposals: answers.map((a) => ({ questionId: prompt.id, answerId: a.id })), budget: 3 })).question;
  // The proposals came in at once, so the options' order varies: find each by its text.
  const idOf = (label: string) => dots.options.find((o) => o.label === label)?.id ?? "";
  const [visit, agenda, paper] = ["Samen op werkbezoek bij elke partner", "Agenda een week vooraf rondsturen", "Beslissingen op papier"].map(idOf) as [string, string, string];
  await vote(baseURL, first, [[visit, visit, agenda], [visit, paper, paper], [agenda, agenda, visit], [visit, agenda], [paper]], "dots");
  host.close();
  await addAction(request, first, { from: { questionId: dots.id, optionId: visit }, owner: "Sofie (OCMW)", due: "2027-03-15" });
  await addAction(request, first, { from: { questionId: dots.id, optionId: agenda }, owner: "Jan", due: "2027-02-01" });

  const res = await request.post(`/api/sessions/${first.id}/measurements`, { headers: bearer(first) });
  expect(res.status()).toBe(201);
  const second = (await res.json()) as CreatedMeasurement;
  const next = await facilitator(baseURL, second);
  const [reviewVisit, reviewAgenda, challengesAgain] = next.questions.map((q) => q.id) as [string, string, string];
  expect(next.state.question?.id).toBe(reviewVisit);
  await vote(baseURL, second, [["done"], ["done"], ["done"], ["under-way"], ["done"]], "r1");
  await next.activate(reviewAgenda);
  await vote(baseURL, second, [["not-started"], ["not-started"], ["under-way"], ["not-started"], ["done"]], "r2");
  await next.activate(challengesAgain);
  await vote(baseURL, second, [["power-play"], ["enemy-image"], ["power-play", "enemy-image"], [], ["staff-instability"]], "m2");
  next.close();
  await addAction(request, second, { text: "Een gedeelde casusbespreking per kwartaal", about: "enemy-image", owner: "Fatima (CAW)", due: "2027-09-30" });
  await addAction(request, second, { text: "Beslissingen op papier", about: "power-play", owner: "Jan", due: "2027-06-01" });
  await addAction(request, second, { text: "Samenwerkingsovereenkomstenregister bijhouden", about: null, owner: "Stuurgroep", due: "2027-12-31" });
  return { first, second };
}

let second: CreatedSession;
test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  ({ second } = await twoMeasurements(request, baseURL ?? ""));
  await request.dispose();
});

async function openReport(page: Page, language?: string) {
  await rememberSessions(page, [{ session: second, title: "Zorgnetwerk Gent · meting 2" }], language);
  await page.goto(`/s/${second.id}/report`);
  await expect(page.getByTestId("report-plan")).toBeVisible();
}

const PLAN_ROWS_NL = [
  ["Een gedeelde casusbespreking per kwartaal", "Vijandbeeld", "Fatima (CAW)", "30 september 2027"],
  ["Beslissingen op papier", "Machtsspel", "Jan", "1 juni 2027"],
  ["Samenwerkingsovereenkomstenregister bijhouden", "–", "Stuurgroep", "31 december 2027"],
];

test("the second measurement's report draws the previous plan's progress above the trend, and its own plan", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openReport(page);
  const review = page.getByTestId("report-plan-review");
  await expect(review.getByRole("heading", { level: 2 })).toHaveText("Voortgang vorig actieplan");
  await expect(review.getByTestId("plan-progress")).toHaveText("1 van 2 gedaan, 0 onderweg, 1 nog niet gestart");
  const items = review.getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).locator(".plan-review__prompt")).toHaveText("Actie van vorige keer: ‘Samen op werkbezoek bij elke partner’ (Sofie (OCMW), tegen 15 maart 2027). Hoe ver staat ze?");
  await expect(items.nth(0).locator(".plan-review__result")).toHaveText("Gedaan: Gedaan 4 · Onderweg 1 · Nog niet gestart 0 (n = 5)");
  await expect(items.nth(1).locator(".plan-review__verdict")).toHaveText("Nog niet gestart");
  await expect(items.nth(1).locator(".plan-review__counts")).toHaveText("Gedaan 1 · Onderweg 1 · Nog niet gestart 3 (n = 5)");
  // Right above the change in the challenges.
  const trend = page.getByTestId("report-trend");
  await expect(trend.getByRole("rowheader", { name: "Machtsspel" })).toBeVisible();
  const [reviewBox, trendBox] = [await review.boundingBox(), await trend.boundingBox()];
  expect(reviewBox && trendBox && trendBox.y - (reviewBox.y + reviewBox.height)).toBeGreaterThanOrEqual(0);
  expect(reviewBox && trendBox && trendBox.y - (reviewBox.y + reviewBox.height)).toBeLessThan(60);

  const plan = page.getByTestId("report-plan");
  await expect(plan.getByRole("heading", { level: 2 })).toHaveText("Actieplan");
  await expect(plan.getByRole("columnheader")).toHaveText(["Actie", "Vraagstuk", "Trekker", "Tegen"]);
  const rows = plan.locator("tbody tr");
  for (const [i, cells] of PLAN_ROWS_NL.entries()) await expect(rows.nth(i).locator("th, td")).toHaveText(cells);
  await expect(page.getByTestId("report-summary").getByRole("link", { name: "3 acties" })).toHaveAttribute("href", "#plan");

  // On paper the plan starts a page of its own, and the look back (progress and trend) one too.
  await page.emulateMedia({ media: "print" });
  expect(await plan.evaluate((el) => getComputedStyle(el).breakBefore)).toBe("page");
  expect(await page.locator(".report__lookback").evaluate((el) => getComputedStyle(el).breakBefore)).toBe("page");
});

test("the plan's section as drawn (screenshot baseline)", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openReport(page);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect(page.getByTestId("report-plan")).toHaveScreenshot("action-plan-1280.png");
  await expect(page.getByTestId("report-plan-review")).toHaveScreenshot("plan-review-1280.png");
  // A 320 px phone: the table scrolls in its region, the text wraps.
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(page.getByTestId("report-plan")).toHaveScreenshot("action-plan-320.png");
});

test("reads on a 320 px phone without sideways scrolling; the plan's table scrolls in its own region", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await openReport(page);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Measured as the phone has it: a too-wide page would widen the layout viewport and zoom out.
  const layout = await page.evaluate(() => ({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth, scale: window.visualViewport?.scale }));
  expect(layout).toEqual({ inner: 320, scroll: 320, scale: 1 });
  // The table's own region, named by the section's heading like the trend table's: reachable by keyboard.
  const region = page.getByTestId("report-plan").locator("[role=region]");
  await expect(region).toHaveAccessibleName("Actieplan");
  await expect(region).toHaveAttribute("tabindex", "0");
  // The table is wider than the phone and scrolls inside its region: scrolled, its last column comes into view.
  const scroll = await region.evaluate((el) => {
    const before = { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, right: el.getBoundingClientRect().right };
    el.scrollLeft = el.scrollWidth;
    const lastHeader = el.querySelector("thead th:last-child")?.getBoundingClientRect();
    return { ...before, scrolled: el.scrollLeft, lastRight: lastHeader?.right ?? NaN };
  });
  expect(scroll.scrollWidth).toBeGreaterThan(scroll.clientWidth);
  expect(scroll.right).toBeLessThanOrEqual(320);
  expect(scroll.scrolled).toBeGreaterThan(0);
  expect(scroll.lastRight).toBeLessThanOrEqual(320);
  const progress = await page.getByTestId("plan-progress").evaluate((el) => el.getBoundingClientRect().right);
  expect(progress).toBeLessThanOrEqual(320);
  await context.close();
});

for (const language of ["nl", "en", "fr"] as const) {
  test(`the report with a plan and its progress passes axe at WCAG 2.2 AA in ${language}`, async ({ page }) => {
    await openReport(page, language);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    const titles = { nl: ["Actieplan", "Voortgang vorig actieplan"], en: ["Action plan", "Progress of the previous plan"], fr: ["Plan d'action", "Avancement du plan précédent"] }[language];
    await expect(page.getByTestId("report-plan").getByRole("heading", { level: 2 })).toHaveText(titles[0]!);
    await expect(page.getByTestId("report-plan-review").getByRole("heading", { level: 2 })).toHaveText(titles[1]!);
    const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
