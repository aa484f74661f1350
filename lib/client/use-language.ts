"use client";
/** The UI language hook: this browser's own choice, else the session's language. */
import { useCallback, useEffect, useState } from "react";
import { translate, type Catalogue, type Language, type MessageKey } from "../i18n";
import { preferredLanguage, setPreferredLanguage } from "./local";

/**
 * The UI language of this browser: its own choice when it made one, otherwise `fallback` (the session's
 * language). Switching affects this phone only.
 */
export function useLanguage(fallback: Language | undefined, extra?: Catalogue) {
  const [chosen, setChosen] = useState<Language | null>(null);
  useEffect(() => setChosen(preferredLanguage()), []);
  const language: Language = chosen ?? fallback ?? "nl";
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const choose = useCallback((l: Language) => {
    setPreferredLanguage(l);
    setChosen(l);
  }, []);
  const t = useCallback((key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values, extra), [language, extra]);
  return { language, choose, t };
}
