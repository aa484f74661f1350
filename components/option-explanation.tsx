/** The short explanation under a ballot option, folded open on request; nothing when the option has none. */
export function OptionExplanation({ description, label }: { description: string; label: string }) {
  if (!description) return null;
  return (
    <details className="ballot__details">
      <summary>{label}</summary>
      <p>{description}</p>
    </details>
  );
}
