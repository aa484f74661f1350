/** The home page: joining by code, and "my sessions" with their figures, rename, duplicate and remove. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { REPORT_MESSAGES } from "../lib/messages/report";
import { SHOTS } from "./pages";
import { createSession, facilitator, rememberSessions, vote } from "./views-data";

/** Three sessions in three states: a closed vote with 6 respondents, an open one with 2, one without questions. */
async function threeSessions(request: APIRequestContext, baseURL: string) {
  const gent = await createSession(request, { title: "Jeugdhulp Gent" });
  const lokaal = await createSession(request, { title: "Lokaal gezondheidsoverleg", template: "article" });
  const brugge = await createSession(request, { title: "Welzijnsraad Brugge", template: "empty" });
  await Promise.all([
    vote(baseURL, gent, [["power-play"], ["power-play", "enemy-image"], ["staff-instability"], ["power-play"], ["different-hats"], []]),
    vote(baseURL, lokaal, [["alone"], ["network"]]),
  ]);
  const host = await facilitator(baseURL, gent);
  await host.command("question:close", { questionId: host.questions[0]?.id });
  host.close();
  // Newest first, as the list keeps them; the local titles are what this browser saw when it made them.
  return [
    { session: brugge, title: "Welzijnsraad Brugge" },
    { session: lokaal, title: "Lokaal gezondheidsoverleg" },
    { session: gent, title: "Jeugdhulp Gent" },
  ];
}

const item = (page: Page, title: string) => page.getByTestId("my-sessions").locator("li", { has: page.getByRole("heading", { name: title, exact: true }) });

/** Every session of the list shows the server's figures (the list fills in after the page has drawn). */
async function figuresLoaded(page: Page, count: number) {
  await expect(page.getByTestId("my-sessions").locator("li")).toHaveCount(count);
  await expect(page.getByTestId("session-respondents")).toHaveCount(count);
}

// A wrong code ended on a page without a code field, and what was typed was lost.
test("a wrong join code stays in its field with the reason beside it; a right one opens the ballot", async ({ page, request }) => {
  const session = await createSession(request, { title: "Code nakijken" });
  await page.goto("/");
  const field = page.getByLabel(/^Code$/);
  await field.fill("bbb-bbb");
  await page.getByRole("button", { name: "Deelnemen" }).click();
  await expect(page.locator("#join-code-error")).toHaveText("Er is geen sessie met de code BBBBBB. Kijk de code op het scherm na en probeer opnieuw.");
  await expect(page.locator("#join-code-error")).toHaveAttribute("role", "alert");
  await expect(field).toHaveValue("bbb-bbb");
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  expect(new URL(page.url()).pathname).toBe("/");

  // A link back to the home page with a code (`/?code=…`) shows that code and what is wrong with it.
  await page.goto("/?code=bcdfgh");
  await expect(field).toHaveValue("bcdfgh");
  await expect(page.locator("#join-code-error")).toContainText("BCDFGH");

  // The right code, typed the way people type it, opens the ballot.
  await field.fill(` ${session.code.slice(0, 3).toLowerCase()} ${session.code.slice(3)} `);
  await page.getByRole("button", { name: "Deelnemen" }).click();
  await page.waitForURL(`/j/${session.code}`);
  await expect(page.getByTestId("option-power-play")).toBeVisible();
});

test("my sessions: date and time in the page's language, state and respondents; rename; a duplicate named as a copy", async ({ page, request, baseURL }) => {
  const sessions = await threeSessions(request, baseURL ?? "");
  // The server renamed one since this browser listed it: the list shows the server's title.
  const lokaal = sessions[1]!.session;
  expect((await request.patch(`/api/sessions/${lokaal.id}`, { headers: { authorization: `Bearer ${lokaal.hostKey}` }, data: { title: "Lokaal overleg Aalst" } })).status()).toBe(200);
  await rememberSessions(page, sessions);
  await page.goto("/");
  await figuresLoaded(page, 3);

  const gent = item(page, "Jeugdhulp Gent");
  await expect(gent.locator(".my-sessions__meta")).toHaveText(/^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4} om \d\d:\d\d · 1 vraag · Stemmen is gesloten · 6 respondenten$/);
  await expect(item(page, "Lokaal overleg Aalst").locator(".my-sessions__meta")).toHaveText(/ · 10 vragen · Stemmen is open · 2 respondenten$/);
  await expect(item(page, "Welzijnsraad Brugge").locator(".my-sessions__meta")).toHaveText(/ · nog geen vragen · 0 respondenten$/);
  await expect(page.getByRole("heading", { name: "Lokaal gezondheidsoverleg" })).toHaveCount(0);

  // Dates follow the page's language, not the browser's locale.
  await page.getByRole("button", { name: "English" }).click();
  await expect(gent.locator("time")).toHaveText(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d$/);
  await expect(gent.locator(".my-sessions__meta")).toContainText("1 question · Voting is closed · 6 respondents");
  await page.getByRole("button", { name: "Français" }).click();
  await expect(gent.locator("time")).toHaveText(/^\d{1,2} [a-zéû]+ \d{4} à \d\d:\d\d$/);
  await page.getByRole("button", { name: "Nederlands" }).click();

  // Rename: the server takes the new title, and the list keeps it after a reload.
  await gent.getByRole("button", { name: "Naam wijzigen" }).click();
  const name = page.getByLabel("Nieuwe naam voor Jeugdhulp Gent");
  await expect(name).toBeFocused();
  await name.fill("Jeugdhulp Gent, voorjaar");
  await page.getByRole("button", { name: "Bewaren" }).click();
  await expect(page.getByTestId("my-sessions-notice")).toHaveText("Nieuwe naam: Jeugdhulp Gent, voorjaar");
  await page.reload();
  await figuresLoaded(page, 3);
  await expect(item(page, "Jeugdhulp Gent, voorjaar")).toHaveCount(1);

  // A duplicate is listed under the server's name for the copy, with no respondents.
  await item(page, "Lokaal overleg Aalst").getByRole("button", { name: "Dupliceren" }).click();
  await expect(page.getByTestId("my-sessions-notice")).toHaveText("Kopie gemaakt: Lokaal overleg Aalst (kopie)");
  const copy = item(page, "Lokaal overleg Aalst (kopie)");
  await expect(copy.locator(".my-sessions__meta")).toHaveText(/ · 10 vragen · Stemmen is open · 0 respondenten$/);
  await expect(page.getByTestId("my-sessions").locator("li").first()).toHaveAttribute("data-session-id", await copy.getAttribute("data-session-id") ?? "");
});

