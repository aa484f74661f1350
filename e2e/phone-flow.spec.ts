/**
 * What a participant notices on the phone: an empty ballot is only ever sent on purpose, the receipt is in
 * view after sending, results come first and are drawn for a narrow screen, and each phone keeps its own
 * language.
 */
import { expect, test, type Page } from "@playwright/test";
import { CHALLENGE_IDS } from "./pages";
import { createSession, facilitator, local, openPhone, othersVote, setLargeText } from "./phone-room";

const sendButton = (phone: Page) => phone.locator("form button[type=submit]");

test("an empty nine-challenges ballot is sent only as a deliberate 'none of these', and counts the participant", async ({ browser, baseURL }) => {
  // Before, a tap on the send button of an untouched ballot sent an empty answer without a word.
  const session = await createSession(baseURL ?? "", "Geen van deze");
  const host = await facilitator(baseURL ?? "", session);
  const { context, page: phone } = await openPhone(browser, local(session.links.join));
  await expect(phone.getByTestId("option-power-play")).toBeVisible();
  await expect(sendButton(phone)).toBeDisabled();
  await expect(phone.getByText("Vink minstens één antwoord aan, of kies ‘Geen van deze’.")).toBeVisible();

  // "None of these" is a choice of its own; ticking an option takes it away again, and the other way round.
  await phone.getByTestId("option-power-play").check();
  await phone.getByTestId("option-none").check();
  await expect(phone.getByTestId("option-power-play")).not.toBeChecked();
  await phone.getByTestId("option-enemy-image").check();
  await expect(phone.getByTestId("option-none")).not.toBeChecked();
  await phone.getByTestId("option-enemy-image").uncheck();
  await expect(sendButton(phone)).toBeDisabled();
  await phone.getByRole("checkbox", { name: "Geen van deze" }).check();
  await expect(sendButton(phone)).toBeEnabled();
  await sendButton(phone).click();
  await expect(phone.getByTestId("receipt")).toHaveText(/Je antwoord is geteld: geen van deze\./);
  // The protocol's empty list: a respondent who recognised none of the nine.
  await expect.poll(() => host.results()?.respondents).toBe(1);
  expect(CHALLENGE_IDS.map((id) => host.results()?.counts[id])).toEqual(CHALLENGE_IDS.map(() => 0));

  // The answer comes back after a reload, as "none of these".
  await phone.reload();
  await expect(phone.getByTestId("option-none")).toBeChecked();
  await expect(phone.getByTestId("receipt")).toBeVisible();
  host.close();
  await context.close();
});

for (const size of [
  { width: 390, height: 844, largeText: false },
  { width: 320, height: 640, largeText: false },
  { width: 320, height: 640, largeText: true },
]) {
  const name = `${size.width}x${size.height}${size.largeText ? " at 200 % text" : ""}`;
  test(`after sending the nine-challenges ballot the receipt is in view (${name})`, async ({ browser, baseURL }) => {
    // The receipt lay at y = 900 to 1,434 px in an 844 px window: only the button's new text said it worked.
    const session = await createSession(baseURL ?? "", "Ontvangstbewijs");
    const { context, page: phone } = await openPhone(browser, local(session.links.join), { width: size.width, height: size.height, reducedMotion: true });
    if (size.largeText) await setLargeText(phone, true);
    await phone.getByTestId("option-shared-ambition").check();
    await phone.getByTestId("option-unbridgeable-diversity").check();
    await phone.evaluate(() => window.scrollTo(0, 0));
    await sendButton(phone).click();
    await expect(phone.getByTestId("receipt")).toBeInViewport({ ratio: 1 });
    await expect(phone.getByTestId("receipt")).toContainText("Je antwoord is geteld.");
    await context.close();
  });
}

