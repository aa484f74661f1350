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
  onClose: () => void;
}

/**
 * One challenge to talk about, over the results: its name, what it means and a few questions for the room,
 * in type readable from the back. A real modal dialog, so Escape and focus behave.
 */
export function DiscussionCard({ card, eyebrow, promptsTitle, closeLabel, onClose }: DiscussionCardProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const open = card !== null;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="discussion-card" aria-labelledby="discussion-card-title" onClose={onClose} data-testid="discussion-card">
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
          <button type="button" className="button" onClick={onClose}>
            {closeLabel}
          </button>
        </>
      ) : null}
    </dialog>
  );
}
