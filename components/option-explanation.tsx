/**
 * The short explanation of a ballot option, folded open on request; nothing when the option has none. The
 * toggle is a 44 px "i" in the option's corner (the page's CSS places it), not a line of its own under every
 * option: the nine challenges then fit about one screen, and the explanation opens over the whole width.
 */
export function OptionExplanation({ description, label, about }: { description: string; label: string; about?: string }) {
  if (!description) return null;
  return (
    <details className="ballot__details">
      <summary>
        <span className="ballot__info" aria-hidden="true">
          i
        </span>
        <span className="visually-hidden">{about ? `${label}: ${about}` : label}</span>
      </summary>
      <p>{description}</p>
    </details>
  );
}
