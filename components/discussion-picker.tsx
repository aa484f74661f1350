"use client";
import { useEffect, useRef } from "react";

export interface DiscussionPickerProps {
  open: boolean;
  title: string;
  closeLabel: string;
  /** The challenges in the order the chart shows them; their number is the key that opens them. */
  items: { id: string; label: string }[];
  onPick: (id: string) => void;
  onClose: () => void;
}

/** The list behind the screen's "Discuss" button: one numbered button per challenge, in the chart's order. */
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
      <ol className="discussion-picker__list">
        {items.map((item, index) => (
          <li key={item.id}>
            <button type="button" className="button discussion-picker__item" onClick={() => onPick(item.id)} data-testid={`discuss-${item.id}`}>
              <kbd aria-hidden="true">{index + 1}</kbd> <span>{item.label}</span>
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={onClose}>
        {closeLabel}
      </button>
    </dialog>
  );
}
