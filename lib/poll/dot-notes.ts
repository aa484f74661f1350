/**
 * What each proposal of a dot vote is about, as a note under its row on the projector and the console: the challenge
 * it was proposed for. A module of its own so the phone's first load (which ranks dots too) does not carry it.
 */
import type { OptionView } from "../protocol";
import type { DotRow } from "./dots-rows";

/** The rows with a note per proposal: its challenge in the reader's language, on a bilingual screen in both. */
export function withAboutNotes(rows: readonly DotRow[], options: readonly OptionView[], second?: readonly OptionView[]): DotRow[] {
  const first = new Map(options.map((o) => [o.id, o]));
  const other = new Map((second ?? []).map((o) => [o.id, o.description]));
  return rows.map((row) => {
    const option = first.get(row.id);
    if (!option?.about || !option.description) return row;
    const translated = other.get(row.id);
    return { ...row, note: translated && translated !== option.description ? `${option.description} · ${translated}` : option.description };
  });
}
