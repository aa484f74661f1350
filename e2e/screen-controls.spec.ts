/** The facilitator's controls on the projector: a button per shortcut, a bar that gets out of the way, the right card per key. */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { CHALLENGES } from "../lib/challenges";
import type { CreatedSession } from "../lib/protocol";
import { fillRoom, local } from "./pages";

async function openScreen(page: Page, request: APIRequestContext, title: string): Promise<CreatedSession> {
  const session = (await (await request.post("/api/sessions", { data: { title } })).json()) as CreatedSession;
  await page.goto(local(session.links.screen));
  await expect(page.getByTestId("results-chart")).toBeVisible();
  return session;
}

/** The element the browser draws a focus ring on, if any. */
const focusRing = (page: Page) => page.evaluate(() => document.querySelector(":focus-visible")?.getAttribute("data-testid") ?? document.querySelector(":focus-visible")?.tagName ?? null);

test.use({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });

// Regression: the README promised a button for every screen shortcut, and `j` had none.
test("every screen shortcut has a button with its key; the control bar fades out while the mouse rests and comes back on movement or a key", async ({ page, request }) => {
  await openScreen(page, request, "Bediening");
  const controls = page.getByTestId("screen-controls");
  await expect(page.getByTestId("screen-view")).toHaveAttribute("data-controls", "hidden");
  await expect(controls).toHaveCSS("opacity", "0");
  await page.mouse.move(300, 300);
  await expect(page.getByTestId("screen-view")).toHaveAttribute("data-controls", "shown");
  await expect(controls).toHaveCSS("opacity", "1");
  await expect(page.getByTestId("screen-view")).toHaveAttribute("data-controls", "hidden");
  await page.keyboard.press("Shift");
  await expect(controls).toHaveCSS("opacity", "1");

  // The shortcut list names each key; the bar has a button showing the same key (and `?` is its own button).
  await page.keyboard.press("?");
  const keys = (await page.getByTestId("shortcut-help").locator("dt kbd").allTextContents()).filter((k) => k !== "Esc");
  await page.keyboard.press("Escape");
  expect(keys).toEqual(expect.arrayContaining(["s", "t", "j", "l", "f", "1–9", "?"]));
  for (const key of keys) {
    const button = key === "?" ? page.getByTestId("shortcuts") : controls.getByRole("button").filter({ has: page.locator("kbd", { hasText: new RegExp(`^${key}$`) }) });
    await expect(button, `a button for ${key}`).toHaveCount(1);
  }
  // The `j` button hides and shows the code and QR code, as the key does.
  const join = page.getByTestId("join-toggle");
  await expect(join).toHaveAttribute("aria-pressed", "true");
  await join.click();
  await expect(page.getByTestId("qr-code")).toHaveCount(0);
  await expect(join).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("j");
  await expect(page.getByTestId("qr-code")).toBeVisible();
});

test("no focus ring is left on the projector after a dialog opened with the mouse closes; a keyboard user keeps theirs", async ({ page, request }) => {
  await openScreen(page, request, "Focus");
  await page.mouse.move(300, 300);
  await page.getByTestId("shortcuts").click();
  await expect(page.getByTestId("shortcut-help")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-help")).toBeHidden();
  await expect.poll(() => focusRing(page)).toBeNull();

  await page.getByTestId("discuss").click();
  await page.getByTestId("discuss-power-play").click();
  await expect(page.getByTestId("discussion-card")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("discussion-card")).toBeHidden();
  await expect.poll(() => focusRing(page)).toBeNull();

  // With the keyboard: focus returns to the button that opened the dialog, ring and all.
  await page.getByTestId("shortcuts").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("shortcut-help")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-help")).toBeHidden();
  await expect.poll(() => focusRing(page)).toBe("shortcuts");
});

// Regression: on a sorted screen the number keys opened the card of the sorted position, labelled as if it were the article's number.
test("keys 1–9 open the article's challenge 1–9, also when the chart is sorted by share", async ({ page, request, baseURL }) => {
  const session = await openScreen(page, request, "Nummers");
  await fillRoom(baseURL ?? "", session);
  await expect(page.getByTestId("respondents")).toHaveText("n = 37");
  await page.keyboard.press("s");
  // Sorted, the top bar is challenge 5 (24 of 37) and the first in the article is 4th.
  await expect(page.locator('[data-testid="results-table"] tbody tr').first()).toHaveAttribute("data-option-id", "under-organisation");
  const card = page.getByTestId("discussion-card");
  for (const n of [1, 5, 9]) {
    await page.keyboard.press(String(n));
    await expect(card.getByRole("heading", { level: 2 })).toHaveText(CHALLENGES[n - 1]?.label.nl ?? "");
    await expect(card).toContainText(`Vraagstuk ${n}`);
    await page.keyboard.press("Escape");
    await expect(card).toBeHidden();
  }
  // A number right after Escape, before the dialog's close event: Escape closes the dialog at once and its close
  // event comes a task later, so here both happen in one task, the key first, as on a busy laptop.
  await page.keyboard.press("1");
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(CHALLENGES[0]?.label.nl ?? "");
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const dialog = document.querySelector<HTMLDialogElement>("[data-testid=discussion-card]");
        // Resolves once card 1's close event has been handled (the page's own listener was added first).
        dialog?.addEventListener("close", () => resolve(), { once: true });
        dialog?.close();
        window.dispatchEvent(new KeyboardEvent("keydown", { key: "9" }));
      }),
  );
  // The close event of card 1 has come and gone, and did not take card 9 along.
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(CHALLENGES[8]?.label.nl ?? "");
  await expect(card).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(card).toBeHidden();
  // The chart draws the same numbers before the labels, wherever the sort puts them.
  await expect(page.locator(".results-bars__label", { hasText: CHALLENGES[4]?.label.nl ?? "" })).toContainText("5");
  // The Discuss list numbers the challenges as the article does.
  await page.getByTestId("discuss").click();
  await expect(page.getByTestId("discuss-shared-ambition")).toContainText("1");
  await expect(page.getByTestId("discuss-under-organisation")).toContainText("5");
});
