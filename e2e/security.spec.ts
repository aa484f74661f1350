import { expect, test } from "@playwright/test";
import { ConsolePage, HomePage, newPhone } from "./pages";

const PAYLOAD = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`;

test("a title with a script payload is shown as text in every view, and runs nowhere", async ({ page, browser }) => {
  const cspViolations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  const home = new HomePage(page);
  await home.goto();
  await home.createSession(PAYLOAD);
  const console_ = new ConsolePage(page);
  await expect(page.getByTestId("session-title")).toHaveText(PAYLOAD);

  const screen = await console_.openScreen();
  // The question is the screen's headline; the session title is drawn small above it, as text.
  await expect(screen.locator(".screen__title")).toHaveText(PAYLOAD);
  const phone = await newPhone(browser);
  await phone.page.goto(new URL(await console_.joinLink()).pathname);
  await expect(phone.page.getByText(PAYLOAD)).toBeVisible();

  for (const p of [page, screen, phone.page]) {
    expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await p.locator("img[src='x']").count()).toBe(0);
  }
  // Next's own scripts carry the nonce, so the policy blocks nothing of the app.
  expect(cspViolations).toEqual([]);
  await phone.context.close();
});

test("every page is served with the security headers", async ({ request }) => {
  for (const path of ["/", "/j/BBBBBB", "/s/abc/host", "/s/abc/screen", "/api/health"]) {
    const res = await request.get(path);
    const headers = res.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp, path).toContain("object-src 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("no-referrer");
    if (path !== "/api/health") {
      // The nonce in the header is the one on the page's scripts.
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      const html = await res.text();
      expect(html).toContain(`nonce="${nonce}"`);
    }
  }
});
