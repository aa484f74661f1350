"use client";
import { CONSOLE_MESSAGES } from "@/lib/messages/console";
import { useEffect, useRef, useState } from "react";
import { ConsoleControls } from "@/components/console-controls";
import { FollowupForm } from "@/components/followup-form";
import { JoinPanel } from "@/components/join-panel";
import { LanguageSwitch } from "@/components/language-switch";
import { OpenAnswersModeration } from "@/components/open-answers-moderation";
import { QuestionEditor, emptyForm, formFromQuestion, type EditorForm } from "@/components/question-editor";
import { QuestionList } from "@/components/question-list";
import { RankingResultsTable, ScaleResultsTable } from "@/components/question-results-table";
import { ResultsChart } from "@/components/results-chart";
import { ShortcutHelp } from "@/components/shortcut-help";
import { StatusBanner } from "@/components/status-banner";
import { api } from "@/lib/client/api-client";
import { downloadBlob } from "@/lib/client/download";
import { forgetSessionKeys, hostKeyFor, newCommandId } from "@/lib/client/local";
import { refusalMessageKey } from "@/lib/client/refusal";
import { useLanguage } from "@/lib/client/use-language";
import { useMediaQuery } from "@/lib/client/use-media";
import { useSession } from "@/lib/client/use-session";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import type { Language } from "@/lib/i18n";
import { chartRows } from "@/lib/poll/chart-rows";
import { DEFAULT_SCALE } from "@/lib/protocol-constants";
import { wordOptions, wordPrompt, wordScale } from "@/lib/question-wording";
import { TEMPLATE_WORDING } from "@/lib/templates";
import type {
  Ack,
  ClientToServerEvents,
  ExportFormat,
  FacilitatorAuth,
  FacilitatorEvent,
  QuestionDraft,
  QuestionView,
  Results,
} from "@/lib/protocol";
import { kindLabels, questionEditorLabels, questionListLabels } from "./console-labels";

type Payload<E extends FacilitatorEvent> = Parameters<ClientToServerEvents[E]>[0];

type EditorState =
  | { mode: "closed" }
  | { mode: "add"; key: number }
  | { mode: "edit"; key: number; questionId: string; n: number; form: EditorForm };

/** Template questions follow the console's language; the facilitator's own keep their wording. */
const promptIn = (language: Language, q: { prompt: string; template: string | null }) => wordPrompt(q, language, TEMPLATE_WORDING);
const optionsIn = (language: Language, q: QuestionView) => wordOptions(q, language, TEMPLATE_WORDING);

