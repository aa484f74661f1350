/**
 * How many respondents picked both options of each pair, from multiple-choice ballots. The diagonal holds how
 * many picked the option at all. Symmetric; options in the question's order.
 */
export function cooccurrence(optionIds: readonly string[], ballots: Iterable<readonly string[]>): number[][] {
  const index = new Map(optionIds.map((id, i) => [id, i]));
  const matrix = optionIds.map(() => optionIds.map(() => 0));
  for (const ballot of ballots) {
    const picked = [...new Set(ballot)].map((id) => index.get(id)).filter((i): i is number => i !== undefined);
    for (const a of picked) for (const b of picked) matrix[a]![b]! += 1;
  }
  return matrix;
}

/**
 * The privacy threshold: a breakdown (co-occurrence, a group in a comparison) is never shown for fewer than
 * `minGroupSize` respondents, so nobody's answers can be read off a small group.
 */
export function breakdownAllowed(respondents: number, minGroupSize: number): boolean {
  return respondents >= minGroupSize;
}
