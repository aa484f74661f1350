"use client";
/** Horizontal result bars with their figures always drawn: the drawing behind the choice and ranking charts. */
import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import { Bar, BarChart, XAxis, YAxis, usePlotArea, useXAxisScale, type BarShapeProps } from "recharts";
import type { Language } from "@/lib/i18n";
import "./results-chart.css";

export interface BarsRow {
  id: string;
  label: string;
  /** The label in the screen's second language, drawn under the first. */
  secondLabel?: string;
  /** Drawn under the label(s), smaller: what the row is about (a proposal's challenge in an action round). */
  note?: string;
  /** Drawn before the label: a challenge's number in the article, which is also its key on the screen. */
  number?: number;
  value: number;
  /** At the end of the bar, bold: "37 %", "12 pts". */
  valueText: string;
  /** After it, lighter: "(12)". */
  detailText?: string;
}

export interface ResultsBarsProps {
  /** In the order they are shown, top to bottom. */
  rows: BarsRow[];
  /** The value of a bar that fills its track. */
  max: number;
  /** "screen" fills the height its page gives it; "compact" is as tall as its rows. */
  size: "screen" | "compact";
  /** Label size in px before it is fitted to the rows. */
  fontSize: number;
  /** The widest value and detail text the chart can show now, so the end of a full bar leaves room for them. */
  widestValue: string;
  widestDetail?: string;
  secondLanguage?: Language;
  /** Off when the user prefers reduced motion: bars and labels jump to their new place. */
  animate: boolean;
  /** Compact only: the height of a row in px (at least 40, the default a little more than three times the font). */
  rowHeight?: number;
  /**
   * A re-sorted row slides to its new place (the default), or takes it at once while lengths still move: a ranking
   * that turns over with every few votes (a dot vote) would otherwise draw overtaking rows over each other.
   */
  slide?: boolean;
}

/** How long a bar takes to move to its new length or place; short enough for 10 updates a second. */
export const BAR_MOTION_MS = 450;
/** The smallest share of the asked font size the labels shrink to when long labels do not fit their rows. */
const MIN_FIT = 0.55;

export interface DrawnRow extends BarsRow {
  /** Where the row is shown, from the top. */
  slot: number;
}

/**
 * What recharts gets as data: the options in a fixed order (by id), nothing that changes with the votes. It
 * computes the scales and the plot area and gives each option its own shape, which stays in the page from update
 * to update; the figures come from the rows of this render (see BarRowShape), so recharts has nothing to
 * recompute and nothing to redraw when votes come in, and its data never lags a frame behind the page.
 */
export interface ChartSlot {
  id: string;
  /** Always 0: the shape draws the length itself. */
  zero: 0;
}

/** The chart data for these ids (in this order), the same array for as long as the ids stay the same. */
export function useChartSlots(ids: readonly string[]): ChartSlot[] {
  const key = ids.join("\u0000");
  return useMemo(() => (key ? key.split("\u0000") : []).map((id) => ({ id, zero: 0 as const })), [key]);
}

/**
 * The size of an element, following resizes. The charts draw at the size of their box, measured here, instead of
 * through recharts' ResponsiveContainer: a box without a size (hidden, or not laid out yet while the question
 * changes kind) draws no chart at all, where ResponsiveContainer drew one at 0x0 and warned about it.
 */
export function useSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const { width, height } = element.getBoundingClientRect();
      setSize((s) => (Math.round(s.width) === Math.round(width) && Math.round(s.height) === Math.round(height) ? s : { width, height }));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** Where one figure of a drawn row was going, and the animation taking it there. */
interface Motion {
  from: number;
  to: number;
  animation?: Animation;
}
/** Per option: the motion of its bar's length and of its row's place, kept across recharts' redraws. */
export type MotionRegistry = Map<string, { length: Motion; top: Motion }>;

const MOTION: KeyframeAnimationOptions = { duration: BAR_MOTION_MS, easing: "ease-out" };

/** Where a figure is now: part way through its animation, or at its target. */
function currentValue(motion: Motion | undefined, fallback: number): number {
  if (!motion) return fallback;
  const progress = motion.animation?.playState === "running" ? motion.animation.effect?.getComputedTiming().progress : null;
  return typeof progress === "number" ? motion.from + (motion.to - motion.from) * progress : motion.to;
}

/**
 * Move a drawn row from where the room last saw it to its new length (and place), as a Web Animation that starts
 * from the figure's current value: an update in the middle of a move carries on from where the bar is, also when
 * recharts has drawn its bar layer anew in between (it does when its data or size changes), which would cut a CSS
 * transition short. The length is one animated custom property on the row, `--bar-length`, that the bar's size
 * and its label's offset both follow: the label is at the bar's end in every frame by construction.
 */
