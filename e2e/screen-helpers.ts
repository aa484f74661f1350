/** The screen's tests and bench: a facilitator and participants over sockets, and readers of what is drawn. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { Ack, CreatedSession, QuestionChanged, QuestionDraft, SessionState } from "../lib/protocol";

/** The facilitator over its own socket (the console's UI is tested elsewhere). */
export async function facilitator(baseURL: string, session: CreatedSession) {
  const socket: Socket = io(baseURL, { auth: { sessionId: session.id, hostKey: session.hostKey }, transports: ["websocket"], forceNew: true });
  const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
  async function command<T>(event: string, payload: unknown): Promise<T> {
    const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }
  return {
    questions: state.questions ?? [],
    activate: (questionId: string) => command<QuestionChanged>("question:activate", { questionId }),
    add: (draft: QuestionDraft) => command<QuestionChanged>("question:add", draft),
    close: () => socket.disconnect(),
  };
}

/**
 * Ballots for the active question, one per participant, each in its own socket (`vote:cast` payloads without the
 * question id); `inOrder` sends them one after the other (open answers are shown newest first).
 */
export async function castBallots(baseURL: string, session: CreatedSession, ballots: readonly object[], prefix = "voter", inOrder = false): Promise<void> {
  if (inOrder) {
    for (const [i, ballot] of ballots.entries()) await castBallots(baseURL, session, [ballot], `${prefix}-${i}`);
    return;
  }
  await Promise.all(
    ballots.map(async (ballot, i) => {
      const socket = io(baseURL, { auth: { code: session.code, participantId: `${prefix}-participant-${i}` }, transports: ["websocket"], forceNew: true });
      try {
        const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
        const ack = (await socket.timeout(10_000).emitWithAck("vote:cast", { questionId: state.question?.id ?? "", ...ballot })) as Ack<unknown>;
        if (!ack.ok) throw new Error(`vote:cast: ${ack.error.code} ${ack.error.message}`);
      } finally {
        socket.disconnect();
      }
    }),
  );
}

