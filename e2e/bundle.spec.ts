import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { createSession, facilitator } from "./phone-room";

/**
 * First-load JavaScript of the join/ballot page, gzip: what a cheap phone on conference Wi-Fi downloads.
 * The issue aimed at 120 kB; the floor of Next.js's App Router with React 19 is about 135 kB by itself
 * (react-dom ~70 kB, the router runtime ~44 kB, loader chunks), socket.io-client adds ~14 kB and our own
 * ballot code and words (three languages) ~13 kB. The budget holds what we measured (157.6 kB) with a little
 * room, so growth is caught. The phone's results are plain HTML, loaded when shown, never the projector's
 * chart library.
 */
const BUDGET_KB = 160;
/** What showing the results may add: the phone's own bars and their words. */
const RESULTS_BUDGET_KB = 8;

test(`the ballot page loads at most ${BUDGET_KB} kB of JavaScript (gzip), and its results no chart library`, async ({ page, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Budget");
  const scripts = new Map<string, number>();
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.body().catch(() => null);
    if (body) scripts.set(response.url(), gzipSync(body, { level: 9 }).length);
  });
  const total = () => [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
  await page.goto(`/j/${session.code}`, { waitUntil: "networkidle" });
  await expect(page.getByTestId("option-power-play")).toBeVisible();
  const firstLoad = total();
  console.log(`ballot page first-load JS: ${firstLoad.toFixed(1)} kB gzip in ${scripts.size} scripts (budget ${BUDGET_KB} kB)`);
  for (const [url, size] of [...scripts].sort((a, b) => b[1] - a[1])) console.log(`  ${(size / 1024).toFixed(1)} kB  ${new URL(url).pathname}`);
  test.info().annotations.push({ type: "first-load-js-kb", description: firstLoad.toFixed(1) });
  expect(firstLoad).toBeGreaterThan(10);
  expect(firstLoad).toBeLessThanOrEqual(BUDGET_KB);

  const host = await facilitator(baseURL ?? "", session);
  await host.showResults(host.activeId ?? "");
  await expect(page.getByTestId("phone-results")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const forResults = total() - firstLoad;
  console.log(`showing the results loaded ${forResults.toFixed(1)} kB gzip more (budget ${RESULTS_BUDGET_KB} kB)`);
  expect(forResults).toBeLessThanOrEqual(RESULTS_BUDGET_KB);
  expect(await page.locator(".recharts-wrapper, .recharts-surface").count()).toBe(0);
  host.close();
});
