"use client";
/** The screen's list of challenges to discuss, each with the number key that opens its card. */
import { useEffect, useRef } from "react";

export interface DiscussionPickerProps {
  open: boolean;
  title: string;
  closeLabel: string;
  /** The challenges in the article's order, with their number there, which is also the key that opens them. */
  items: { id: string; number: number; label: string }[];
  onPick: (id: string) => void;
  onClose: () => void;
}

/** The list behind the screen's "Discuss" button: one button per challenge, numbered as in the article. */
export function DiscussionPicker({ open, title, closeLabel, items, onPick, onClose }: DiscussionPickerProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="discussion-picker" aria-labelledby="discussion-picker-title" onClose={onClose} data-testid="discussion-picker">
      <h2 id="discussion-picker-title">{title}</h2>
      <ul className="discussion-picker__list">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" className="button discussion-picker__item" onClick={() => onPick(item.id)} data-testid={`discuss-${item.id}`}>
              <kbd aria-hidden="true">{item.number}</kbd> <span>{item.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={onClose}>
        {closeLabel}
      </button>
    </dialog>
  );
}
