/**
 * Results back to the room: the console publishes a read-only page, the projector shows its QR code once voting is
 * closed, a 320 px phone reads it and the room's action plan without a key (and prints both on one A4 page), and a
 * withdrawn page is gone.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { local } from "./pages";
import { openPhone } from "./phone-room";
import { calmScreen } from "./screen-helpers";
import { createSession, vote } from "./views-data";

async function axe(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the console publishes the results, the projector shows the link at the end, a phone reads and prints them, and a withdrawn page is gone", async ({ browser, request, baseURL }) => {
  const session = await createSession(request, { title: "Studiedag integrale jeugdhulp" });
  await vote(baseURL ?? "", session, [["power-play"], ["power-play", "enemy-image"], ["power-play"], ["enemy-image"], []], "pub");
  // The room's plan: four actions, as a typical session ends (the page shows them under the charts).
  for (const data of [
    { text: "Elke partner ontvangt de anderen één keer op werkbezoek", about: "enemy-image", owner: "Sofie (OCMW)", due: "2027-03-15" },
    { text: "Agenda een week vooraf rondsturen", about: "power-play", owner: "Jan", due: "2027-02-01" },
    { text: "Beslissingen op papier", about: "power-play", owner: "An en Piet", due: "2027-04-30" },
    { text: "Evaluatie in juni", about: null, owner: "Stuurgroep", due: "2027-06-30" },
  ]) {
    const res = await request.post(`/api/sessions/${session.id}/actions`, { headers: { authorization: `Bearer ${session.hostKey}` }, data });
    expect(res.status(), await res.text()).toBe(201);
  }
  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const consolePage = await consoleContext.newPage();
  await consolePage.goto(local(session.links.host));
  const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const screen = await screenContext.newPage();
  await screen.goto(local(session.links.screen));
  await expect(screen.getByTestId("join-code")).toBeVisible();

  await consolePage.getByTestId("publication-days").fill("14");
  await consolePage.getByTestId("publication-publish").click();
  await expect(consolePage.getByTestId("publication-up")).toContainText("Staat online tot");
  const path = (await consolePage.getByTestId("publication-link").getAttribute("href")) ?? "";
  expect(path).toMatch(new RegExp(`^/r/${session.id}/[A-Za-z0-9_-]{20,}$`));
  expect(path).not.toContain(session.hostKey);
  // While voting is open the screen still shows the way in; at the end, the results page.
  await expect(screen.getByTestId("results-link-panel")).toHaveCount(0);
  await consolePage.getByTestId("toggle-voting").click();
  await expect(screen.getByTestId("results-link-panel")).toBeVisible();
  await expect(screen.getByTestId("results-link")).toHaveAttribute("href", new RegExp(`${path}$`));
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("results-link-screen-1280x720.png", { mask: [screen.getByTestId("qr-code"), screen.getByTestId("results-link")] });

  const { context: phoneContext, page: phone } = await openPhone(browser, path, { width: 320, height: 640, reducedMotion: true });
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Studiedag integrale jeugdhulp");
  const question = phone.getByTestId("results-question");
  await expect(question).toHaveCount(1);
  await expect(question.getByRole("heading", { level: 2 }).first()).toHaveText("Welke samenwerkingsvraagstukken herken je in je eigen samenwerking?");
  await expect(question.locator(".phone-bar").filter({ hasText: "Machtsspel" })).toContainText("60%");
  const plan = phone.getByTestId("results-plan");
  await expect(plan.getByRole("heading", { level: 2 })).toHaveText("Actieplan");
  await expect(plan.getByRole("listitem")).toHaveText([
    "Elke partner ontvangt de anderen één keer op werkbezoekVijandbeeldTrekker: Sofie (OCMW)Tegen: 15 maart 2027",
    "Agenda een week vooraf rondsturenMachtsspelTrekker: JanTegen: 1 februari 2027",
    "Beslissingen op papierMachtsspelTrekker: An en PietTegen: 30 april 2027",
    "Evaluatie in juniTrekker: StuurgroepTegen: 30 juni 2027",
  ]);
  // After the charts, drawn inside the phone's width.
  const [chartBox, planBox] = [await question.boundingBox(), await plan.boundingBox()];
  expect(planBox && chartBox && planBox.y).toBeGreaterThan((chartBox?.y ?? 0) + (chartBox?.height ?? 0) - 1);
  expect(planBox && planBox.x + planBox.width).toBeLessThanOrEqual(320);
  const problems = await axe(phone, "results page nl");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await phone.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect(phone).toHaveScreenshot("results-page-320.png", { fullPage: true, mask: [phone.locator("p.hint").first()] });
  for (const language of ["en", "fr"] as const) {
    await phone.locator(".language-switch").getByRole("button", { name: language === "en" ? "English" : "Français" }).click();
    await expect(phone.locator("html")).toHaveAttribute("lang", language);
    problems.push(...(await axe(phone, `results page ${language}`)));
  }
  expect(problems).toEqual([]);
  // A handout: one A4 page on paper.
  const pdf = (await phone.pdf({ format: "A4", printBackground: false })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

  await consolePage.getByTestId("publication-withdraw").click();
  await expect(consolePage.getByTestId("publication-up")).toHaveCount(0);
  await expect(screen.getByTestId("results-link-panel")).toHaveCount(0);
  await phone.reload();
  // In the language the phone chose last.
  await expect(phone.locator("main").getByRole("alert")).toHaveText("Il n'y a pas (plus) de résultats ici : l'animateur a retiré la page, elle a expiré, ou l'adresse est fausse.");
  for (const context of [consoleContext, screenContext, phoneContext]) await context.close();
});
