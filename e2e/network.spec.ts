import { expect, test } from "@playwright/test";
import { ConsolePage, HomePage, PhonePage, newPhone } from "./pages";

test("a phone that loses the network keeps its answer, sends it when back, and only then shows the receipt", async ({ page, browser }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createSession("Wankele wifi");
  const console_ = new ConsolePage(page);
  const screen = await console_.openScreen();
  await expect(screen.getByTestId("respondents")).toHaveText("n = 0");

  const phone = await newPhone(browser);
  await phone.page.goto(new URL(await console_.joinLink()).pathname);
  const p = new PhonePage(phone.page);
  await p.vote(["power-play"]);
  await expect(screen.getByTestId("count-power-play")).toHaveText("1");

  // The phone drops off the network (screen lock, Wi-Fi switch).
  await phone.context.setOffline(true);
  await expect(phone.page.getByTestId("reconnecting")).toBeVisible();

  // The participant changes their answer while offline: it is kept, not yet counted.
  await p.option("power-play").uncheck();
  await p.option("enemy-image").check();
  await phone.page.getByRole("button", { name: "Antwoord aanpassen" }).click();
  await expect(phone.page.getByTestId("receipt")).toHaveCount(0);
  // Said where the participant looks, not below the nine options.
  await expect(phone.page.getByTestId("pending")).toBeInViewport();
  await expect(screen.getByTestId("count-power-play")).toHaveText("1");

  // Back online: the answer goes out by itself, and only its ack shows the receipt.
  await phone.context.setOffline(false);
  await expect(phone.page.getByTestId("receipt")).toBeVisible({ timeout: 20_000 });
  await expect(phone.page.getByTestId("receipt")).toBeInViewport();
  await expect(phone.page.getByTestId("reconnecting")).toHaveCount(0);
  await expect(screen.getByTestId("count-enemy-image")).toHaveText("1");
  await expect(screen.getByTestId("count-power-play")).toHaveText("0");
  await expect(screen.getByTestId("respondents")).toHaveText("n = 1");
  await phone.context.close();
});

test("the screen resyncs to the exact server state after it was offline", async ({ page, browser }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createSession("Projector resync");
  const console_ = new ConsolePage(page);
  // The screen in a context of its own, so only it goes offline; its link carries the read-only key.
  const screenLink = await page.getByTestId("open-screen").getAttribute("href");
  expect(screenLink).toMatch(/\/screen#key=/);
  const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const screen = await screenContext.newPage();
  await screen.goto(screenLink ?? "");
  await expect(screen.getByTestId("respondents")).toHaveText("n = 0");

  await screenContext.setOffline(true);
  await expect(screen.getByTestId("reconnecting")).toBeVisible();
  const phone = await newPhone(browser);
  await phone.page.goto(new URL(await console_.joinLink()).pathname);
  await new PhonePage(phone.page).vote(["different-hats", "power-play"]);
  await console_.closeVoting();

  await screenContext.setOffline(false);
  await expect(screen.getByTestId("respondents")).toHaveText("n = 1", { timeout: 20_000 });
  await expect(screen.getByTestId("count-different-hats")).toHaveText("1");
  await expect(screen.getByText(/Stemmen is gesloten/)).toBeVisible();
  await phone.context.close();
  await screenContext.close();
});
