/**
 * Set-up and readers for the groups specs: an article session with a sector question, a room of phones over
 * socket.io-client that answer the role, the sector and the nine challenges, and what a split chart draws.
 */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { Ack, CreatedSession, QuestionSummary, SessionState } from "../lib/protocol";
import { SECTOR_QUESTION } from "../lib/templates";
import { CHALLENGE_IDS } from "./pages";

export async function createSession(request: APIRequestContext, data: { title: string; template?: "article" | "challenges" | "empty"; language?: string }): Promise<CreatedSession> {
  const res = await request.post("/api/sessions", { data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as CreatedSession;
}

/** The facilitator's socket: any command, and the session's questions as they are now. */
export async function facilitator(baseURL: string, session: CreatedSession) {
  const socket: Socket = io(baseURL, { auth: { sessionId: session.id, hostKey: session.hostKey }, transports: ["websocket"], forceNew: true });
  let state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
  socket.on("session:state", (s: SessionState) => void (state = s));
  async function command<T>(event: string, payload: Record<string, unknown>): Promise<T> {
    const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }
  const questions = (): QuestionSummary[] => state.questions ?? [];
  return {
    command,
    questions,
    /** The id of the session's question made from this template. */
    byTemplate: (template: string) => questions().find((q) => q.template === template)?.id ?? "",
    activate: (questionId: string) => command("question:activate", { questionId }),
    split: (byQuestionId: string | null) => command("results:split", { byQuestionId }),
    add: async (draft: Record<string, unknown>) => (await command<{ question: { id: string } }>("question:add", draft)).question.id,
    close: () => void socket.disconnect(),
  };
}

export type Facilitator = Awaited<ReturnType<typeof facilitator>>;

/** A phone that stays connected and answers the question it is given. */
export async function phone(baseURL: string, session: CreatedSession, id: string) {
  const socket: Socket = io(baseURL, { auth: { code: session.code, participantId: id }, transports: ["websocket"], forceNew: true });
  await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
  return {
    async vote(questionId: string, answer: { optionIds?: string[]; value?: number }) {
      const ack = (await socket.timeout(10_000).emitWithAck("vote:cast", { questionId, ...answer })) as Ack<unknown>;
      if (!ack.ok) throw new Error(`vote:cast: ${ack.error.code} ${ack.error.message}`);
    },
    close: () => void socket.disconnect(),
  };
}

export type Phone = Awaited<ReturnType<typeof phone>>;

/** One person of the room: their role, their sector (o1 Welzijn … o4 Andere) and the challenges they recognise. */
export interface Person {
  role: "participant" | "network-manager";
  sector: "o1" | "o2" | "o3";
  challenges: string[];
}

const [ambition, fading, staff, pseudo, under, power, enemy, hats] = CHALLENGE_IDS;

/**
 * Thirteen people: Welzijn 6, Zorg 5, Lokaal bestuur 2 (Andere nobody), and by role 8 participants and 5 network
 * managers. By sector, Lokaal bestuur is too small to show: it goes into "other" with Zorg, the smallest group
 * large enough. By role both groups are shown.
 */
export const PEOPLE: readonly Person[] = [
  { role: "participant", sector: "o1", challenges: [power, enemy] },
  { role: "participant", sector: "o1", challenges: [power, staff] },
  { role: "participant", sector: "o1", challenges: [power] },
  { role: "network-manager", sector: "o1", challenges: [under, staff] },
  { role: "network-manager", sector: "o1", challenges: [under] },
  { role: "network-manager", sector: "o1", challenges: [under, power, ambition] },
  { role: "participant", sector: "o2", challenges: [enemy, hats] },
  { role: "participant", sector: "o2", challenges: [enemy] },
  { role: "participant", sector: "o2", challenges: [hats, fading] },
  { role: "network-manager", sector: "o2", challenges: [under, hats] },
  { role: "network-manager", sector: "o2", challenges: [pseudo] },
  { role: "participant", sector: "o3", challenges: [pseudo, power] },
  { role: "participant", sector: "o3", challenges: [staff] },
];

/**
 * The article's session with the sector question added (a grouping question), every person's phone answering the
 * role, the sector and the nine challenges; the room ends on the nine challenges, split by `splitBy` if given.
 */
export async function sectorRoom(baseURL: string, request: APIRequestContext, options: { title: string; language?: "nl" | "en" | "fr"; splitBy?: "role" | "sector" }) {
  const language = options.language ?? "nl";
  const session = await createSession(request, { title: options.title, template: "article", language });
  const host = await facilitator(baseURL, session);
  const sector = await host.add({ kind: "single", prompt: SECTOR_QUESTION.prompt[language], options: SECTOR_QUESTION.options.map((o) => o[language]), grouping: true });
  const role = host.byTemplate("check3-role");
  const challenges = host.byTemplate("nine-challenges");
  const phones = await Promise.all(PEOPLE.map((_, i) => phone(baseURL, session, `${options.title.replace(/\W/g, "")}-${i}-${Math.random().toString(36).slice(2, 8)}`)));
  // Only the active question takes votes: the room moves through the role, the sector and the nine challenges.
  await host.activate(role);
  await Promise.all(PEOPLE.map((p, i) => phones[i]?.vote(role, { optionIds: [p.role] })));
  await host.activate(sector);
  await Promise.all(PEOPLE.map((p, i) => phones[i]?.vote(sector, { optionIds: [p.sector] })));
  await host.activate(challenges);
  await Promise.all(PEOPLE.map((p, i) => phones[i]?.vote(challenges, { optionIds: p.challenges })));
  if (options.splitBy) await host.split(options.splitBy === "role" ? role : sector);
  return {
    session,
    host,
    phones,
    ids: { sector, role, challenges },
    close() {
      host.close();
      for (const p of phones) p.close();
    },
  };
}

/** Expected figures of a group on the nine challenges: "67% (4)" per challenge, in the article's order. */
export function expectedFigures(people: readonly Person[], format: (share: number, count: number) => string): string[] {
  return CHALLENGE_IDS.map((id) => {
    const count = people.filter((p) => p.challenges.includes(id)).length;
    return format(people.length === 0 ? 0 : Math.round((count / people.length) * 100), count);
  });
}

/**
 * What a split chart draws, read from the drawing itself: per column (a group's bars, left to right) the figures
 * at the ends of its bars, top to bottom, only texts that are visible and have a box; and the legend's entries.
 */
export async function drawnSplit(page: Page): Promise<{ legend: string[]; columns: string[][]; text: string }> {
  return page.getByTestId("split-chart").evaluate((figure) => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    };
    const legend = [...figure.querySelectorAll('[data-testid="split-legend-item"]')].filter(visible).map((li) => (li.textContent ?? "").replace(/\s+/g, " ").trim());
    const columns = [...figure.querySelectorAll(".split-bars__plot")]
      .sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left)
      .map((plot) =>
        [...plot.querySelectorAll("text.results-bar__value")]
          .filter(visible)
          .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
          .map((t) => (t.textContent ?? "").replace(/\s+/g, " ").trim()),
      );
    // Everything a person can read in the figure, the screen-reader table left out.
    const text = [...figure.querySelectorAll("span, p, li, text, tspan")]
      .filter((el) => visible(el) && !el.closest(".visually-hidden"))
      .map((el) => el.textContent ?? "")
      .join(" | ");
    return { legend, columns, text };
  });
}