export function ConsolePage({ sessionId }: { sessionId: string }) {
  const [auth, setAuth] = useState<FacilitatorAuth | null>(null);
  const [missingKey, setMissingKey] = useState(false);
  useEffect(() => {
    const hostKey = hostKeyFor(sessionId);
    if (hostKey) setAuth({ sessionId, hostKey });
    else setMissingKey(true);
  }, [sessionId]);
  const { view, socket } = useSession(auth);
  const { language, choose, t } = useLanguage(view.state?.session.language, CONSOLE_MESSAGES);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [listMessage, setListMessage] = useState<string | null>(null);
  const [listBusy, setListBusy] = useState(false);
  const [sortByShare, setSortByShare] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editor, setEditor] = useState<EditorState>({ mode: "closed" });
  const [editorBusy, setEditorBusy] = useState(false);
  const [editorError, setEditorError] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const nextKey = useRef(0);

  /**
   * Send a facilitator event with its own `commandId` (one per click), so the socket's automatic resend after a
   * lost ack is applied once; resolves with the ack, or null when the socket failed to answer.
   */
  async function send<E extends FacilitatorEvent>(event: E, payload: Payload<E>): Promise<Ack<unknown> | null> {
    if (!socket) return null;
    // One typed emit for every facilitator event: the payload type follows the event name.
    const emit = socket.emitWithAck.bind(socket) as (event: E, payload: Payload<E>) => Promise<Ack<unknown>>;
    try {
      return await emit(event, { ...payload, commandId: newCommandId() });
    } catch {
      return null;
    }
  }

  const refusal = (ack: Ack<unknown> | null) => (ack === null ? t("errorGeneric") : ack.ok ? null : t("consoleRefused", { message: ack.error.message }));

  /** Controls of the active question (side panel). */
  async function command(event: FacilitatorEvent, extra: { maxChoices?: number | null } = {}) {
    const question = view.state?.question;
    if (!socket || !question) return;
    setBusy(true);
    setMessage(null);
    const ack =
      event === "question:configure"
        ? await send("question:configure", { questionId: question.id, maxChoices: extra.maxChoices ?? null })
        : await send(event as "question:open", { questionId: question.id });
    setBusy(false);
    const problem = refusal(ack);
    if (problem) setMessage(problem);
    else if (event === "question:reset") setMessage(t("resetDone"));
  }

  /** Actions on the question list; a refusal is shown next to the list. */
  async function listCommand<E extends FacilitatorEvent>(event: E, payload: Payload<E>) {
    setListMessage(null);
    setListBusy(true);
    const problem = refusal(await send(event, payload));
    setListBusy(false);
    if (problem) setListMessage(problem);
  }

  function activateAt(offset: number) {
    const list = view.state?.questions ?? [];
    const index = list.findIndex((q) => q.id === view.state?.question?.id);
    const target = list[index + offset];
    if (index >= 0 && target) void listCommand("question:activate", { questionId: target.id });
  }

  async function openEditorFor(questionId: string, n: number) {
    setListMessage(null);
    setEditorError(null);
    const q = await questionView(questionId);
    if (!q) {
      setListMessage(t("errorGeneric"));
      return;
    }
    setEditor({ mode: "edit", key: ++nextKey.current, questionId, n, form: formFromQuestion(q) });
  }

  /**
   * The full question behind a list row. The state carries only the active one in full; any other comes from
   * the report endpoint, which the facilitator's key may read.
   */
  async function questionView(questionId: string): Promise<QuestionView | null> {
    const state = view.state;
    if (state?.question?.id === questionId) return state.question;
    if (!auth) return null;
    const res = await api.report(auth.sessionId, auth.hostKey);
    return res.ok ? (res.data.questions.find((x) => x.question.id === questionId)?.question ?? null) : null;
  }

  async function saveDraft(draft: QuestionDraft) {
    setEditorBusy(true);
    setEditorError(null);
    // An empty session shows the editor without it being opened: that one adds as well.
    const ack = editor.mode === "edit" ? await send("question:update", { questionId: editor.questionId, draft }) : await send("question:add", draft);
    setEditorBusy(false);
    const problem = refusal(ack);
    if (problem) {
      setEditorError(problem);
      return;
    }
    closeEditor();
  }

  function closeEditor() {
    setEditor({ mode: "closed" });
    setEditorError(null);
    // Back to where the facilitator came from, once the button is rendered again.
    requestAnimationFrame(() => addButton.current?.focus());
  }

  const [help, setHelp] = useState(false);
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const activeQuestion = view.state?.question;
  useShortcuts({
    c: () => void (activeQuestion && command(activeQuestion.status === "open" ? "question:close" : "question:open")),
    r: () => void (activeQuestion && command(activeQuestion.resultsVisible ? "results:hide" : "results:show")),
    s: () => setSortByShare((v) => !v),
    n: () => activateAt(1),
    p: () => activateAt(-1),
    o: () => void (view.state?.screenPath && window.open(view.state.screenPath, "_blank", "noopener")),
    "?": () => setHelp(true),
  });

  if (missingKey) {
    return (
      <main className="console">
        <p className="error" role="alert">
          {t("noKey")}
        </p>
      </main>
    );
  }
  if (view.connection === "refused") {
    return (
      <main className="console">
        <p className="error" role="alert">
          {t(refusalMessageKey(view.refusal))}
        </p>
      </main>
    );
  }
  const state = view.state;
  if (!state || !auth) {
    return (
      <main className="console">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }
  const { session, question } = state;
  const questions = state.questions ?? [];
  const results = view.results;
  const activeIndex = question ? questions.findIndex((q) => q.id === question.id) : -1;
  const kinds = kindLabels(t);

  async function download(format: ExportFormat) {
    if (!auth) return;
    setMessage(null);
    const res = await api.exportFile(session.id, auth.hostKey, format);
    if (res.ok) downloadBlob(res.data.blob, res.data.name);
    else setMessage(t("errorGeneric"));
  }

  async function deleteSession() {
    if (!auth) return;
    setConfirmDelete(false);
    const res = await api.deleteSession(session.id, auth.hostKey);
    if (res.ok) forgetSessionKeys(session.id);
    else setMessage(t("errorGeneric"));
  }

  const editorOpen = editor.mode !== "closed" || questions.length === 0;
  const editorPanel = editorOpen ? (
    <QuestionEditor
      key={editor.mode === "closed" ? "first" : editor.key}
      initial={editor.mode === "edit" ? editor.form : emptyForm()}
      labels={questionEditorLabels(t, editor.mode === "edit" ? { kind: "edit", n: editor.n } : { kind: "add" })}
      busy={editorBusy}
      error={editorError}
      onCancel={questions.length === 0 && editor.mode !== "edit" ? undefined : closeEditor}
      onSubmit={(draft) => void saveDraft(draft)}
    />
  ) : null;

  const questionsPanel = (
    <section className="console__questions" aria-labelledby="questions-title" data-testid="questions-panel">
      <h2 id="questions-title" className="console__panel-title">
        {t("consoleQuestionsTitle")}
      </h2>
      {questions.length === 0 ? (
        <p className="notice" data-testid="empty-session-hint">
          {t("consoleEmptySessionHint")}
        </p>
      ) : (
        <QuestionList
          questions={questions.map((q) => ({ ...q, prompt: promptIn(language, q) }))}
          activeId={question?.id ?? null}
          editingId={editor.mode === "edit" ? editor.questionId : null}
          labels={questionListLabels(t)}
          onActivate={(questionId) => void listCommand("question:activate", { questionId })}
          onMove={(questionId, position) => void listCommand("question:move", { questionId, position })}
          onEdit={(questionId) => void openEditorFor(questionId, questions.findIndex((q) => q.id === questionId) + 1)}
          onRemove={(questionId) => {
            if (editor.mode === "edit" && editor.questionId === questionId) closeEditor();
            void listCommand("question:remove", { questionId });
          }}
        />
      )}
      {listMessage ? (
        <p className="notice" role="status" data-testid="list-message">
          {listMessage}
        </p>
      ) : null}
      {editorPanel}
      {editorOpen ? null : (
        <button
          ref={addButton}
          type="button"
          className="button button--primary"
          data-testid="add-question"
          onClick={() => {
            setEditorError(null);
            setEditor({ mode: "add", key: ++nextKey.current });
          }}
        >
          <span aria-hidden="true">+</span>
          {t("consoleAddQuestion")}
        </button>
      )}
    </section>
  );

  return (
    <main className="console">
      <header className="console__header">
        <div>
          <p className="eyebrow">{t("consoleTitle")}</p>
          <h1 className="console__title" data-testid="session-title">
            {session.title}
          </h1>
        </div>
        <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} />
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />

      <div className="console__grid">
        <aside className="console__side">
          {state.joinUrl ? <JoinPanel code={session.code} joinUrl={state.joinUrl} joinAtLabel={t("joinAt")} codeLabel={t("joinCode")} size="compact" /> : null}
          <dl className="stats">
            <div>
              <dt>{t("participantsConnected")}</dt>
              <dd data-testid="participants-count">{results?.participants ?? 0}</dd>
            </div>
            <div>
              <dt>{t("respondents")}</dt>
              <dd data-testid="respondents-count">{results?.respondents ?? 0}</dd>
            </div>
          </dl>
          {question ? (
            <ConsoleControls
              status={question.status}
              resultsVisible={question.resultsVisible}
              maxChoices={question.maxChoices}
              optionCount={question.options.length}
              showMaxChoices={question.kind === "multiple"}
              canConfigure={(results?.respondents ?? 0) === 0}
              busy={busy}
              labels={{
                title: t("consoleControlsTitle"),
                votingOpen: t("votingOpen"),
                votingClosed: t("votingClosed"),
                closeVoting: t("closeVoting"),
                reopenVoting: t("reopenVoting"),
                showResults: t("showResults"),
                hideResults: t("hideResults"),
                resultsShown: t("resultsShownOnPhones"),
                resultsHidden: t("resultsHiddenOnPhones"),
                resetQuestion: t("resetQuestion"),
                resetConfirm: t("resetConfirm"),
                cancel: t("cancel"),
                confirm: t("confirm"),
                maxChoicesLabel: t("maxChoicesLabel"),
                noMaximum: t("noMaximum"),
              }}
              onOpen={() => void command("question:open")}
              onClose={() => void command("question:close")}
              onShowResults={() => void command("results:show")}
              onHideResults={() => void command("results:hide")}
              onReset={() => void command("question:reset")}
              onMaxChoices={(max) => void command("question:configure", { maxChoices: max })}
            />
          ) : null}
          {message ? (
            <p className="notice" role="status">
              {message}
            </p>
          ) : null}
          <div className="console__links">
            {state.screenPath ? (
              <a className="button" href={state.screenPath} target="_blank" rel="noopener" data-testid="open-screen">
                {t("openScreen")}
              </a>
            ) : null}
            <button type="button" className="button" onClick={() => void download("csv")} data-testid="export-csv">
              {t("exportCsv")}
            </button>
            <button type="button" className="button" onClick={() => void download("json")} data-testid="export-json">
              {t("exportJson")}
            </button>
            <button type="button" className="button" onClick={() => void download("xlsx")} data-testid="export-xlsx">
              {t("consoleExportXlsx")}
            </button>
            <a className="button" href={`/s/${session.id}/report`} target="_blank" rel="noopener" data-testid="report-link">
              {t("consoleReportLink")}
            </a>
            <button type="button" className="button button--quiet" aria-label={t("showShortcuts")} onClick={() => setHelp(true)}>
              ?
            </button>
          </div>
          <div className="console__danger">
            {confirmDelete ? (
              <div role="alertdialog" aria-labelledby="delete-confirm-text" className="confirm">
                <p id="delete-confirm-text">{t("deleteConfirm")}</p>
                <button type="button" className="button button--danger" onClick={() => void deleteSession()}>
                  {t("deleteConfirmButton")}
                </button>
                <button type="button" className="button" onClick={() => setConfirmDelete(false)} autoFocus>
                  {t("cancel")}
                </button>
              </div>
            ) : (
              <button type="button" className="button button--quiet" onClick={() => setConfirmDelete(true)}>
                {t("deleteSession")}
              </button>
            )}
          </div>
        </aside>

        <div className="console__main">
          {question ? (
            <section className="console__chart" aria-labelledby="active-question-title" data-testid="active-question">
              <h2 id="active-question-title" className="console__panel-title">
                {t("consoleActiveQuestionTitle")}
                <span className="console__active-meta">
                  {" · "}
                  {t("consoleQuestionNumber", { n: activeIndex + 1 })} · {kinds[question.kind]}
                </span>
              </h2>
              <p className="console__prompt" data-testid="active-prompt">
                {promptIn(language, question)}
              </p>
              <ActiveResults
                question={question}
                language={language}
                sortByShare={sortByShare}
                onSortByShare={setSortByShare}
                reducedMotion={reducedMotion}
                t={t}
                results={results}
                onModerate={(answerId, hide) => void listCommand(hide ? "answer:hide" : "answer:show", { questionId: question.id, answerId })}
              />
              {question.template === "nine-challenges" ? (
                <FollowupForm
                  optionCount={question.options.length}
                  busy={listBusy}
                  labels={{
                    title: t("consoleFollowupTitle"),
                    topLabel: t("consoleFollowupTopLabel"),
                    create: (n) => t("consoleFollowupCreate", { n }),
                    hint: t("consoleFollowupHint"),
                  }}
                  onCreate={(topN) => void listCommand("followup:create", { questionId: question.id, topN })}
                />
              ) : null}
            </section>
          ) : null}
          {questionsPanel}
        </div>
      </div>
      <ShortcutHelp
        open={help}
        title={t("shortcutsTitle")}
        closeLabel={t("close")}
        onClose={() => setHelp(false)}
        shortcuts={[
          { key: "c", label: t("toggleVoting") },
          { key: "r", label: t("toggleResults") },
          { key: "n", label: t("consoleNextQuestion") },
          { key: "p", label: t("consolePreviousQuestion") },
          { key: "s", label: t("sortByShare") },
          { key: "o", label: t("openScreen") },
          { key: "?", label: t("showShortcuts") },
        ]}
      />
    </main>
  );
}

