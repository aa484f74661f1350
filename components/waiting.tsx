/** A session without an active question: say so kindly, and that the page will move on by itself. */
export function Waiting({ title, text, size }: { title: string; text: string; size: "screen" | "compact" }) {
  return (
    <section className={`waiting waiting--${size}`} role="status" data-testid="waiting">
      <p className="waiting__title">{title}</p>
      <p className="waiting__text">{text}</p>
    </section>
  );
}
