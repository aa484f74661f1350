/** A polite live region: screen readers hear the latest results summary without losing their place. */
export function LiveSummary({ text }: { text: string }) {
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-summary">
      {text}
    </p>
  );
}
