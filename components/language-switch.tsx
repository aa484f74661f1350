"use client";
import { LANGUAGES, type Language } from "@/lib/languages";

const NAMES: Record<Language, string> = { nl: "Nederlands", en: "English", fr: "Français" };

export function LanguageSwitch({ value, label, onChange }: { value: Language; label: string; onChange: (l: Language) => void }) {
  return (
    <div className="language-switch" role="group" aria-label={label}>
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === value} onClick={() => onChange(l)} className="chip">
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