export function useRowMotion(motions: MotionRegistry, id: string, length: number, top: number | null, animate: boolean, row: React.RefObject<SVGElement | null>) {
  useLayoutEffect(() => {
    const element = row.current;
    const before = motions.get(id);
    // A row seen for the first time grows in from nothing.
    const fromLength = before ? currentValue(before.length, length) : 0;
    const fromTop = top === null ? 0 : currentValue(before?.top, top);
    const lengthAnimation =
      animate && element && Math.abs(fromLength - length) > 0.5 ? element.animate([{ "--bar-length": `${fromLength}px` }, { "--bar-length": `${length}px` }], MOTION) : undefined;
    const topAnimation =
      animate && element && top !== null && Math.abs(fromTop - top) > 0.5
        ? element.animate([{ transform: `translateY(${fromTop}px)` }, { transform: `translateY(${top}px)` }], MOTION)
        : undefined;
    motions.set(id, { length: { from: fromLength, to: length, animation: lengthAnimation }, top: { from: fromTop, to: top ?? 0, animation: topAnimation } });
  }, [motions, id, length, top, animate, row]);
}

/**
 * One row of the drawing: the track, the bar and its figures. They are drawn in the Bar's own `shape`, so the
 * figures are part of the bar: no label layer waits for an animation to end, and a bar without votes still
 * reads 0. The length is the XAxis scale's, from this render's row.
 */
function BarRowShape({ row, rows, font, motions, animate, slide }: { row: DrawnRow | undefined; rows: number; font: number; motions: MotionRegistry; animate: boolean; slide: boolean }) {
  const plot = usePlotArea();
  const x = useXAxisScale();
  const group = useRef<SVGGElement>(null);
  const band = (plot?.height ?? 0) / rows;
  const thickness = Math.max(4, Math.min(band * 0.6, font * 2.2));
  const top = (plot?.y ?? 0) + (row?.slot ?? 0) * band + (band - thickness) / 2;
  const start = x?.(0) ?? plot?.x ?? 0;
  const length = Math.max(0, (x?.(row?.value ?? 0) ?? start) - start);
  useRowMotion(motions, row?.id ?? "", length, slide ? top : null, animate, group);
  if (!plot || !row || plot.height <= 0) return null;
  const radius = Math.min(thickness / 2, font * 0.3);
  return (
    <g ref={group} className="results-bar" style={{ transform: `translateY(${top}px)`, "--bar-length": `${length}px` } as CSSProperties}>
      <rect className="results-bar__track" x={start} y={0} width={plot.x + plot.width - start} height={thickness} rx={radius} />
      <rect className="results-bar__fill" x={start} y={0} height={thickness} rx={radius} />
      <text className="results-bar__value" x={start + font * 0.35} y={thickness / 2} dominantBaseline="central">
        <tspan className="results-bar__share">{row.valueText}</tspan>
        {row.detailText ? <tspan className="results-bar__detail">{` ${row.detailText}`}</tspan> : null}
      </text>
    </g>
  );
}

/**
 * Long labels shrink until each fits its row: wrapped, never cut off and never over the next row. `labels` holds
 * one cell per row with a `.results-bars__text` inside; the factor is reset whenever `fitKey` (the wording and the
 * box) changes, and shrinks by steps of 10 % down to MIN_FIT while a label overflows its cell.
 */
export function useLabelFit(labels: React.RefObject<HTMLDivElement | null>, fitKey: string, height: number): number {
  const [fit, setFit] = useState(1);
  const [fittedFor, setFittedFor] = useState(fitKey);
  if (fittedFor !== fitKey) {
    setFittedFor(fitKey);
    setFit(1);
  }
  useLayoutEffect(() => {
    const cells = labels.current?.children;
    if (!cells || height <= 0) return;
    const overflows = [...cells].some((cell) => {
      const text = cell.querySelector(".results-bars__text");
      return text !== null && (text.scrollHeight > cell.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1);
    });
    if (overflows && fit > MIN_FIT) setFit((f) => Math.max(MIN_FIT, f * 0.9));
  }, [labels, fit, fitKey, height]);
  return fit;
}

/** Room at the end of a full bar for its figures (Atkinson Hyperlegible's figures are about 0.6 em wide). */
export function figureRoom(font: number, widestValue: string, widestDetail = ""): number {
  return Math.ceil(font * (0.35 + 0.64 * widestValue.length + (widestDetail ? 0.58 * (widestDetail.length + 1) : 0) + 0.4));
}

/** The labels of the rows, HTML beside the drawing: each in its row's slot, sliding with it when the order changes. */
export function BarsLabels({ rows, secondLanguage, labelsRef }: { rows: readonly DrawnRowLabel[]; secondLanguage?: Language; labelsRef: React.RefObject<HTMLDivElement | null> }) {
  return (
    <div ref={labelsRef} className="results-bars__labels">
      {rows.map((row) => (
        <div key={row.id} className="results-bars__label" style={{ transform: `translateY(${row.slot * 100}%)` }}>
          {row.number !== undefined ? <span className="results-bars__number">{row.number}</span> : null}
          <span className="results-bars__text">
            <span className="results-bars__first">{row.label}</span>
            {row.secondLabel ? (
              <span className="results-bars__second" lang={secondLanguage}>
                {row.secondLabel}
              </span>
            ) : null}
            {row.note ? <span className="results-bars__note">{row.note}</span> : null}
          </span>
        </div>
      ))}
    </div>
  );
}