test("shown results come first, as full-width bars with the share at their end, and keep their figures while votes stream in", async ({ browser, baseURL }) => {
  // The phone had the projector's chart made small: 80 px bars at 390 px, stubs at 320 px, "n = 1" over three lines.
  const session = await createSession(baseURL ?? "", "Resultaten op de gsm");
  const host = await facilitator(baseURL ?? "", session);
  const { context, page: phone } = await openPhone(browser, local(session.links.join), { width: 320, height: 640 });
  await phone.getByTestId("option-power-play").check();
  await sendButton(phone).click();
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await host.showResults(host.activeId ?? "");
  await expect(phone.getByTestId("respondents")).toHaveText("n = 1");
  await expect(phone.getByTestId("share-power-play")).toHaveText("100%");
  await expect(phone.getByTestId("count-power-play")).toHaveText("1");
  await expect(phone.getByTestId("share-enemy-image")).toHaveText("0%");

  for (const width of [320, 390]) {
    await phone.setViewportSize({ width, height: 640 });
    await phone.evaluate(() => window.scrollTo(0, 0));
    const results = (await phone.getByTestId("phone-results").boundingBox())!;
    const form = (await phone.locator("form").boundingBox())!;
    expect(results.y, "results above the ballot").toBeLessThan(form.y);
    expect(results.y, "results start on the first screen").toBeLessThan(640 / 2);
    const n = await phone.getByTestId("respondents").evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
    expect(n, "n = 1 on one line").toBeLessThan(1.5);
    for (const id of ["power-play", "enemy-image"]) {
      const bar = phone.locator(`[data-option-id="${id}"]`);
      const label = (await bar.locator(".phone-bar__label").boundingBox())!;
      const track = (await bar.locator(".phone-bar__track").boundingBox())!;
      const share = (await phone.getByTestId(`share-${id}`).boundingBox())!;
      expect(track.width, `${id} bar over the full width at ${width} px`).toBeGreaterThan(width - 80);
      expect(label.y + label.height, "label above its bar").toBeLessThanOrEqual(track.y);
      expect(Math.abs(share.x + share.width - (track.x + track.width)) < 60, "the share at the bar's end").toBe(true);
    }
  }
  const fill = await phone.locator('[data-option-id="power-play"] .phone-bar__fill').evaluate((el) => el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width);
  expect(fill).toBeGreaterThan(0.99);

  // Votes stream in: every bar shows its share and count in every look, also while bars grow.
  const stream = (async () => {
    for (let round = 0; round < 4; round++) {
      await othersVote(baseURL ?? "", session, CHALLENGE_IDS.map((id, i) => ({ optionIds: i % (round + 2) === 0 ? [id] : [] })), `stream-${round}`);
    }
  })();
  const looks: string[] = [];
  let done = false;
  void stream.then(() => (done = true));
  while (!done) {
    const drawn = await phone.locator(".phone-bar__value").evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && /^\d+\s?%\s\(\d+\)$/.test((el.textContent ?? "").trim()) ? "" : (el.textContent ?? "?");
      }),
    );
    looks.push(drawn.length === CHALLENGE_IDS.length && drawn.every((d) => d === "") ? "ok" : drawn.join("|"));
  }
  await stream;
  expect(looks.length, "looks taken while votes came in").toBeGreaterThan(3);
  expect(looks.filter((l) => l !== "ok")).toEqual([]);
  await expect(phone.getByTestId("respondents")).toHaveText(`n = ${1 + 4 * CHALLENGE_IDS.length}`);
  host.close();
  await context.close();
});

test("each phone keeps its own language, also after a reload", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Taal per gsm");
  const a = await openPhone(browser, local(session.links.join));
  const b = await openPhone(browser, local(session.links.join));
  await expect(a.page.getByRole("heading", { level: 1 })).toHaveText(/Welke samenwerkingsvraagstukken/);
  await a.page.getByRole("button", { name: /^EN\b/ }).click();
  await expect(a.page.getByRole("heading", { level: 1 })).toHaveText(/collaboration challenges/);
  await expect(a.page.getByRole("button", { name: /^EN\b/ })).toHaveAttribute("aria-pressed", "true");
  await expect(a.page.getByTestId("option-none")).toHaveAccessibleName("None of these");
  await expect(b.page.getByRole("heading", { level: 1 })).toHaveText(/Welke samenwerkingsvraagstukken/);
  await a.page.reload();
  await expect(a.page.getByRole("heading", { level: 1 })).toHaveText(/collaboration challenges/);
  await Promise.all([a.context.close(), b.context.close()]);
});

test("a phone that comes in while results are shown gets them first, and its own answer back, without a hydration error", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Laat binnen");
  const host = await facilitator(baseURL ?? "", session);
  const first = await openPhone(browser, local(session.links.join));
  await first.page.getByTestId("option-enemy-image").check();
  await sendButton(first.page).click();
  await expect(first.page.getByTestId("receipt")).toBeVisible();
  await host.showResults(host.activeId ?? "");
  await expect(first.page.getByTestId("phone-results")).toBeVisible();

  // The same phone reloads (or its browser restarts) while the results are up.
  const errors: string[] = [];
  first.page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  first.page.on("pageerror", (e) => errors.push(e.message));
  await first.page.reload();
  await expect(first.page.getByTestId("share-enemy-image")).toHaveText("100%");
  await expect(first.page.getByTestId("option-enemy-image")).toBeChecked();
  await expect(first.page.locator(".phone-bar.is-mine")).toHaveText([/Vijandbeeld/]);
  await expect(first.page.getByTestId("receipt")).toBeVisible();
  const results = (await first.page.getByTestId("phone-results").boundingBox())!;
  const form = (await first.page.locator("form").boundingBox())!;
  expect(results.y).toBeLessThan(form.y);
  expect(errors).toEqual([]);
  host.close();
  await first.context.close();
});
