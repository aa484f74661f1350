/** A room for the phone specs: a facilitator and other participants over their own sockets, and a phone's measures. */
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { Ack, CreatedSession, QuestionChanged, QuestionDraft, Results, SessionState } from "../lib/protocol";

/** The path and fragment of a link the API made absolute with the LAN address (the fragment holds the key). */
export const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.hash;
};

export async function createSession(baseURL: string, title: string, template: "article" | "challenges" | "empty" = "challenges", language = "nl"): Promise<CreatedSession> {
  const res = await fetch(`${baseURL}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title, template, language }) });
  expect(res.status, "session created").toBe(201);
  return (await res.json()) as CreatedSession;
}

export type Facilitator = Awaited<ReturnType<typeof facilitator>>;

/** The facilitator, driven over its own socket: the console's UI is tested elsewhere. */
export async function facilitator(baseURL: string, session: CreatedSession) {
  const socket: Socket = io(baseURL, { auth: { sessionId: session.id, hostKey: session.hostKey }, transports: ["websocket"], forceNew: true });
  const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
  // What the facilitator's console would show: the latest results of the active question.
  let results = state.results;
  socket.on("results:updated", (r: Results) => (results = r));
  socket.on("session:state", (s: SessionState) => (results = s.results ?? results));
  async function command<T>(event: string, payload: unknown): Promise<T> {
    const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }
  const ref = (questionId: string) => ({ questionId });
  return {
    questions: state.questions ?? [],
    activeId: state.question?.id,
    results: () => results,
    activate: (questionId: string) => command<QuestionChanged>("question:activate", ref(questionId)),
    showResults: (questionId: string) => command<QuestionChanged>("results:show", ref(questionId)),
    hideResults: (questionId: string) => command<QuestionChanged>("results:hide", ref(questionId)),
    open: (questionId: string) => command<QuestionChanged>("question:open", ref(questionId)),
    closeVoting: (questionId: string) => command<QuestionChanged>("question:close", ref(questionId)),
    add: (draft: QuestionDraft) => command<QuestionChanged>("question:add", draft),
    hideAnswer: (questionId: string, answerId: string) => command<{ answerId: string }>("answer:hide", { questionId, answerId }),
    close: () => socket.disconnect(),
  };
}

/**
 * Other participants answer the active question over their own sockets (one ballot each), then leave; all at
 * once, or `inOrder` when the order shows (open answers are listed newest first).
 */
export async function othersVote(baseURL: string, session: CreatedSession, ballots: readonly Record<string, unknown>[], prefix = "other", inOrder = false): Promise<void> {
  const vote = async (fields: Record<string, unknown>, i: number) => {
    const socket = io(baseURL, { auth: { code: session.code, participantId: `${prefix}-participant-${i}` }, transports: ["websocket"], forceNew: true });
    const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
    const ack = (await socket.timeout(10_000).emitWithAck("vote:cast", { questionId: state.question?.id ?? "", ...fields })) as Ack<unknown>;
    socket.disconnect();
    if (!ack.ok) throw new Error(`vote: ${ack.error.code} ${ack.error.message}`);
  };
  if (!inOrder) return void (await Promise.all(ballots.map(vote)));
  for (const [i, fields] of ballots.entries()) await vote(fields, i);
}

export interface PhoneOptions {
  width?: number;
  height?: number;
  colorScheme?: "light" | "dark";
  language?: "nl" | "en" | "fr";
  reducedMotion?: boolean;
}

/** A phone as mobile emulation has it: touch, a layout viewport of the device's width, its own storage. */
export async function openPhone(browser: Browser, path: string, o: PhoneOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: o.width ?? 390, height: o.height ?? 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
    colorScheme: o.colorScheme ?? "light",
    reducedMotion: o.reducedMotion ? "reduce" : "no-preference",
  });
  const page = await context.newPage();
  if (o.language) await page.addInitScript((l) => localStorage.setItem("tafelronde:language", l), o.language);
  await page.goto(path);
  return { context, page };
}

/** Text twice the size, as a reader who enlarged it has it (WCAG 1.4.4). */
export async function setLargeText(page: Page, on: boolean): Promise<void> {
  await page.evaluate((enable) => {
    let style = document.getElementById("e2e-large-text");
    if (enable && !style) {
      style = document.createElement("style");
      style.id = "e2e-large-text";
      style.textContent = "html { font-size: 200% !important; }";
      document.head.append(style);
    } else if (!enable) style?.remove();
  }, on);
}

export interface Fit {
  /** What the browser made its layout viewport: wider than the device when the page is too wide. */
  innerWidth: number;
  scrollWidth: number;
  scale: number;
  /** The elements that stick out on the right, for the failure message. */
  widest: string[];
}

/**
 * How the page fits a phone of `width` px. With `isMobile`, a page wider than the device makes the browser
 * widen its layout viewport and zoom out (so scrollWidth equals clientWidth and nothing seems to overflow):
 * `innerWidth` and the visual viewport's scale tell.
 */
export async function measureFit(page: Page, width: number, height: number): Promise<Fit> {
  await page.setViewportSize({ width, height });
  // Two frames: the resize is laid out and the visual viewport has settled.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate((w) => {
    const widest: string[] = [];
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 0.5 && r.width > 0) widest.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""} right=${Math.round(r.right)}`);
    }
    return {
      innerWidth: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      scale: Math.round((window.visualViewport?.scale ?? 1) * 1000) / 1000,
      widest: widest.slice(0, 4),
    };
  }, width);
}

export const PHONE_WIDTHS = [320, 360, 390, 412] as const;

/**
 * Every phone width, at normal and at 200 % text: the page keeps the device's width and is not zoomed out.
 * Returns the problems found (empty when it fits), so one test can report every state at once.
 */
export async function sidewaysProblems(page: Page, state: string): Promise<string[]> {
  const problems: string[] = [];
  for (const large of [false, true]) {
    await setLargeText(page, large);
    for (const width of PHONE_WIDTHS) {
      const fit = await measureFit(page, width, 640);
      if (fit.innerWidth !== width || fit.scrollWidth > width || fit.scale !== 1) {
        problems.push(`${state} at ${width} px${large ? ", 200 % text" : ""}: layout viewport ${fit.innerWidth} px, page ${fit.scrollWidth} px, zoom ${fit.scale} (${fit.widest.join("; ")})`);
      }
    }
  }
  await setLargeText(page, false);
  await page.setViewportSize({ width: 390, height: 844 });
  return problems;
}

/** Every control a thumb can reach on the page: at least 44 by 44 px (the page's own, not the browser's). */
export async function smallTapTargets(page: Page, state: string): Promise<string[]> {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>("main button, main a[href], main summary, main label:has(input), main textarea, main select");
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (Math.min(r.width, r.height) < 44) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return out;
  });
  return small.map((s) => `${state}: ${s}`);
}
