"use client";
import { REPORT_MESSAGES } from "@/lib/messages/report";
import { useRouter } from "next/navigation";
import "./home.css";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { MySessions } from "./my-sessions";
import { rememberHostKey, rememberSession } from "@/lib/client/local";
import { useLanguage } from "@/lib/client/use-language";
import { isLanguage } from "@/lib/i18n";
import { normaliseJoinCode } from "@/lib/join-code";
import { api } from "@/lib/client/api-client";
import { checkJoinCode } from "@/lib/client/join-check";
import type { Language } from "@/lib/protocol";

export function HomePage() {
  const router = useRouter();
  const { language, choose, t } = useLanguage(undefined, REPORT_MESSAGES);
  const [title, setTitle] = useState("");
  const [sessionLanguage, setSessionLanguage] = useState<Language | null>(null);
  const [template, setTemplate] = useState<"article" | "challenges" | "empty">("challenges");
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  /** Shown once the server answered that it needs a passcode to create sessions. */
  const [passcode, setPasscode] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);

  /** Is this a session's code? A wrong one stays in the field, with the reason beside it. */
  async function check(typed: string): Promise<string | null> {
    const normalised = normaliseJoinCode(typed);
    if (!normalised) {
      setCodeError(t("joinCodeInvalid"));
      return null;
    }
    setChecking(true);
    const result = await checkJoinCode(normalised);
    setChecking(false);
    if (result === "go") return normalised;
    setCodeError(result === "unknown" ? t("joinCodeUnknown", { code: normalised }) : t("rateLimited"));
    codeInput.current?.focus();
    return null;
  }

  // A link back from a phone page (`/?code=…`) brings its code along and says at once whether it is one.
  useEffect(() => {
    const linked = new URLSearchParams(window.location.search).get("code");
    if (!linked) return;
    setCode(linked);
    void check(linked);
    // Once, on arrival; the language may change later without a new check.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function create(event: FormEvent) {
    event.preventDefault();
    setCreating(true);
    setCreateError(null);
    try {
      const res = await api.createSession({ title, language: sessionLanguage ?? language, template, ...(passcode ? { passcode } : {}) });
      if (!res.ok) {
        if (res.error.code === "passcode_required") {
          setCreateError(passcode === null ? t("passcodeHint") : res.error.message);
          setPasscode((p) => p ?? "");
          return;
        }
        setCreateError(res.status === 0 ? t("errorGeneric") : res.error.message);
        return;
      }
      const created = res.data;
      rememberHostKey(created.id, created.hostKey);
      rememberSession({ id: created.id, title: title.trim(), createdAt: new Date().toISOString() });
      router.push(`/s/${created.id}/host`);
    } catch {
      setCreateError(t("errorGeneric"));
    } finally {
      setCreating(false);
    }
  }

  async function join(event: FormEvent) {
    event.preventDefault();
    if (checking) return;
    const normalised = await check(code);
    if (normalised) router.push(`/j/${normalised}`);
  }

  return (
    <main className="home">
      <header className="home__header">
        <div>
          <h1 className="brand">{t("appName")}</h1>
          <p className="tagline">{t("tagline")}</p>
        </div>
        <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} />
      </header>

      <div className="home__panels">
        <form className="card" onSubmit={(e) => void join(e)} aria-labelledby="join-heading" noValidate>
          <h2 id="join-heading">{t("joinTitle")}</h2>
          <p>{t("joinIntro")}</p>
          <label htmlFor="join-code">{t("joinCodeLabel")}</label>
          <input
            ref={codeInput}
            id="join-code"
            name="code"
            className="input input--code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            maxLength={9}
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setCodeError(null);
            }}
            aria-invalid={codeError !== null}
            aria-describedby={codeError ? "join-code-error" : undefined}
            placeholder="K7MX4Q"
          />
          {codeError ? (
            <p id="join-code-error" className="error" role="alert">
              {codeError}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" aria-disabled={checking}>
            {checking ? t("joinChecking") : t("join")}
          </button>
        </form>

        <form className="card" onSubmit={create} aria-labelledby="start-heading">
          <h2 id="start-heading">{t("startTitle")}</h2>
          <p>{t("startIntro")}</p>
          <label htmlFor="session-title">{t("sessionTitleLabel")}</label>
          <input
            id="session-title"
            name="title"
            className="input"
            required
            maxLength={120}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t("sessionTitlePlaceholder")}
          />
          <label htmlFor="session-language">{t("sessionLanguageLabel")}</label>
          <select
            id="session-language"
            className="input"
            value={sessionLanguage ?? language}
            onChange={(e) => setSessionLanguage(isLanguage(e.target.value) ? e.target.value : "nl")}
          >
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
          <fieldset className="template-choice">
            <legend>{t("templateLabel")}</legend>
            {(
              [
                ["challenges", t("templateChallenges")],
                ["article", t("templateArticle")],
                ["empty", t("templateEmpty")],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="template-choice__option">
                <input type="radio" name="template" value={value} checked={template === value} onChange={() => setTemplate(value)} /> {label}
              </label>
            ))}
          </fieldset>
          {passcode !== null ? (
            <>
              <label htmlFor="create-passcode">{t("passcodeLabel")}</label>
              <input
                id="create-passcode"
                type="password"
                className="input"
                autoComplete="current-password"
                value={passcode}
                onChange={(e) => setPasscode(e.target.value)}
              />
            </>
          ) : null}
          {createError ? (
            <p className="error" role="alert">
              {createError}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" disabled={creating || title.trim() === ""}>
            {creating ? t("creating") : t("createSession")}
          </button>
        </form>
      </div>
      <MySessions t={t} language={language} />
      <footer className="home__footer">
        <p>Kaats, E. & Opheij, W. (2012). Leren samenwerken tussen organisaties. Deventer: Kluwer.</p>
      </footer>
    </main>
  );
}
