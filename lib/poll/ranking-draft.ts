/**
 * A participant's ranking while they build it on the phone: an ordered list of option ids, changed only by
 * these pure steps (add at the end, remove, move one place), so the ballot can never hold an id twice or
 * more than the maximum.
 */
export function addRanked(ranking: readonly string[], id: string, max: number): string[] {
  if (ranking.includes(id) || ranking.length >= max) return [...ranking];
  return [...ranking, id];
}

export function removeRanked(ranking: readonly string[], id: string): string[] {
  return ranking.filter((x) => x !== id);
}

/** Move an option one place up (`-1`) or down (`+1`); at either end nothing changes. */
export function moveRanked(ranking: readonly string[], id: string, delta: -1 | 1): string[] {
  const from = ranking.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ranking.length) return [...ranking];
  const next = [...ranking];
  next[from] = next[to] as string;
  next[to] = id;
  return next;
}
