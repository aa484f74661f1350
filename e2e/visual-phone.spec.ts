/** What a phone shows, at the sizes phones have. */
import { expect, test } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { local, noHorizontalScroll, SHOTS } from "./pages";

test("phone ballot at 390x844 and 320x640, landscape, 200% text and dark mode", async ({ browser, request }) => {
  const session = (await (await request.post("/api/sessions", { data: { title: "Studiedag jeugdhulp" } })).json()) as CreatedSession;
  const cases = [
    { name: "phone-390x844", viewport: { width: 390, height: 844 } },
    { name: "phone-320x640", viewport: { width: 320, height: 640 } },
    { name: "phone-landscape-844x390", viewport: { width: 844, height: 390 } },
    { name: "phone-dark-390x844", viewport: { width: 390, height: 844 }, colorScheme: "dark" as const },
    { name: "phone-large-text-320x640", viewport: { width: 320, height: 640 }, largeText: true },
  ];
  for (const c of cases) {
    const context = await browser.newContext({ viewport: c.viewport, hasTouch: true, isMobile: true, colorScheme: c.colorScheme ?? "light" });
    const phone = await context.newPage();
    await phone.goto(local(session.links.join));
    if (c.largeText) await phone.addStyleTag({ content: "html { font-size: 200% }" });
    await expect(phone.getByTestId("option-power-play")).toBeVisible();
    await noHorizontalScroll(phone);
    // Tap targets of at least 44x44 px.
    for (const id of ["power-play", "unbridgeable-diversity"]) {
      const box = await phone.locator(`label:has([data-testid="option-${id}"])`).boundingBox();
      expect(box?.height ?? 0, `${c.name}: tap target height`).toBeGreaterThanOrEqual(44);
    }
    await phone.getByTestId("option-power-play").check();
    await phone.locator("details").nth(1).locator("summary").click();
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: `${SHOTS}/${c.name}.png` });
    await context.close();
  }
});