export interface SplitSamples {
  samples: number;
  /** Different sets of figures seen (from the chart's screen-reader table): how many updates were drawn. */
  updates: number;
  failures: string[];
}

/**
 * Look at the split chart on every animation frame until `frames` frames and `updates` different results were seen
 * (or `maxMs` passed), and check what the wall shows: in each group's column, one figure per row, the same figures
 * as the chart's table in the same frame, each drawn as visible text right at the end of its own bar.
 */
export async function sampleSplitFigures(page: Page, options: { frames: number; updates: number; maxMs: number }): Promise<SplitSamples> {
  return page.evaluate(async ({ frames, updates, maxMs }) => {
    const figure = document.querySelector('[data-testid="split-chart"]');
    if (!figure) return { samples: 0, updates: 0, failures: ["no split chart on the page"] };
    const failures: string[] = [];
    const seen = new Set<string>();
    let samples = 0;
    const sample = () => {
      const problems: string[] = [];
      const table = figure.querySelector('[data-testid="split-table"]');
      const rows = [...(table?.querySelectorAll("tbody tr") ?? [])].map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim()));
      seen.add(JSON.stringify(rows));
      const plots = [...figure.querySelectorAll(".split-bars__plot")].sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left);
      plots.forEach((plot, column) => {
        const bars = [...plot.querySelectorAll("g.results-bar")]
          .map((g) => ({ fill: g.querySelector(".results-bar__fill")?.getBoundingClientRect(), text: g.querySelector("text.results-bar__value") }))
          .filter((b) => b.text && b.fill && b.text.getBoundingClientRect().height > 0 && b.text.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
          .sort((a, b) => (a.text?.getBoundingClientRect().top ?? 0) - (b.text?.getBoundingClientRect().top ?? 0));
        const drawn = bars.map((b) => (b.text?.textContent ?? "").replace(/\s+/g, " ").trim());
        const wanted = rows.map((r) => r[column] ?? "");
        if (drawn.join(" | ") !== wanted.join(" | ")) problems.push(`column ${column + 1} draws [${drawn.join(", ")}] but its results are [${wanted.join(", ")}]`);
        for (const b of bars) {
          const text = b.text?.getBoundingClientRect();
          const fill = b.fill;
          if (!text || !fill) continue;
          // The figure starts just after the bar's end (a bar of 0 has no width: the figure starts at the track's start).
          const gap = text.left - (fill.width > 0.5 ? fill.right : fill.left);
          if (gap < -1 || gap > text.height * 1.5) problems.push(`column ${column + 1}: "${b.text?.textContent}" is ${Math.round(gap)} px from the end of its bar`);
        }
      });
      samples++;
      if (problems.length > 0 && failures.length < 8) failures.push(`frame ${samples}: ${problems.join("; ")}`);
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
    return { samples, updates: seen.size, failures };
  }, options);
}
