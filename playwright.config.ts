import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3217);
// Each run gets its own database, so runs never see each other's sessions.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "tafelronde-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "e2e",
  testMatch: "*.spec.ts",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  // Screenshot baselines are committed beside the specs and drawn by Debian's Chromium with the app's own font:
  // `npm run test:e2e:baselines` writes them anew (look at each one before committing it).
  snapshotPathTemplate: "{testDir}/__screenshots__/{testFileName}/{arg}{ext}",
  expect: {
    timeout: 10_000,
    toHaveScreenshot: { maxDiffPixelRatio: 0.002, animations: "disabled", caret: "hide", scale: "css" },
  },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Playwright cannot download its browsers here: use Debian's Chromium.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // The production server, started the way the README says (one process; builds first when needed).
    command: "node --import tsx server/index.ts",
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      PORT: String(port),
      DATABASE_PATH: join(dataDir, "e2e.db"),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Every spec makes sessions of its own, all from this one address: more than a person would in an hour.
      RATE_LIMIT_SESSIONS_PER_HOUR: "100000",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
