/**
 * Lighthouse on the participant page with mobile emulation (`npm run lighthouse`): starts the production
 * server, creates a session, audits /j/CODE in Debian's Chromium and prints the category scores.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import type { CreatedSession } from "../lib/protocol";
import { startServerProcess } from "../server/testing/server-process";

const TARGETS = { performance: 95, accessibility: 100, "best-practices": 95 } as const;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "tafelronde-lighthouse-"));
  const server = await startServerProcess({ DATABASE_PATH: join(dir, "lh.db") });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  let failed = false;
  try {
    const res = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Lighthouse" }) });
    const session = (await res.json()) as CreatedSession;
    // localhost, not the LAN address of the join link: Lighthouse runs on this machine.
    const url = `http://localhost:${server.port}/j/${session.code}`;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices"],
      formFactor: "mobile",
    });
    if (!result) throw new Error("Lighthouse returned no result");
    console.log(`Lighthouse ${result.lhr.lighthouseVersion} on ${url} (mobile emulation, simulated slow 4G)`);
    for (const [id, target] of Object.entries(TARGETS)) {
      const score = Math.round((result.lhr.categories[id]?.score ?? 0) * 100);
      const ok = score >= target;
      failed ||= !ok;
      console.log(`  ${id.padEnd(15)} ${String(score).padStart(3)}  (target ${target}) ${ok ? "ok" : "BELOW TARGET"}`);
    }
    for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]) {
      const audit = result.lhr.audits[id];
      if (audit) console.log(`  ${audit.title}: ${audit.displayValue}`);
    }
    for (const cat of ["accessibility", "best-practices"]) {
      for (const ref of result.lhr.categories[cat]?.auditRefs ?? []) {
        const audit = result.lhr.audits[ref.id];
        if (audit && audit.score !== null && audit.score < 1 && ref.weight > 0) console.log(`  ${cat} finding: ${audit.title}`);
      }
    }
  } finally {
    await chrome.kill();
    server.child.kill("SIGTERM");
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
