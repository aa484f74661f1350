/** In place of a chart during a silent vote: that votes are coming in, and how many, and no numbers beyond that. */
export interface SilentResultsProps {
  /** "Stille stemming" */
  title: string;
  /** "12 stemmen binnen", in the reader's language and number format. */
  count: string;
  /** "De resultaten verschijnen zodra de begeleider ze toont." */
  text: string;
}

export function SilentResults({ title, count, text }: SilentResultsProps) {
  return (
    <div className="silent-results" data-testid="silent-results">
      <p className="silent-results__title">{title}</p>
      <p className="silent-results__count" data-testid="silent-count" aria-live="polite">
        {count}
      </p>
      <p className="silent-results__text">{text}</p>
    </div>
  );
}
