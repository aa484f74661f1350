/** The results page's rules: up or not, and what a question shows there. */
import { describe, expect, it } from "vitest";
import type { Results } from "../protocol";
import { publicationExpiry, publicationLive, publicResults } from "./publication";

const at = new Date("2026-12-06T10:00:00.000Z");
const results: Results = { questionId: "q1", kind: "multiple", counts: { a: 4, b: 2 }, respondents: 6, participants: 40 };

describe("publications", () => {
  it.each([
    ["published", { publishedAt: at.toISOString(), expiresAt: publicationExpiry(at, 30), withdrawnAt: null }, at.getTime() + 1000, true],
    ["past its expiry", { publishedAt: at.toISOString(), expiresAt: publicationExpiry(at, 1), withdrawnAt: null }, at.getTime() + 86_400_000, false],
    ["withdrawn", { publishedAt: at.toISOString(), expiresAt: publicationExpiry(at, 30), withdrawnAt: at.toISOString() }, at.getTime() + 1000, false],
    ["never published", null, at.getTime(), false],
  ])("is up when %s: %s", (_name, p, now, live) => expect(publicationLive(p, now)).toBe(live));

  it("expires 30 days after publishing by default arithmetic", () => expect(publicationExpiry(at, 30)).toBe("2027-01-05T10:00:00.000Z"));

  it("shows a question's numbers from the threshold on, never how many are connected, never a split", () => {
    expect(publicResults({ ...results, split: { by: { questionId: "g", prompt: "", options: [] }, groups: [], withheld: [], minGroupSize: 5 } }, 5)).toEqual({ ...results, participants: 0 });
    expect(publicResults(results, 7)).toEqual({ questionId: "q1", kind: "multiple", counts: {}, respondents: 6, participants: 0, withheld: "too_few", minGroupSize: 7 });
  });

  it("shows nothing of a silent vote but how many voted", () => {
    expect(publicResults({ ...results, silent: true }, 5)).toEqual({ questionId: "q1", kind: "multiple", counts: {}, respondents: 6, participants: 0, silent: true });
  });
});
