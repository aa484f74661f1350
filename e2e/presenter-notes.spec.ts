/** Presenter notes as the facilitator reads and writes them on the console, and as the room never sees them. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { TEMPLATE_NOTES } from "../lib/template-notes";
import { createSession } from "./console-helpers";
import { local } from "./pages";

test("the article's notes on the console follow the active question; own notes are written there and stay; screen and phone never show them", async ({ browser, request }) => {
  const session = await createSession(request, { title: "Studiedag", template: "article" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(local(session.links.host));
  const notes = page.getByTestId("presenter-notes");
  await expect(notes.getByTestId("notes-text")).toHaveText(TEMPLATE_NOTES["check1-approach"]?.nl ?? "");
  await expect(notes).toContainText("alleen op deze console");
  await page.getByTestId("next-question").click();
  await expect(notes.getByTestId("notes-text")).toHaveText(TEMPLATE_NOTES["check1-subsidy"]?.nl ?? "");

  // Written in place, kept after a reload.
  await notes.getByRole("button", { name: "Notities bewerken" }).click();
  const field = notes.getByLabel("Notities bij deze vraag");
  await expect(field).toBeFocused();
  await field.fill("Eerst de subsidie van de provincie noemen.\nDan de zaal laten stemmen.");
  await expect(notes).toContainText("69 van 2000 tekens");
  expect((await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).include("[data-testid=presenter-notes]").withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze()).violations).toEqual([]);
  await notes.getByRole("button", { name: "Notities bewaren" }).click();
  await expect(notes.getByTestId("notes-text")).toHaveText("Eerst de subsidie van de provincie noemen.\nDan de zaal laten stemmen.");
  await expect(notes.getByRole("button", { name: "Notities bewerken" })).toBeFocused();
  await page.reload();
  await expect(page.getByTestId("presenter-notes").getByTestId("notes-text")).toHaveText("Eerst de subsidie van de provincie noemen.\nDan de zaal laten stemmen.");

  // The room: the same question on the projector and a phone, without a word of the notes.
  const screen = await context.newPage();
  await screen.goto(local(session.links.screen));
  await expect(screen.getByTestId("screen-prompt")).toContainText("subsidie");
  const phoneContext = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(local(session.links.join));
  await expect(phone.locator("h1")).toContainText("subsidie");
  for (const view of [screen, phone]) {
    const text = await view.locator("body").innerText();
    expect(text).not.toContain("provincie");
    expect(text).not.toContain((TEMPLATE_NOTES["check1-subsidy"]?.nl ?? "").slice(0, 40));
  }
  await phoneContext.close();
  await context.close();
});
