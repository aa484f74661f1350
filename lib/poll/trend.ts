/** A network over time: the nine challenges at each measurement, protected like a comparison, and the change. */
import { CHALLENGES } from "../challenges";
import type { Language } from "../languages";
import type { NetworkTrend, TrendMeasurement } from "../protocol";
import { compareGroups, type CompareInput } from "./compare";
import { csvFile, exportHeadings, type CsvDialect } from "./export";

export interface TrendInput extends CompareInput {
  measurement: number;
}

/**
 * The trend of a network: its measurements in order, each with its shares unless below the privacy threshold
 * (compareGroups decides, as for any comparison), and the shift from the last but one measurement with shares to the
 * last, per challenge, as the difference of the two shares shown.
 */
export function networkTrend(network: { id: string; name: string }, inputs: readonly TrendInput[], minGroupSize: number): NetworkTrend {
  const ordered = [...inputs].sort((a, b) => a.measurement - b.measurement);
  const comparison = compareGroups(ordered, minGroupSize);
  const measurements: TrendMeasurement[] = comparison.groups.map((g, i) => ({ ...g, measurement: ordered[i]?.measurement ?? i + 1 }));
  const withShares = measurements.filter((m): m is TrendMeasurement & { shares: Record<string, number> } => m.shares !== null);
  const [before, last] = withShares.slice(-2);
  const change =
    before && last
      ? { from: before.measurement, to: last.measurement, shift: Object.fromEntries(comparison.options.map((id) => [id, (last.shares[id] ?? 0) - (before.shares[id] ?? 0)])) }
      : null;
  return { network, minGroupSize, options: comparison.options, measurements, change };
}

const WORDS: Record<Language, { measurement: string; change: string; withheld: string; notAsked: string }> = {
  nl: { measurement: "Meting", change: "Verschil meting {from} → {to} (procentpunt)", withheld: "te weinig antwoorden", notAsked: "niet gevraagd" },
  en: { measurement: "Measurement", change: "Change measurement {from} → {to} (percentage points)", withheld: "too few answers", notAsked: "not asked" },
  fr: { measurement: "Mesure", change: "Écart mesure {from} → {to} (points de pourcentage)", withheld: "trop peu de réponses", notAsked: "pas posée" },
};

/** The trend as a CSV like a comparison's: a row per challenge, a column per measurement (its n in the heading), then the change. */
export function trendCsv(trend: NetworkTrend, language: Language, dialect: CsvDialect = "comma"): string {
  const w = WORDS[language];
  const h = exportHeadings(language);
  const headings = [
    h.option,
    h.label,
    ...trend.measurements.map((m) => `${w.measurement} ${m.measurement}: ${m.title} (n = ${m.respondents})`),
    ...(trend.change ? [w.change.replace("{from}", String(trend.change.from)).replace("{to}", String(trend.change.to))] : []),
  ];
  const rows = CHALLENGES.map((c) => [
    c.id,
    c.label[language],
    ...trend.measurements.map((m) => (m.shares ? (m.shares[c.id] ?? 0) : m.withheld === "not_asked" ? w.notAsked : w.withheld)),
    ...(trend.change ? [trend.change.shift[c.id] ?? 0] : []),
  ]);
  return csvFile([headings, ...rows], dialect);
}