test("removing a session says what each choice does: off this list (and back), or deleted with its answers", async ({ page, request, baseURL }) => {
  const sessions = await threeSessions(request, baseURL ?? "");
  await rememberSessions(page, sessions);
  await page.goto("/");
  await figuresLoaded(page, 3);

  const brugge = item(page, "Welzijnsraad Brugge");
  await brugge.getByRole("button", { name: "Verwijderen…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Wat wil je met Welzijnsraad Brugge doen?" });
  await expect(dialog.getByRole("button", { name: "Uit deze lijst halen" })).toHaveAccessibleDescription(/blijft op de server met al haar antwoorden/);
  await expect(dialog.getByRole("button", { name: "Sessie en antwoorden definitief verwijderen" })).toHaveAccessibleDescription(/kan niet ongedaan gemaakt worden/);
  await expect(dialog.getByRole("button", { name: "Annuleren" })).toBeFocused();

  // Off this list: the session stays on the server, and can be put back.
  await dialog.getByRole("button", { name: "Uit deze lijst halen" }).click();
  await expect(page.getByTestId("my-sessions").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("my-sessions-notice")).toContainText("Welzijnsraad Brugge staat niet meer in deze lijst. De sessie zelf bestaat nog.");
  const brugges = sessions[0]!.session;
  const summary = () => request.get(`/api/sessions/${brugges.id}/summary`, { headers: { authorization: `Bearer ${brugges.hostKey}` } });
  expect((await summary()).status()).toBe(200);
  await page.getByRole("button", { name: "Terugzetten" }).click();
  await expect(brugge).toHaveCount(1);

  // Deleted: gone from the server too.
  await brugge.getByRole("button", { name: "Verwijderen…" }).click();
  await page.getByRole("button", { name: "Sessie en antwoorden definitief verwijderen" }).click();
  await expect(page.getByTestId("my-sessions-notice")).toHaveText("Welzijnsraad Brugge en al haar antwoorden zijn verwijderd.");
  await expect(page.getByTestId("my-sessions").locator("li")).toHaveCount(2);
  expect((await summary()).status()).toBe(403);
  expect(await page.evaluate((id) => localStorage.getItem(`tafelronde:host-key:${id}`), brugges.id)).toBeNull();
});

test.describe("as it looks", () => {
  // Read-only tests share their sessions (the server allows 60 new sessions an hour per address, for the whole suite).
  let sessions: Awaited<ReturnType<typeof threeSessions>>;
  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    sessions = await threeSessions(request, baseURL ?? "");
    await request.dispose();
  });

  for (const c of [
    { name: "home-1280x720", viewport: { width: 1280, height: 720 }, mobile: false, dark: false, docs: "home.png" },
    { name: "home-phone-390", viewport: { width: 390, height: 844 }, mobile: true, dark: false },
    { name: "home-phone-390-dark", viewport: { width: 390, height: 844 }, mobile: true, dark: true },
  ]) {
    test(`screenshot ${c.name}: home with my sessions`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: c.viewport, isMobile: c.mobile, hasTouch: c.mobile, colorScheme: c.dark ? "dark" : "light" });
      const page = await context.newPage();
      await rememberSessions(page, sessions);
      await page.goto("/");
      await figuresLoaded(page, 3);
      if (c.mobile) {
        // Measured as the phone has it: a too-wide page would widen the layout viewport and zoom out.
        const layout = await page.evaluate(() => ({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth, scale: window.visualViewport?.scale }));
        expect(layout).toEqual({ inner: c.viewport.width, scroll: c.viewport.width, scale: 1 });
      }
      // Each session's date line is masked whole: the time of day changes the date's width, and with it where the
      // words after it fall (what the line says is read in the tests above).
      await expect(page).toHaveScreenshot(`${c.name}.png`, { fullPage: true, mask: [page.locator(".my-sessions__meta")] });
      // The README's picture (UPDATE_DOCS=1 writes it to docs/).
      if ("docs" in c) await page.screenshot({ path: `${SHOTS}/${c.docs}`, fullPage: true });
      await context.close();
    });
  }

  for (const language of ["nl", "en", "fr"] as const) {
    test(`home passes axe at WCAG 2.2 AA in ${language}, with my sessions, a wrong code and the remove choice open`, async ({ page }) => {
      await rememberSessions(page, sessions, language);
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      await figuresLoaded(page, 3);
      await page.getByLabel(/^Code$/).fill("12");
      await page.locator("form").first().getByRole("button").click();
      await expect(page.locator("#join-code-error")).toBeVisible();
      await item(page, "Jeugdhulp Gent").getByRole("button", { name: REPORT_MESSAGES[language].removeMenu }).click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
      const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }
});
