/**
 * A co-facilitator's link in the browser: the owner makes one on the console, a colleague's browser opens it and runs
 * the session (without delete or link management), and once revoked the colleague's console says so.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import type { CreatedCoHost, CreatedMeasurement } from "../lib/protocol";
import { createSession } from "./console-helpers";
import { local } from "./pages";

test("the owner hands a colleague a console link, the colleague runs the session, and the owner revokes it", async ({ browser, request }) => {
  const session = await createSession(request, { title: "Samen begeleiden", template: "challenges" });
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const owner = await ownerContext.newPage();
  await owner.goto(local(session.links.host));
  await owner.getByTestId("co-host-label").fill("Sofie");
  await owner.getByTestId("co-host-create").click();
  const link = await owner.getByTestId("co-host-link").inputValue();
  expect(link).toMatch(new RegExp(`/s/${session.id}/host#key=`));
  expect(link).not.toContain(session.hostKey);
  await expect(owner.getByTestId("co-host-list")).toHaveText("SofieIntrekken");
  await expect(owner.getByTestId("co-hosts")).toHaveScreenshot("co-hosts-console.png", { mask: [owner.getByTestId("co-host-link")] });
  const violations = (await new AxeBuilder({ page: owner }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze()).violations;
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // The colleague, in a browser of their own.
  const colleagueContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const colleague = await colleagueContext.newPage();
  await colleague.goto(local(link));
  await expect(colleague.getByTestId("session-title")).toHaveText("Samen begeleiden");
  await expect(colleague.getByTestId("co-host-note")).toHaveText("Je begeleidt mee via een link van de eigenaar van deze sessie.");
  await expect(colleague.getByRole("button", { name: "Sessie en alle antwoorden verwijderen" })).toHaveCount(0);
  await expect(colleague.getByTestId("co-hosts")).toHaveCount(0);
  await colleague.getByTestId("toggle-voting").click();
  await expect(owner.getByTestId("toggle-voting")).toHaveAttribute("aria-checked", "false");

  await owner.getByRole("button", { name: "Link van Sofie intrekken" }).click();
  await expect(owner.getByTestId("co-host-list")).toHaveText("Sofie · ingetrokken");
  await expect(colleague.getByTestId("console-gone").getByRole("alert")).toHaveText("De eigenaar van deze sessie heeft je link ingetrokken.");
  await expect(colleague).toHaveScreenshot("co-host-revoked-1280x720.png");
  // The owner's console runs on.
  await owner.getByTestId("toggle-voting").click();
  await expect(owner.getByTestId("toggle-voting")).toHaveAttribute("aria-checked", "true");
  await ownerContext.close();
  await colleagueContext.close();
});

test("a colleague's console of a measurement opens the network's trend, as the owner's does", async ({ browser, request }) => {
  const first = await createSession(request, { title: "Zorgnetwerk Brugge", template: "challenges" });
  const owner = { authorization: `Bearer ${first.hostKey}` };
  const second = (await (await request.post(`/api/sessions/${first.id}/measurements`, { headers: owner })).json()) as CreatedMeasurement;
  const invited = await request.post(`/api/sessions/${second.id}/cohosts`, { headers: { authorization: `Bearer ${second.hostKey}` }, data: { label: "Sofie" } });
  expect(invited.status()).toBe(201);
  const { link } = (await invited.json()) as CreatedCoHost;

  // The colleague's own browser holds only the link's key, no host key.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const colleague = await context.newPage();
  await colleague.goto(local(link));
  await expect(colleague.getByTestId("co-host-note")).toBeVisible();
  const [trend] = await Promise.all([context.waitForEvent("page"), colleague.getByTestId("trend-link").click()]);
  await expect(trend.getByRole("heading", { level: 1 })).toHaveText("Zorgnetwerk Brugge");
  await expect(trend.locator("thead th")).toHaveText(["Aandeel van de respondenten dat het vraagstuk herkent", "Meting 1 (n = 0)", "Meting 2 (n = 0)"]);
  await context.close();
});