/** axe at WCAG 2.2 AA, as e2e/accessibility.spec.ts runs it. */
export async function expectNoAxeViolations(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${name}: axe violations`).toEqual([]);
}

/**
 * What differs from run to run on the screen: the join code, and the link and QR code that carry it. The masks
 * cover their whole lines (fixed in width), not the texts, whose width follows the letters of each run's code.
 */
export const joinMasks = (page: Page): Locator[] => [
  page.locator("p", { has: page.getByTestId("join-code") }),
  page.locator("p", { has: page.getByTestId("join-link") }),
  page.getByTestId("qr-code"),
];

/**
 * The screen as the room sees it once the facilitator lets go of the mouse: the control bar faded out and the
 * font loaded, so a screenshot compares with its baseline.
 */
export async function calmScreen(page: Page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect(page.getByTestId("screen-view")).toHaveAttribute("data-controls", "hidden");
}

export interface VoteStream {
  /** Ballots the server acknowledged so far. */
  acknowledged(): number;
  /** Stop voting and disconnect everyone; resolves with the number of acknowledged ballots. */
  stop(): Promise<number>;
}

export interface StreamOptions {
  participants?: number;
  /** Options the participants choose from (the others stay at 0 votes). */
  optionIds: readonly string[];
  /** Pause between one participant's ballots, in ms (a random value in this range). */
  pauseMs?: readonly [number, number];
  /** Participant ids start with this, so two streams in one session never share a ballot. */
  prefix?: string;
}

/** A small deterministic generator, so a failing run can be repeated with the same ballots. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * `participants` phones over socket.io-client, each sending a new ballot (one to three of `optionIds`) every few
 * hundred ms: about 80 ballots a second with the defaults, far above the 10 results a second the server sends
 * a screen, so every interval carries a change.
 */
export async function streamVotes(baseURL: string, session: CreatedSession, options: StreamOptions): Promise<VoteStream> {
  const { participants = 30, optionIds, pauseMs = [250, 450], prefix = "stream" } = options;
  const next = random(42);
  let running = true;
  let acknowledged = 0;
  const sockets: Socket[] = [];
  const loops = await Promise.all(
    Array.from({ length: participants }, async (_, i) => {
      const socket = io(baseURL, { auth: { code: session.code, participantId: `${prefix}-${i}` }, transports: ["websocket"], forceNew: true });
      sockets.push(socket);
      const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
      const questionId = state.question?.id ?? "";
      return async () => {
        while (running) {
          const picks = new Set<string>();
          const n = 1 + Math.floor(next() * 3);
          while (picks.size < n) picks.add(optionIds[Math.floor(next() * optionIds.length)] ?? "");
          const ack = (await socket.timeout(5000).emitWithAck("vote:cast", { questionId, optionIds: [...picks] }).catch(() => null)) as Ack<unknown> | null;
          if (ack?.ok) acknowledged++;
          const [low, high] = pauseMs;
          await new Promise((resolve) => setTimeout(resolve, low + next() * (high - low)));
        }
      };
    }),
  );
  const running_ = loops.map((loop) => loop());
  return {
    acknowledged: () => acknowledged,
    async stop() {
      running = false;
      await Promise.all(running_);
      for (const socket of sockets) socket.disconnect();
      return acknowledged;
    },
  };
}

export interface LabelSamples {
  /** Animation frames looked at. */
  samples: number;
  /** Different sets of figures (from the results table) seen while sampling: how many updates were drawn. */
  updates: number;
  /** What was wrong, per frame (the first few). */
  failures: string[];
  /** Frames with at least one failure. */
  failedSamples: number;
}

export interface SampleOptions {
  /** Keep looking until this many frames were checked... */
  frames: number;
  /** ...and this many different results were drawn... */
  updates: number;
  /** ...but no longer than this (a loaded machine paints fewer frames). */
  maxMs: number;
}

/**
 * Look at the chart on every animation frame until `frames` frames and `updates` updates were seen, and check what a person would read on the wall: one
 * value label ("37 % (12)") per row of the results, with that row's figures, drawn as visible SVG text inside
 * the drawing; a label of a row with votes sits just right of the end of a bar painted in the bar colour; a
 * row without votes reads 0 %. The figures to expect come from the chart's own results table, read in the
 * same frame.
 */
export async function sampleDrawnLabels(page: Page, options: SampleOptions): Promise<LabelSamples> {
  return page.evaluate(async ({ frames, updates, maxMs }) => {
    const figure = document.querySelector<HTMLElement>('[data-testid="results-chart"]');
    const svg = figure?.querySelector<SVGSVGElement>("svg.recharts-surface");
    const table = figure?.querySelector('[data-testid="results-table"]');
    if (!figure || !svg || !table) return { samples: 0, updates: 0, failures: ["no chart on the page"], failedSamples: 1 };
    // What "the bar colour" computes to, in the current theme.
    const probeSvg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    probeSvg.setAttribute("style", "position:fixed;width:0;height:0");
    const probe = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    probe.setAttribute("style", "fill: var(--bar)");
    probeSvg.appendChild(probe);
    document.body.appendChild(probeSvg);
    const failures: string[] = [];
    const seen = new Set<string>();
    let samples = 0;
    let failedSamples = 0;
    const key = (share: number, count: number) => `${share}% (${count})`;
    const sample = () => {
      const problems: string[] = [];
      const bar = getComputedStyle(probe).fill;
      const svgBox = svg.getBoundingClientRect();
      const expected = [...table.querySelectorAll("tbody tr")].map((tr) => {
        const cells = tr.querySelectorAll("td");
        return { share: Number(cells[0]?.textContent), count: Number(cells[1]?.textContent) };
      });
      seen.add(JSON.stringify(expected));
      const labels = [...svg.querySelectorAll("text")]
        .map((text) => ({ text, box: text.getBoundingClientRect(), match: /(\d+)\s*%\s*\((\d+)\)/.exec(text.textContent ?? "") }))
        .filter(({ text, box, match }) => match && box.width > 0 && box.height > 0 && text.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
        .map(({ box, match }) => ({ box, share: Number(match?.[1]), count: Number(match?.[2]) }));
      const drawn = labels.map((l) => key(l.share, l.count)).sort();
      const wanted = expected.map((e) => key(e.share, e.count)).sort();
      if (drawn.join(" | ") !== wanted.join(" | ")) problems.push(`labels drawn [${drawn.join(", ")}] but the results are [${wanted.join(", ")}]`);
      const bars = [...svg.querySelectorAll("rect, path")]
        .filter((el) => getComputedStyle(el).fill === bar)
        .map((el) => el.getBoundingClientRect())
        .filter((b) => b.width > 0.5 && b.height > 0.5);
      for (const label of labels) {
        const { box } = label;
        if (box.left < svgBox.left - 0.5 || box.right > svgBox.right + 0.5 || box.top < svgBox.top - 0.5 || box.bottom > svgBox.bottom + 0.5) {
          problems.push(`label ${key(label.share, label.count)} sticks out of the drawing`);
        }
        if (label.count === 0) {
          if (label.share !== 0) problems.push(`a row without votes reads ${label.share} %`);
          continue;
        }
        // Bars at the label's height (two while re-sorted rows slide past each other); one of them must end just
        // before the label.
        const middle = box.top + box.height / 2;
        const beside = bars.filter((b) => Math.abs(b.top + b.height / 2 - middle) <= b.height / 2);
        const gaps = beside.map((b) => box.left - b.right);
        if (beside.length === 0) problems.push(`label ${key(label.share, label.count)} has no bar beside it`);
        else if (!gaps.some((gap) => gap >= -1 && gap <= box.height * 1.5)) {
          problems.push(
            `label ${key(label.share, label.count)} at x ${Math.round(box.left)}, y ${Math.round(box.top)}–${Math.round(box.bottom)} is ${gaps.map(Math.round).join(" or ")} px from the end of the bar beside it (bars at ${beside.map((b) => `${Math.round(b.left)}–${Math.round(b.right)}, y ${Math.round(b.top)}–${Math.round(b.bottom)}`).join("; ")})`,
          );
        }
      }
      samples++;
      if (problems.length > 0) {
        failedSamples++;
        if (failures.length < 8) failures.push(`frame ${samples}: ${problems.join("; ")}`);
      }
    };
    const end = performance.now() + maxMs;
    await new Promise<void>((resolve) => {
      const frame = () => {
        sample();
        if (performance.now() < end && (samples < frames || seen.size < updates)) requestAnimationFrame(frame);
        else resolve();
      };
      requestAnimationFrame(frame);
    });
    probeSvg.remove();
    return { samples, updates: seen.size, failures, failedSamples };
  }, options);
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
export interface DrawnText {
  text: string;
  /** Line boxes of an HTML text, the box of an SVG text. */
  boxes: Box[];
  fontSize: number;
  svg: boolean;
}
export interface Drawing {
  figure: Box;
  /** The drawing: the chart without its heading, foot and screen-reader table. */
  plot: Box;
  svg: Box;
  texts: DrawnText[];
}

/**
 * Every text drawn in the chart, as a person sees it: the line boxes of the labels and the boxes of the SVG
 * texts, with their font size; only what has a real box (the screen-reader table is left out).
 */
export async function readDrawing(page: Page): Promise<Drawing> {
  return page.evaluate(() => {
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const figure = document.querySelector('[data-testid="results-chart"]');
    const plot = figure?.querySelector(".results-chart__plot");
    const svg = plot?.querySelector("svg.recharts-surface");
    if (!figure || !plot || !svg) throw new Error("no chart drawn");
    const texts: DrawnText[] = [];
    const walker = document.createTreeWalker(plot, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || !parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      if (parent.closest("svg")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const boxes = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map(box);
      if (boxes.length > 0) texts.push({ text: node.textContent.trim(), boxes, fontSize: parseFloat(getComputedStyle(parent).fontSize), svg: false });
    }
    for (const text of svg.querySelectorAll("text")) {
      const r = text.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && text.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
        texts.push({ text: (text.textContent ?? "").trim(), boxes: [box(r)], fontSize: parseFloat(getComputedStyle(text).fontSize), svg: true });
      }
    }
    return { figure: box(figure.getBoundingClientRect()), plot: box(plot.getBoundingClientRect()), svg: box(svg.getBoundingClientRect()), texts };
  });
}

/**
 * A text's box is its font's whole height (ascender to descender), a little taller than its line: `slack` lets
 * it reach that far past its drawing's top and bottom, and lets two lines touch, without either being cut off.
 */
const inside = (inner: Box, outer: Box, slack: number) =>
  inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
const overlaps = (a: Box, b: Box, slack: number) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2 * slack;

/**
 * The chart's texts lie inside their drawing (and the SVG's inside the SVG), none over another, and the option
 * labels (`labels`, each whole in one text) and a value label per row (`rows`) are drawn, at least `minFont` px.
 */
export function expectLegibleDrawing(drawing: Drawing, labels: readonly string[], rows: number, minFont: number, name: string) {
  const problems: string[] = [];
  const slack = (t: DrawnText) => t.fontSize * 0.15;
  for (const t of drawing.texts) {
    for (const b of t.boxes) {
      if (!inside(b, drawing.plot, slack(t)) || !inside(b, drawing.figure, slack(t))) problems.push(`"${t.text}" sticks out of the drawing`);
      if (t.svg && !inside(b, drawing.svg, slack(t))) problems.push(`"${t.text}" sticks out of the svg`);
    }
  }
  const all = drawing.texts.flatMap((t) => t.boxes.map((b) => ({ t, b })));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i], all[j]];
      if (a && b && a.t !== b.t && overlaps(a.b, b.b, Math.max(slack(a.t), slack(b.t)))) problems.push(`"${a.t.text}" and "${b.t.text}" overlap`);
    }
  }
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  for (const label of labels) {
    // Whole, in one text: on its own line, or with its second language in the same text.
    const drawn = drawing.texts.filter((t) => squash(t.text).includes(squash(label)));
    if (drawn.length === 0) problems.push(`label "${label}" is not drawn whole`);
    for (const t of drawn) if (t.fontSize < minFont) problems.push(`label "${label}" at ${t.fontSize} px`);
  }
  const values = drawing.texts.filter((t) => t.svg && /\d/.test(t.text) && /%|pt|pts|pnt/.test(t.text));
  if (values.length !== rows) problems.push(`${values.length} value labels for ${rows} options`);
  for (const t of values) if (t.fontSize < minFont) problems.push(`value "${t.text}" at ${t.fontSize} px`);
  expect(problems, `${name}: what is drawn`).toEqual([]);
}

/** The projector's rows as drawn, top to bottom (by their boxes, not the DOM's order): each label with the value written at the end of its bar. */
export async function drawnRanking(screen: Page): Promise<string[]> {
  return screen.evaluate(() => {
    const figure = document.querySelector('[data-testid="results-chart"]');
    // A label's drawn lines (the label, a second language, a note) joined by " / ".
    const labels = [...(figure?.querySelectorAll<HTMLElement>(".results-bars__label") ?? [])].map((el) => ({
      text: el.innerText
        .split("\n")
        .map((line) => line.replace(/\s+/g, " ").trim())
        .filter(Boolean)
        .join(" / "),
      box: el.getBoundingClientRect(),
    }));
    const values = [...(figure?.querySelectorAll<SVGTextElement>("text.results-bar__value") ?? [])].map((el) => ({ text: (el.textContent ?? "").trim(), box: el.getBoundingClientRect() }));
    return labels
      .filter((l) => l.box.height > 0)
      .sort((a, b) => a.box.top - b.box.top)
      .map((l) => {
        const middle = l.box.top + l.box.height / 2;
        const value = values.find((v) => v.box.height > 0 && Math.abs(v.box.top + v.box.height / 2 - middle) < l.box.height / 2);
        return `${l.text} · ${value?.text ?? "?"}`;
      });
  });
}
