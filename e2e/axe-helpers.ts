/** The axe specs' scan (WCAG 2.2 AA and the message-key check) and the switch between languages inside one view. */
import { expect, type Page } from "@playwright/test";
import axe, { type AxeResults, type RunOptions } from "axe-core";
import type { Catalogue } from "../lib/i18n";
import { LANGUAGES, type Language } from "../lib/languages";

export { LANGUAGES, type Language };

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Message keys (camelCase, so no ordinary word) that would show if a view forgot to load its catalogue. */
export function messageKeys(...catalogues: Catalogue[]): string[] {
  return catalogues.flatMap((catalogue) => Object.keys(catalogue.nl)).filter((key) => /[a-z][A-Z]/.test(key));
}

/**
 * What axe (WCAG 2.2 AA, on the whole page or only `within`) and the message-key check (always the whole page)
 * find, one line each starting with `state`; empty when the view passes.
 */
export async function axeProblems(page: Page, state: string, keys: readonly string[], within?: string): Promise<string[]> {
  const text = await page.locator("body").innerText();
  const untranslated = keys.filter((key) => new RegExp(`\\b${key}\\b`).test(text)).map((key) => `${state}: untranslated key ${key}`);
  const result = await runAxe(page, within);
  return [...untranslated, ...result.violations.map((v) => `${state}: ${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)];
}

/**
 * axe.run in the page, with the options and context AxeBuilder would pass for `.options({ resultTypes: ["violations"] })
 * .withTags(WCAG_22_AA).include(within)`, so the same rules run. axe-core is loaded into a document once and kept
 * for its later scans: AxeBuilder loads it anew for every scan and gathers the results in a blank page it opens for
 * each (or loads it twice, in legacy mode), which took most of a scan's time once each state is scanned in three
 * languages. What is left out is looking inside frames, and the app has none. Only violations are read: axe then
 * skips collecting the details of every passing node.
 */
async function runAxe(page: Page, within?: string): Promise<AxeResults> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const context = { include: within ? [within] : [], exclude: [] };
  const options: RunOptions = { resultTypes: ["violations"], runOnly: { type: "tag", values: WCAG_22_AA } };
  return page.evaluate(([c, o]) => (window as unknown as { axe: typeof axe }).axe.run(c, o), [context, options] as const);
}

const NAMES: Record<Language, string> = { nl: "Nederlands", en: "English", fr: "Français" };

/** Switches the view to `language` with its own language buttons, and waits until it is drawn in it. */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  const button = page.locator(".language-switch").getByRole("button", { name: NAMES[language] });
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

/** The language the view is drawn in now. */
export async function shownLanguage(page: Page): Promise<Language> {
  const lang = await page.locator("html").getAttribute("lang");
  return LANGUAGES.find((l) => l === lang) ?? "nl";
}

/**
 * Runs `check` in every language, one after the other in the same state of the same page: first in the language
 * the view shows, then switched to each of the others with the view's own buttons.
 */
export async function inEachLanguage(page: Page, check: (language: Language) => Promise<void>): Promise<void> {
  let shown = await page.locator("html").getAttribute("lang");
  for (const language of [...LANGUAGES.filter((l) => l === shown), ...LANGUAGES.filter((l) => l !== shown)]) {
    if (language !== shown) await switchLanguage(page, language);
    shown = language;
    await check(language);
  }
}

/**
 * Back where a send leaves the phone: its receipt in view (the app scrolls to it). Clicking a language button
 * scrolls to the top, where the sticky send button covers part of an option further down, and axe's target-size
 * rule judges the scroll position it finds (dequelabs/axe-core#3720), not the state a scan after a send is about.
 */
export async function receiptInView(page: Page): Promise<void> {
  await page.getByTestId("receipt").evaluate((el) => el.scrollIntoView({ block: "nearest" }));
}

let nudge = 0;

/**
 * The screen's control bar as a facilitator with a hand on the mouse sees it: shown and opaque. It fades out over
 * 400 ms once the mouse has rested 2.5 s, and a scan that lands in the fade measures half-transparent buttons: axe's
 * color-contrast rule then fails them. The scan right after this has the 2.5 s to itself.
 */
export async function screenControlsShown(screen: Page): Promise<void> {
  nudge = 1 - nudge;
  await screen.mouse.move(1 + nudge, 1);
  await expect(screen.getByTestId("screen-view")).toHaveAttribute("data-controls", "shown");
  await expect(screen.getByTestId("screen-controls")).toHaveCSS("opacity", "1");
}
