/** The console as a presenter uses it on a laptop beside a projector: what stays in view, what has a control, where focus goes. */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createSession, facilitator, participant } from "./console-helpers";
import { local } from "./pages";

/** Press Tab until the focused element matches, as a keyboard user would; focus must be visible where it lands. */
async function tabTo(page: Page, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      expect(await page.evaluate(() => document.activeElement?.matches(":focus-visible")), `visible focus on ${selector}`).toBe(true);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      expect(outline, `focus ring on ${selector}`).not.toBe("none");
      return;
    }
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

/** Whether the element lies wholly inside the window. */
async function inView(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  });
}

/** On how many lines the text `part` of an element is drawn (one rectangle per line), whatever its markup. */
function linesOf(element: Locator, part: string): Promise<number> {
  return element.evaluate((el, needle) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes: { node: Text; at: number }[] = [];
    let text = "";
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      nodes.push({ node, at: text.length });
      text += node.data;
    }
    const start = text.lastIndexOf(needle);
    if (start < 0) throw new Error(`"${needle}" is not in "${text}"`);
    const end = start + needle.length;
    const range = document.createRange();
    for (const { node, at } of nodes) {
      if (start >= at && start < at + node.data.length) range.setStart(node, start - at);
      if (end > at && end <= at + node.data.length) range.setEnd(node, end - at);
    }
    return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
  }, part);
}

const focusRing = (page: Page) => page.evaluate(() => document.activeElement !== document.body && (document.activeElement?.matches(":focus-visible") ?? false));

test("on a 1280x720 laptop the active question's switches and chart stay in view while the list scrolls; the editor opens in its row and focus comes back", async ({ browser, request, baseURL }) => {
  const session = await createSession(request, { title: "Studiedag", template: "article" });
  const host = await facilitator(baseURL ?? "", session);
  const own = await host.add({ kind: "single", prompt: "Wat neem je mee naar huis?", options: ["Energie", "Twijfels"] });
  await host.activate(host.questions().find((q) => q.template === "nine-challenges")?.id ?? "");
  host.close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(local(session.links.host));
  const rows = page.getByTestId("question-item");
  await expect(rows).toHaveCount(11);
  await expect(page.getByTestId("question-position")).toHaveText("Vraag 3 van 11");

  // At the end of the list the live panel is still there: its switches and the whole chart.
  await page.getByRole("button", { name: "Weghalen: vraag 11" }).scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY), "the list is longer than the window").toBeGreaterThan(400);
  expect(await inView(page, '[data-testid="toggle-voting"]'), "voting switch in view").toBe(true);
  expect(await inView(page, '[data-testid="results-chart"]'), "whole chart in view").toBe(true);

  // The editor opens in the row that is edited, in view, with the cursor in its first field.
  await page.getByRole("button", { name: "Bewerken: vraag 11" }).click();
  const editor = rows.nth(10).getByTestId("question-editor");
  await expect(editor).toBeVisible();
  await expect(rows.nth(10)).toHaveAttribute("data-question-id", own);
  await expect(editor.getByLabel("Soort vraag")).toBeFocused();
  expect(await inView(page, '[data-testid="question-item"].is-editing [data-testid="question-editor"]'), "editor in view").toBe(true);
  await expect(editor.getByLabel("Vraagtekst")).toHaveValue("Wat neem je mee naar huis?");
  await editor.getByRole("button", { name: "Annuleren" }).click();
  await expect(page.getByTestId("question-editor")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Bewerken: vraag 11" })).toBeFocused();

  // A new question is written where "add question" was, and focus returns to that button.
  await page.getByTestId("add-question").click();
  const added = page.getByTestId("question-editor");
  await expect(added.getByLabel("Soort vraag")).toBeFocused();
  expect(await inView(page, '[data-testid="question-editor"]'), "new-question editor in view").toBe(true);
  await added.getByRole("button", { name: "Annuleren" }).click();
  await expect(page.getByTestId("add-question")).toBeFocused();

  // Two presses of "next" before the first move is confirmed go two questions on, like a presenter's clicker.
  // (Both key presses in one task, so neither the ack nor the new state can come in between.)
  await page.evaluate(() => {
    for (let i = 0; i < 2; i++) document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "n", bubbles: true }));
  });
  await expect(page.getByTestId("question-position")).toHaveText("Vraag 5 van 11");
  await expect(rows.nth(4)).toHaveAttribute("aria-current", "step");
  await context.close();
});