type Translate = ReturnType<typeof useLanguage>["t"];

/** The active question's results, in the form its kind calls for. */
function ActiveResults({
  question,
  results,
  language,
  sortByShare,
  onSortByShare,
  reducedMotion,
  t,
  onModerate,
}: {
  question: QuestionView;
  results: Results | undefined;
  language: Language;
  sortByShare: boolean;
  onSortByShare: (on: boolean) => void;
  reducedMotion: boolean;
  t: Translate;
  onModerate: (answerId: string, hide: boolean) => void;
}) {
  switch (question.kind) {
    case "single":
    case "multiple":
      return (
        <>
          <label className="toggle">
            <input type="checkbox" checked={sortByShare} onChange={(e) => onSortByShare(e.target.checked)} /> {t("sortByShare")}
          </label>
          <ResultsChart
            rows={chartRows(optionsIn(language, question), results, sortByShare)}
            respondents={results?.respondents ?? 0}
            size="compact"
            title={question.template === "nine-challenges" ? t("chartTitle") : t("resultsTitle")}
            caption={question.template === "nine-challenges" ? t("chartCaption") : t("consoleChartCaptionGeneric")}
            respondentsLabel={t("respondents")}
            language={language}
            animate={!reducedMotion}
          />
        </>
      );
    case "scale": {
      const scale = wordScale(question, language, TEMPLATE_WORDING) ?? { ...DEFAULT_SCALE };
      return (
        <ScaleResultsTable
          scale={scale}
          results={results}
          language={language}
          labels={{ title: t("consoleScaleTableTitle"), value: t("consoleScaleValue"), count: t("consoleCountColumn"), mean: t("consoleScaleMean"), respondents: t("respondents") }}
        />
      );
    }
    case "ranking":
      return (
        <RankingResultsTable
          options={optionsIn(language, question)}
          results={results}
          language={language}
          labels={{ title: t("consoleRankingTableTitle"), option: t("consoleOptionColumn"), points: t("consoleBordaPoints"), rankedBy: t("consoleRankedBy"), respondents: t("respondents") }}
        />
      );
    case "open":
      return (
        <OpenAnswersModeration
          answers={results?.answers ?? []}
          labels={{
            title: t("consoleAnswersTitle"),
            hint: t("consoleAnswersHint"),
            empty: t("consoleNoAnswersYet"),
            hide: t("consoleHideAnswer"),
            unhide: t("consoleUnhideAnswer"),
            hidden: t("consoleAnswerHidden"),
          }}
          onHide={(id) => onModerate(id, true)}
          onShow={(id) => onModerate(id, false)}
        />
      );
  }
}
