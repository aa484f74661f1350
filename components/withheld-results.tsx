/** In place of a chart: a question of some groups whose numbers are withheld, with how many answered and why. */
export interface WithheldResultsProps {
  /** "Te weinig antwoorden om te tonen" */
  title: string;
  /** "3 van de minstens 5 antwoorden die nodig zijn. …" */
  reason: string;
  /** "Alleen voor: Netwerkmanager", when the groups are known. */
  audience?: string | null;
  size: "screen" | "compact";
}

export function WithheldResults({ title, reason, audience, size }: WithheldResultsProps) {
  return (
    <div className={`withheld-results withheld-results--${size}`} data-testid="withheld-results">
      <p className="withheld-results__title">{title}</p>
      <p className="withheld-results__reason">{reason}</p>
      {audience ? <p className="withheld-results__audience">{audience}</p> : null}
    </div>
  );
}
