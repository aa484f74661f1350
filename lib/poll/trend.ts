/** A network over time: the nine challenges at each measurement, protected like a comparison, and the change. */
import type { Language } from "../languages";
import type { NetworkTrend, TrendMeasurement } from "../protocol";
import { compareGroups, type CompareInput } from "./compare";
import { csvFile, trendTable, type CsvDialect } from "./export";

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

/** The trend as a CSV like a comparison's: a row per challenge, a column per measurement (its n in the heading), then the change. */
export function trendCsv(trend: NetworkTrend, language: Language, dialect: CsvDialect = "comma"): string {
  return csvFile(trendTable(language, trend), dialect);
}