/** What a row's label needs: its words and its place. */
export type DrawnRowLabel = Pick<DrawnRow, "id" | "label" | "secondLabel" | "note" | "number" | "slot">;

export interface BarsPlotProps {
  /** The rows as recharts gets them: a fixed order (see useChartSlots). */
  slots: ChartSlot[];
  /** This render's rows by id, each with its slot. */
  drawn: ReadonlyMap<string, DrawnRow>;
  /** How many rows share the height. */
  rows: number;
  max: number;
  font: number;
  /** Room at the end of a full bar for its figures, in px. */
  room: number;
  animate: boolean;
  /** A class on the plot's box, e.g. a group's colour in a split chart. */
  className?: string;
  /** Re-sorted rows slide to their place (see ResultsBarsProps.slide). */
  slide?: boolean;
}

/** The drawing of one set of bars (recharts), as large as its box: the plain chart has one, a split chart one per group. */
export function BarsPlot({ slots, drawn, rows, max, font, room, animate, className, slide = true }: BarsPlotProps) {
  const motions = useRef<MotionRegistry>(new Map()).current;
  const plot = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(plot);
  return (
    <div ref={plot} className={`results-bars__plot${className ? ` ${className}` : ""}`}>
      {width > 0 && height > 0 ? (
        <div className="results-chart__canvas">
          <BarChart width={Math.floor(width)} height={Math.floor(height)} data={slots} layout="vertical" margin={{ top: 0, right: room, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <XAxis type="number" domain={[0, Math.max(1, max)]} hide />
            <YAxis type="category" dataKey="id" hide />
            <Bar
              dataKey="zero"
              isAnimationActive={false}
              shape={(props: BarShapeProps) => <BarRowShape row={drawn.get((props.payload as ChartSlot).id)} rows={rows} font={font} motions={motions} animate={animate} slide={slide} />}
            />
          </BarChart>
        </div>
      ) : null}
    </div>
  );
}

/** This render's rows by id with their slots, and recharts' data in a fixed order (by id). */
export function useDrawnRows<R extends { id: string }>(rows: readonly R[]): { slots: ChartSlot[]; drawn: Map<string, R & { slot: number }>; inOrder: (R & { slot: number })[] } {
  // recharts keys its shapes by position in the data: the data keeps one order (by id) whatever is shown.
  const slots = useChartSlots(rows.map((r) => r.id).sort());
  const drawn = new Map(rows.map((row, slot): [string, R & { slot: number }] => [row.id, { ...row, slot }]));
  const inOrder = slots.flatMap((s) => drawn.get(s.id) ?? []);
  return { slots, drawn, inOrder };
}

/**
 * Bars like figure 1 of the article, one per row: the label on the left (HTML, so long and bilingual labels
 * wrap instead of being cut off), the bar with its figures at its end on the right (recharts). Each option keeps
 * its own motion from update to update, also when the order changes, so a re-sorted row slides to its new place
 * (its label with it, by a CSS transition of the same timing) instead of another row's figures jumping onto it.
 */
export function ResultsBars({ rows, max, size, fontSize, widestValue, widestDetail = "", secondLanguage, animate, rowHeight, slide = true }: ResultsBarsProps) {
  const { slots, drawn, inOrder: data } = useDrawnRows(rows);
  const n = Math.max(1, rows.length);
  const labels = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(box);
  // What the labels say, in a fixed order: a re-sort moves labels but does not change what has to fit.
  const wording = data.map((r) => `${r.number ?? ""}${r.label}\u0000${r.secondLabel ?? ""}\u0000${r.note ?? ""}`).join("\u0001");
  const fit = useLabelFit(labels, `${wording}|${Math.round(width)}|${Math.round(height)}|${fontSize}`, height);
  const font = fontSize * fit;
  const style = { "--bars-font": `${font}px`, "--bars-rows": n, ...(size === "compact" ? { height: n * Math.max(40, rowHeight ?? fontSize * 3.1) } : {}) } as CSSProperties;
  return (
    <div ref={box} className={`results-bars results-bars--${size}${animate && slide ? "" : " results-bars--still"}`} style={style}>
      <BarsLabels rows={data} secondLanguage={secondLanguage} labelsRef={labels} />
      <BarsPlot slots={slots} drawn={drawn} rows={n} max={max} font={font} room={figureRoom(font, widestValue, widestDetail)} animate={animate} slide={slide} />
    </div>
  );
}
