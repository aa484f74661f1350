/** What the console looks like on a laptop and on a projector-sized window, compared with committed baselines. */
import { expect, test, type Browser, type APIRequestContext, type Page } from "@playwright/test";
import { createSession, facilitator, votingRoom } from "./console-helpers";
import { local, SHOTS } from "./pages";

const SIZES = [
  [1280, 720],
  [1920, 1080],
] as const;

/** What changes from run to run: the join code (also in the link and the QR code) and the session's date. */
const changing = (page: Page) => [page.getByTestId("join-code"), page.getByTestId("join-link"), page.getByTestId("qr-code"), page.getByTestId("session-date")];

/**
 * The article's session with a question of the facilitator's own at the end, the nine challenges active and a
 * room of 37 that voted and stays connected; the console open at 1280x720 without motion.
 */
async function runningPoll(browser: Browser, request: APIRequestContext, baseURL: string) {
  const session = await createSession(request, { title: "Lokaal gezondheidsoverleg", template: "article" });
  const host = await facilitator(baseURL, session);
  await host.add({ kind: "single", prompt: "Welke dag past het best voor de volgende tafel?", options: ["Maandag", "Dinsdag", "Donderdag"] });
  await host.activate(host.questions().find((q) => q.template === "nine-challenges")?.id ?? "");
  host.close();
  const room = await votingRoom(baseURL, session);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce", timezoneId: "Europe/Brussels" });
  const page = await context.newPage();
  await page.goto(local(session.links.host));
  await expect(page.getByTestId("respondents-count")).toHaveText("37");
  await expect(page.getByTestId("participants-count")).toHaveText("37");
  await expect(page.getByTestId("qr-code")).toBeVisible();
  await expect(page.getByTestId("session-date")).toBeVisible();
  return {
    page,
    async close() {
      room.close();
      await context.close();
    },
  };
}

test("the console during a nine-challenges poll at 1280x720 and 1920x1080, light and dark", async ({ browser, request, baseURL }) => {
  const { page, close } = await runningPoll(browser, request, baseURL ?? "");
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await expect(page).toHaveScreenshot(`console-poll-${width}x${height}-${colorScheme}.png`, { mask: changing(page) });
    }
  }
  // The README's picture (UPDATE_DOCS=1 writes it to docs/), on a common laptop size.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: `${SHOTS}/console.png` });
  await close();
});

test("the console with the editor open in its row at 1280x720 and 1920x1080, light and dark", async ({ browser, request, baseURL }) => {
  const { page, close } = await runningPoll(browser, request, baseURL ?? "");
  await page.getByRole("button", { name: "Bewerken: vraag 11" }).click();
  await expect(page.getByTestId("question-editor").getByLabel("Soort vraag")).toBeFocused();
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.getByTestId("question-editor").scrollIntoViewIfNeeded();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await expect(page).toHaveScreenshot(`console-editor-${width}x${height}-${colorScheme}.png`, { mask: changing(page) });
    }
  }
  await close();
});
