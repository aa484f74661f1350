"use client";
import { useEffect, useRef } from "react";

export interface Shortcut {
  key: string;
  label: string;
}

/** The list of keyboard shortcuts, opened with `?`; a real dialog so focus and Escape behave. */
export function ShortcutHelp({ open, title, closeLabel, shortcuts, onClose }: { open: boolean; title: string; closeLabel: string; shortcuts: Shortcut[]; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcut-help" aria-labelledby="shortcut-help-title" onClose={onClose} data-testid="shortcut-help">
      <h2 id="shortcut-help-title">{title}</h2>
      <dl>
        {shortcuts.map((s) => (
          <div key={s.key}>
            <dt>
              <kbd>{s.key}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onClose}>
        {closeLabel}
      </button>
    </dialog>
  );
}
