/**
 * Keys that last: the facilitator saves this browser's session keys as a file or a recovery link and loads them on
 * another device (a fresh browser context), where the sessions come back; a deleted session's key is refused.
 */
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createSession, rememberSessions } from "./views-data";

test("keys saved as a file and as a recovery link bring the sessions back on another device", async ({ browser, page, request }) => {
  const [gent, brugge] = await Promise.all([createSession(request, { title: "Netwerk Gent" }), createSession(request, { title: "Netwerk Brugge" })]);
  await rememberSessions(page, [
    { session: gent, title: "Netwerk Gent" },
    { session: brugge, title: "Netwerk Brugge" },
  ]);
  await page.goto("/");
  await page.getByText("Sleutels meenemen naar een ander toestel").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("keys-save").click()]);
  expect(download.suggestedFilename()).toMatch(/^tafelronde-sleutels-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ format: "tafelronde-keys", sessions: [{ id: expect.any(String) }, { id: expect.any(String) }] });
  await page.getByTestId("keys-link").click();
  const link = await page.getByTestId("keys-link-value").inputValue();
  expect(link).toMatch(/\/#restore=[A-Za-z0-9_-]+$/);
  const violations = (await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze()).violations;
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Another device, from the file.
  const other = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const second = await other.newPage();
  await second.goto("/");
  await expect(second.getByTestId("my-sessions")).toHaveCount(0);
  await second.getByText("Sleutels meenemen naar een ander toestel").click();
  await second.getByTestId("keys-load").setInputFiles(file);
  await expect(second.getByTestId("my-sessions-notice")).toHaveText("2 sessies hersteld in deze browser.");
  await expect(second.locator(".my-sessions__title")).toHaveText(["Netwerk Gent", "Netwerk Brugge"]);
  await second.getByTestId("keys-load").setInputFiles({ name: "iets.json", mimeType: "application/json", buffer: Buffer.from('{"a":1}') });
  await expect(second.getByTestId("keys-panel").getByRole("alert")).toHaveText("Dit is geen sleutelbestand of herstellink van Tafelronde.");
  await other.close();

  // A third device, from the link, after one of the sessions was deleted: that key is refused, the link leaves the address bar.
  expect((await request.delete(`/api/sessions/${brugge.id}`, { headers: { authorization: `Bearer ${brugge.hostKey}` } })).status()).toBe(204);
  const third = await browser.newContext();
  const thirdPage = await third.newPage();
  await thirdPage.goto(new URL(link).pathname + new URL(link).hash);
  await expect(thirdPage.getByTestId("my-sessions-notice")).toHaveText("1 sessie hersteld in deze browser. 1 niet hersteld: de sessie bestaat niet meer of de sleutel klopt niet.");
  await expect(thirdPage.locator(".my-sessions__title")).toHaveText(["Netwerk Gent"]);
  expect(new URL(thirdPage.url()).hash).toBe("");
  // The restored key runs the session: its console opens.
  await thirdPage.goto(`/s/${gent.id}/host`);
  await expect(thirdPage.getByTestId("session-title")).toHaveText("Netwerk Gent");
  await third.close();
});