test("every shortcut has a visible control with its key; switches say their state in words; no focus ring is left after the shortcut list closes", async ({ page, request, baseURL }) => {
  const session = await createSession(request, { title: "Sneltoetsen", template: "challenges" });
  const host = await facilitator(baseURL ?? "", session);
  await host.add({ kind: "scale", prompt: "Hoe tevreden ben je?" });
  host.close();
  await page.goto(local(session.links.host));
  await expect(page.getByTestId("question-position")).toHaveText("Vraag 1 van 2");

  // The README promises a control for every key: each is on the page, shows its key and is announced with it.
  for (const key of ["c", "r", "s", "n", "p", "o", "?"]) {
    const control = page.locator(`[aria-keyshortcuts="${key}"]`);
    await expect(control, `control for ${key}`).toBeVisible();
    await expect(control.locator("kbd"), `key shown on the control for ${key}`).toHaveText(key);
  }

  // Switches: a name that stays, the state in words beside it.
  const voting = page.getByRole("switch", { name: "Stemmen open" });
  const results = page.getByRole("switch", { name: "Resultaten tonen op gsm's" });
  const sort = page.getByRole("switch", { name: "Sorteer op aandeel" });
  await expect(voting).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("voting-status")).toHaveText("Stemmen is open");
  await voting.click();
  await expect(voting).toHaveAttribute("aria-checked", "false");
  await expect(page.getByTestId("voting-status")).toHaveText("Stemmen is gesloten");
  await page.keyboard.press("c");
  await expect(voting).toHaveAttribute("aria-checked", "true");
  await expect(results).toHaveAttribute("aria-checked", "false");
  await expect(page.getByTestId("results-visibility")).toHaveText("Deelnemers zien de resultaten niet");
  await page.keyboard.press("r");
  await expect(results).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("results-visibility")).toHaveText("Deelnemers zien de resultaten");
  await page.keyboard.press("s");
  await expect(sort).toHaveAttribute("aria-checked", "true");
  await expect(sort).toContainText("Grootste aandeel bovenaan");

  // Previous and next, by key and by button; at the end the button stays focusable but does nothing.
  await page.keyboard.press("n");
  await expect(page.getByTestId("question-position")).toHaveText("Vraag 2 van 2");
  await expect(page.getByTestId("next-question")).toHaveAttribute("aria-disabled", "true");
  await page.getByTestId("previous-question").click();
  await expect(page.getByTestId("question-position")).toHaveText("Vraag 1 van 2");
  await expect(page.getByTestId("previous-question")).toHaveAttribute("aria-disabled", "true");

  // Opened with the mouse and closed with Escape, the shortcut list leaves no ring on the projected console.
  await page.getByTestId("shortcuts-button").click();
  await expect(page.getByTestId("shortcut-help")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-help")).toBeHidden();
  await expect.poll(() => focusRing(page), "focus ring after closing the shortcut list").toBe(false);
  // The same after a click on a switch and "?" from the keyboard.
  await voting.click();
  await expect(voting).toHaveAttribute("aria-checked", "false");
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-help")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-help")).toBeHidden();
  await expect.poll(() => focusRing(page), "focus ring on the switch after closing the shortcut list").toBe(false);

  // A keyboard user reaches every control with a visible ring, and keeps their place after the dialog.
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  for (const id of ["open-screen", "shortcuts-button", "previous-question", "next-question", "toggle-voting", "toggle-results", "console-sort"]) {
    await tabTo(page, `[data-testid="${id}"]`);
  }
  await page.getByTestId("shortcuts-button").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("shortcut-help")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-button")).toBeFocused();
});

test("the join link never breaks inside the code, at any window width", async ({ browser, request }) => {
  const session = await createSession(request, { title: "Deelnemen", template: "challenges" });
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const width of [1920, 1280, 1024, 800, 600, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (width === 1920) await page.goto(local(session.links.host));
    await expect(page.getByTestId("join-code")).toHaveText(session.code);
    // The code, alone and inside the link, lies on one line: a line may end between host and path, never in it.
    expect(await linesOf(page.getByTestId("join-code"), session.code), `code at ${width} px`).toBe(1);
    expect(await linesOf(page.getByTestId("join-link"), `/j/${session.code}`), `link's path at ${width} px`).toBe(1);
    expect(await page.getByTestId("join-link").getAttribute("href")).toMatch(new RegExp(`/j/${session.code}$`));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
  }
  await context.close();
});

test("after deleting the session the console says it is gone and leads home", async ({ page, request }) => {
  const session = await createSession(request, { title: "Weg ermee", template: "challenges" });
  await page.goto(local(session.links.host));
  await page.getByRole("button", { name: "Sessie en alle antwoorden verwijderen" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Annuleren" }).click();
  await expect(page.getByRole("button", { name: "Sessie en alle antwoorden verwijderen" })).toBeFocused();
  await page.getByRole("button", { name: "Sessie en alle antwoorden verwijderen" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Definitief verwijderen" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sessie verwijderd");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.locator("main").getByRole("alert")).toHaveText("Deze sessie is verwijderd.");
  await page.getByRole("link", { name: "Naar de startpagina" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByLabel(/Titel van de sessie/)).toBeVisible();
});

test("dates and numbers follow the console's language, not the browser's locale", async ({ browser, request, baseURL }) => {
  const session = await createSession(request, { title: "Datums", template: "empty", language: "nl" });
  const host = await facilitator(baseURL ?? "", session);
  await host.add({ kind: "scale", prompt: "Hoe tevreden ben je?" });
  host.close();
  const voters = await Promise.all([participant(baseURL ?? "", session, "d1"), participant(baseURL ?? "", session, "d2")]);
  await voters[0]!.vote({ value: 3 });
  await voters[1]!.vote({ value: 4 });

  // An American browser: left to itself it would write 12/6/2026 and 3.5.
  const context = await browser.newContext({ locale: "en-US", timezoneId: "Europe/Brussels" });
  const page = await context.newPage();
  await page.goto(local(session.links.host));
  const date = page.getByTestId("session-date");
  const mean = page.getByTestId("scale-mean");
  await expect(date).toHaveText(/^gestart op \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4} om \d{2}:\d{2}$/);
  await expect(mean).toHaveText("3,5");
  await page.getByRole("button", { name: "English" }).click();
  await expect(date).toHaveText(/^started \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at \d{2}:\d{2}$/);
  await expect(mean).toHaveText("3.5");
  await page.getByRole("button", { name: "Français" }).click();
  await expect(date).toHaveText(/^commencée le \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4} à \d{2}:\d{2}$/);
  await expect(mean).toHaveText("3,5");
  for (const v of voters) v.close();
  await context.close();
});
