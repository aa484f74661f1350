"use client";
import { useEffect, useRef } from "react";
import type { DiscussionCardContent } from "@/lib/discussion";

export interface DiscussionCardProps {
  /** The card to show; `null` closes it. */
  card: DiscussionCardContent | null;
  /** "Challenge 3": its number in the article, which is also the key that opens it. */
  eyebrow: string;
  promptsTitle: string;
  closeLabel: string;
  /** The dialog closed (Escape, the button) while it showed the card with this id. */
  onClose: (cardId: string) => void;
}

/**
 * One challenge to talk about, over the results: its name, what it means and a few questions for the room,
 * in type readable from the back. A real modal dialog, so Escape and focus behave.
 */
export function DiscussionCard({ card, eyebrow, promptsTitle, closeLabel, onClose }: DiscussionCardProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const open = card !== null;
  const cardId = card?.id;
  /** The card the dialog showed when it was last opened: a close is about that card. */
  const shown = useRef<string | null>(null);
  // Also on another card: a key pressed right after Escape names a new card while the page still holds the old one.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      shown.current = cardId ?? null;
    }
    if (!open && dialog.open) dialog.close();
  }, [open, cardId]);
  // Escape closes the dialog at once but its close event comes a task later, perhaps after another card was asked
  // for: when the dialog is open again by then, the event is stale; otherwise it names the card that was closed,
  // so the page closes only that one (not a card asked for meanwhile).
  const closed = () => {
    if (ref.current?.open || shown.current === null) return;
    onClose(shown.current);
  };
  return (
    <dialog ref={ref} className="discussion-card" aria-labelledby="discussion-card-title" onClose={closed} data-testid="discussion-card">
      {card ? (
        <>
          <p className="discussion-card__eyebrow">{eyebrow}</p>
          <h2 id="discussion-card-title" className="discussion-card__title">
            {card.label}
          </h2>
          <p className="discussion-card__description">{card.description}</p>
          {card.prompts.length > 0 ? (
            <>
              <h3 className="discussion-card__prompts-title">{promptsTitle}</h3>
              <ul className="discussion-card__prompts" data-testid="discussion-prompts">
                {card.prompts.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          ) : null}
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {closeLabel}
          </button>
        </>
      ) : null}
    </dialog>
  );
}
