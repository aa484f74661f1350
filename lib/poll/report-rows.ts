/** The report's figures per question: bars for its chart, the main result for its summary, the chart as an SVG file. */
import { formatNumber, formatPercent, type Language } from "../i18n";
import type { QuestionView, Results } from "../protocol";
import { dotRows } from "./dots-rows";
import { sharePercent } from "./tally";

export interface BarRow {
  id: string;
  label: string;
  /** Bar length as a fraction of the longest possible bar, 0..1. */
  fraction: number;
  /** The figure printed next to the bar. */
  display: string;
  /** What the bar stands for: the count of a choice or scale value, the points of a ranked option. */
  value: number;
}

/**
 * Bars for any question kind, for the report and its downloads: shares of respondents for choice questions (in
 * the question's order), Borda points for rankings (highest first), the distribution for scales with the
 * labels of both ends. Open questions have none.
 */
export function reportBars(language: Language, question: QuestionView, results: Results): BarRow[] {
  const n = results.respondents;
  const share = (count: number) => {
    const percent = sharePercent(count, n);
    return { fraction: percent / 100, display: `${formatPercent(language, percent)} (${formatNumber(language, count)})`, value: count };
  };
  switch (question.kind) {
    case "single":
    case "multiple":
      return question.options.map((o) => ({ id: o.id, label: o.label, ...share(results.counts[o.id] ?? 0) }));
    case "dots": {
      // The live ranking's order (most dots first), bars on the most dotted.
      const rows = dotRows(question.options, results);
      const max = Math.max(1, ...rows.map((r) => r.dots));
      return rows.map((r) => ({ id: r.id, label: r.label, fraction: r.dots / max, display: formatNumber(language, r.dots), value: r.dots }));
    }
    case "ranking": {
      const scores = results.scores ?? {};
      const max = Math.max(1, ...Object.values(scores));
      return question.options
        .map((o, index) => ({ o, index, score: scores[o.id] ?? 0 }))
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .map(({ o, score }) => ({ id: o.id, label: o.label, fraction: score / max, display: formatNumber(language, score), value: score }));
    }
    case "scale": {
      const ends = question.scale;
      return Object.entries(results.counts)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([value, count]) => {
          const end = ends && Number(value) === ends.min ? ends.minLabel : ends && Number(value) === ends.max ? ends.maxLabel : "";
          return { id: value, label: end ? `${value} · ${end}` : value, ...share(count) };
        });
    }
    case "words": {
      // The cloud's frequencies: every word, most frequent first, bars on the most frequent; hidden ones flagged.
      const words = results.words ?? [];
      const max = Math.max(1, ...words.map((w) => w.count));
      return words.map((w) => ({ id: w.key, label: w.hidden ? `${w.text} (${hiddenMark(language)})` : w.text, fraction: w.count / max, display: formatNumber(language, w.count), value: w.count }));
    }
    case "open":
      return [];
  }
}

/** How a word the facilitator took off the screens is marked in the report. */
function hiddenMark(language: Language): string {
  return { nl: "verborgen op het scherm", en: "hidden from the screen", fr: "masqué à l'écran" }[language];
}

/**
 * The bars that say most about a question, for the report's summary: the most chosen option of a single choice,
 * the three most chosen (or highest ranked) of the others. Bars tied with the last one kept are kept too, so a
 * tie is never decided by the order of the list. Empty when nothing was chosen.
 */
export function leadingBars(question: Pick<QuestionView, "kind">, bars: readonly BarRow[]): BarRow[] {
  if (question.kind === "scale" || question.kind === "open" || question.kind === "words") return [];
  const keep = question.kind === "single" ? 1 : 3;
  const sorted = bars
    .map((bar, index) => ({ bar, index }))
    .filter(({ bar }) => bar.value > 0)
    .sort((a, b) => b.bar.value - a.bar.value || a.index - b.index)
    .map(({ bar }) => bar);
  const boundary = sorted[keep - 1]?.value;
  return boundary === undefined ? sorted : sorted.filter((bar) => bar.value >= boundary);
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The bars as a standalone SVG file for slides: label, bar and figure are all text in the drawing, so no
 * colour is needed to read it. The page itself shows the same rows as an HTML table.
 */
export function barsSvg(rows: readonly BarRow[], title: string): string {
  const labelWidth = 300;
  const barWidth = 380;
  const rowHeight = 30;
  const width = labelWidth + barWidth + 110;
  const height = rows.length * rowHeight + 10;
  const body = rows
    .map((r, i) => {
      const y = i * rowHeight + 5;
      const label = r.label.length > 44 ? `${r.label.slice(0, 43)}…` : r.label;
      const length = Math.max(0, Math.min(1, r.fraction)) * barWidth;
      return [
        `<text x="${labelWidth - 8}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="central" fill="#1b2430">${escapeXml(label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 5}" width="${barWidth}" height="${rowHeight - 10}" rx="4" fill="#e8e4da"/>`,
        `<rect x="${labelWidth}" y="${y + 5}" width="${length}" height="${rowHeight - 10}" rx="4" fill="#1f5f8b"/>`,
        `<text x="${labelWidth + barWidth + 8}" y="${y + rowHeight / 2}" dominant-baseline="central" fill="#1b2430" font-weight="600">${escapeXml(r.display)}</text>`,
      ].join("");
    })
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" ` +
    `font-family="'Atkinson Hyperlegible Next', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="13">` +
    `<title>${escapeXml(title)}</title><rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`
  );
}
