/** The phone's question is in the first HTML the server sends, before any script or socket runs. */
import { expect, test } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";

test("the join page's first HTML holds the session title and the question, and nothing from a forged header", async ({ request }) => {
  const session = (await (await request.post("/api/sessions", { data: { title: "Eerste HTML" } })).json()) as CreatedSession;
  const html = await (await request.get(`/j/${session.code}`)).text();
  expect(html).toContain("Eerste HTML");
  expect(html).toContain("Welke samenwerkingsvraagstukken");
  expect(html).toContain("Machtsspel");

  const forged = Buffer.from(JSON.stringify({ session: { id: "x", title: "Vervalst", code: "AAAAAA", language: "nl" } })).toString("base64url");
  const other = await (await request.get(`/j/${session.code}`, { headers: { "x-tafelronde-phone": forged } })).text();
  expect(other).not.toContain("Vervalst");
  expect(other).toContain("Eerste HTML");
});

test("the join page's first HTML is in its session's language, and says so before any script runs", async ({ request }) => {
  const session = (await (await request.post("/api/sessions", { data: { title: "First HTML", language: "en" } })).json()) as CreatedSession;
  const html = await (await request.get(`/j/${session.code}`)).text();
  expect(html).toMatch(/<html lang="en"/);
  expect(html).toContain("Which collaboration challenges");
  // Every other page starts in Dutch.
  expect(await (await request.get("/")).text()).toMatch(/<html lang="nl"/);
});
