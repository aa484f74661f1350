import { expect, test } from "@playwright/test";
import { ConsolePage, HomePage, PhonePage, newPhone } from "./pages";

test("the facilitator deletes the session and its data at once; phones and the screen are told", async ({ page, browser, request }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createSession("Te verwijderen");
  const console_ = new ConsolePage(page);
  const joinPath = new URL(await console_.joinLink()).pathname;
  const screen = await console_.openScreen();
  const phone = await newPhone(browser);
  await phone.page.goto(joinPath);
  await new PhonePage(phone.page).vote(["power-play"]);
  await expect(screen.getByTestId("respondents")).toHaveText("n = 1");

  await page.getByRole("button", { name: "Sessie en alle antwoorden verwijderen" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Definitief verwijderen" }).click();

  for (const p of [page, screen, phone.page]) {
    await expect(p.locator("main").getByRole("alert")).toHaveText("Deze sessie is verwijderd.");
  }
  // The host key is gone from this browser, and the code no longer lets anyone in.
  const sessionId = new URL(page.url()).pathname.split("/")[2] ?? "";
  // The socket's "deleted" can arrive before the DELETE's own reply, after which the key is dropped: await it.
  await expect.poll(() => page.evaluate((id) => localStorage.getItem(`tafelronde:host-key:${id}`), sessionId)).toBeNull();
  const fresh = await newPhone(browser);
  await fresh.page.goto(joinPath);
  await expect(fresh.page.locator("main").getByRole("alert")).toHaveText(/bestaat niet/);
  expect((await request.get(`/api/sessions/${sessionId}/export?format=json`, { headers: { authorization: "Bearer x" } })).status()).toBe(403);
  await Promise.all([phone.context.close(), fresh.context.close()]);
});
