import { expect, test, type Page } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";

const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.hash;
};

/** Press Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      // Focus must be visible where it lands.
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      expect(outline, `visible focus on ${selector}`).not.toBe("none");
      return;
    }
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

test("a whole vote and the facilitator's controls work with the keyboard alone", async ({ page, browser, request }) => {
  const res = await request.post("/api/sessions", { data: { title: "Toetsenbord", language: "nl" } });
  const session = (await res.json()) as CreatedSession;
  await page.goto(local(session.links.host));
  await expect(page.getByTestId("join-code")).toHaveText(session.code);

  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await phone.goto(local(session.links.join));
  await expect(phone.getByTestId("option-power-play")).toBeVisible();

  // Participant: Tab to two options, tick them with Space, open an explanation with Enter, send with Enter.
  await tabTo(phone, '[data-testid="option-power-play"]');
  await phone.keyboard.press("Space");
  await tabTo(phone, "details summary");
  await phone.keyboard.press("Enter");
  await expect(phone.locator("details[open]")).toHaveCount(1);
  await tabTo(phone, '[data-testid="option-enemy-image"]');
  await phone.keyboard.press("Space");
  await tabTo(phone, "form button[type=submit]");
  await phone.keyboard.press("Enter");
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await expect(page.getByTestId("count-power-play")).toHaveText("1");
  await expect(page.getByTestId("count-enemy-image")).toHaveText("1");

  // Facilitator: shortcuts for the common actions, Tab and Enter for the rest.
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("c");
  await expect(page.getByTestId("voting-status")).toHaveText("Stemmen is gesloten");
  await expect(phone.getByTestId("closed-message")).toBeVisible();
  await page.keyboard.press("r");
  await expect(phone.getByTestId("results-chart")).toBeVisible();
  await expect(page.getByTestId("toggle-voting")).toHaveAttribute("aria-checked", "false");
  await tabTo(page, '[data-testid="toggle-voting"]');
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("voting-status")).toHaveText("Stemmen is open");
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-help")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-help")).toBeHidden();
  await phoneContext.close();
});
