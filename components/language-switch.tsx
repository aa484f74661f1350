"use client";
import { LANGUAGES, type Language } from "@/lib/languages";

const NAMES: Record<Language, string> = { nl: "Nederlands", en: "English", fr: "Français" };

/**
 * One button per language, each named in its own language. `compact` (the phone) shows the code ("NL") and
 * keeps the name for screen readers after it, so the visible text is where the accessible name starts and a
 * voice command "NL" still finds the button; the header then stays one line on a 320 px phone.
 */
export function LanguageSwitch({ value, label, onChange, compact = false }: { value: Language; label: string; onChange: (l: Language) => void; compact?: boolean }) {
  return (
    <div className={`language-switch${compact ? " language-switch--compact" : ""}`} role="group" aria-label={label}>
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === value} onClick={() => onChange(l)} className="chip">
          {compact ? (
            <>
              {l.toUpperCase()}
              <span className="visually-hidden"> {NAMES[l]}</span>
            </>
          ) : (
            NAMES[l]
          )}
        </button>
      ))}
    </div>
  );
}
