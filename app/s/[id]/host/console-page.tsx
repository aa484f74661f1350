"use client";
/**
 * The facilitator's console, a presenter's tool for a laptop beside a projector: the live panel (the active
 * question, previous/next, its switches and chart) stays in view while the question list beside it scrolls.
 */
import "./console.css";
import { CONSOLE_MESSAGES } from "@/lib/messages/console";
import { EXPORT_MESSAGES } from "@/lib/messages/exports";
import { ExportChoices } from "@/components/export-choices";
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { ConsoleControls, ConsoleSwitch, QuestionNavigation, QuestionTools, TimerControls } from "@/components/console-controls";
import { ConsoleJoin } from "@/components/console-join";
import { FollowupForm } from "@/components/followup-form";
import { PresenterNotes } from "@/components/presenter-notes";
import { LanguageSwitch } from "@/components/language-switch";
import { OpenAnswersModeration } from "@/components/open-answers-moderation";
import { QuestionEditor, emptyForm, formFromQuestion, type EditorForm, type GroupingChoice } from "@/components/question-editor";
import { QuestionList } from "@/components/question-list";
import { RankingResultsTable, ScaleResultsTable } from "@/components/question-results-table";
import { ResultsChart } from "@/components/results-chart";
import { ResultsDots } from "@/components/results-dots";
import { ShortcutHelp } from "@/components/shortcut-help";
import { SplitControl } from "@/components/split-control";
import { SplitResults } from "@/components/split-results";
import { WithheldResults } from "@/components/withheld-results";
import { StatusBanner } from "@/components/status-banner";
import { api } from "@/lib/client/api-client";
import { downloadBlob } from "@/lib/client/download";
import { forgetSessionKeys, hostKeyFor, newCommandId, rememberHostKey, rememberSession } from "@/lib/client/local";
import { refusalMessageKey } from "@/lib/client/refusal";
import { useLanguage } from "@/lib/client/use-language";
import { useMediaQuery } from "@/lib/client/use-media";
import { useSession } from "@/lib/client/use-session";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import { FloorModeration } from "@/components/floor-moderation";
import { CoHosts } from "@/components/co-hosts";
import { PublicationPanel } from "@/components/publication-panel";
import { ActionPlanPart, ActionRoundPart, useActionPlan } from "./action-round-part";
import { formatDateTime, formatNumber, type Language } from "@/lib/i18n";
import { splitWord } from "@/lib/messages/split";
import { audienceLabels } from "@/lib/poll/audience";
import { chartRows } from "@/lib/poll/chart-rows";
import { withAboutNotes } from "@/lib/poll/dot-notes";
import { dotRows } from "@/lib/poll/dots-rows";
import { dotsCount, dotsWord } from "@/lib/messages/dots";
import { planFollowup, type FollowupPlan } from "@/lib/poll/followup-plan";
import { bordaExplanation, bordaTop } from "@/lib/poll/ranking-rows";
import { ROUND_BEFORE, ROUND_NOW, roundsView } from "@/lib/poll/rounds";
import { visibleWords } from "@/lib/poll/words";
import { groupingWords, listOf, splitView, type SplitView } from "@/lib/poll/split-rows";
import { DEFAULT_SCALE, LIMITS } from "@/lib/protocol-constants";
import { wordOptions, wordPrompt, wordScale } from "@/lib/question-wording";
import { QUESTION_TEMPLATES, SECTOR_QUESTION, TEMPLATE_WORDING } from "@/lib/templates";
import type {
  Ack,
  ClientToServerEvents,
  CoHostView,
  CreatedCoHost,
  ExportFormat,
  FacilitatorAuth,
  FacilitatorEvent,
  QuestionChanged,
  QuestionDraft,
  QuestionSummary,
  QuestionView,
  Results,
} from "@/lib/protocol";
import { followupDifference, followupNote, kindLabels, questionEditorLabels, questionListLabels, refusalText } from "./console-labels";
import { useQuietPointerFocus } from "./use-quiet-focus";
import { voiceWord } from "@/lib/messages/voices";

/** The console's shortcut keys; each has a visible control too (the README promises one per key). */
const SHORTCUT_KEYS = ["c", "r", "s", "n", "p", "o", "h", "?"] as const;

type Payload<E extends FacilitatorEvent> = Parameters<ClientToServerEvents[E]>[0];

type EditorState =
  | { mode: "closed" }
  | { mode: "add"; key: number }
  | { mode: "edit"; key: number; questionId: string; n: number; form: EditorForm };

/** Template questions follow the console's language; the facilitator's own keep their wording. */
const promptIn = (language: Language, q: { prompt: string; template: string | null }) => wordPrompt(q, language, TEMPLATE_WORDING);
const optionsIn = (language: Language, q: QuestionView) => wordOptions(q, language, TEMPLATE_WORDING);

/** "Alleen voor: Netwerkmanager" for a question of some groups; null for a question of everyone. */
function audienceText(language: Language, q: { template: string | null; audience?: QuestionView["audience"] }, questions: readonly QuestionSummary[]): string | null {
  const groups = audienceLabels(q, questions, language, TEMPLATE_WORDING, QUESTION_TEMPLATES);
  return groups === null ? null : splitWord(language, "onlyFor", { groups: listOf(language, groups) });
}

export function ConsolePage({ sessionId }: { sessionId: string }) {
  const [auth, setAuth] = useState<FacilitatorAuth | null>(null);
  const [missingKey, setMissingKey] = useState(false);
  useEffect(() => {
    const hostKey = hostKeyFor(sessionId);
    if (hostKey) setAuth({ sessionId, hostKey });
    else setMissingKey(true);
  }, [sessionId]);
  const { view, socket } = useSession(auth);
  // The owner's co-facilitator links (a co-facilitator neither sees nor manages them).
  const [coHosts, setCoHosts] = useState<CoHostView[]>([]);
  const isOwner = view.state !== undefined && !view.state.coHost;
  useEffect(() => {
    if (!auth || !isOwner) return;
    void api.coHosts(auth.sessionId, auth.hostKey).then((res) => res.ok && setCoHosts(res.data.coHosts));
  }, [auth, isOwner]);

  const { language, choose, t } = useLanguage(view.state?.session.language, CONSOLE_MESSAGES);
  const actionPlan = useActionPlan(auth, language, socket);
  const [createdAt, setCreatedAt] = useState<string | null>(null);
  const [deleted, setDeleted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [listMessage, setListMessage] = useState<string | null>(null);
  const [listBusy, setListBusy] = useState(false);
  const [sortByShare, setSortByShare] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editor, setEditor] = useState<EditorState>({ mode: "closed" });
  /** The editor as last drawn, for a save whose ack comes after the facilitator moved on (see closeEditor). */
  const editorNow = useRef(editor);
  editorNow.current = editor;
  const [editorBusy, setEditorBusy] = useState(false);
  const [editorError, setEditorError] = useState<string | null>(null);
  const [topN, setTopN] = useState(3);
  const [followupError, setFollowupError] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [splitBusy, setSplitBusy] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const nextKey = useRef(0);
  /** The question a previous/next on its way is moving to. */
  const heading = useRef<string | null>(null);
  /** Where focus was when the shortcut list opened, and whether it showed a ring there. */
  const helpOpener = useRef<{ element: HTMLElement | null; ring: boolean }>({ element: null, ring: false });
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");

  // A move is done once the room's state shows it (the ack may come before or after that state).
  const activeId = view.state?.question?.id;
  useEffect(() => {
    if (heading.current === activeId) heading.current = null;
  }, [activeId]);

  // The date the session was made, in the console's language: a duplicate and its original share a title.
  useEffect(() => {
    if (!auth) return;
    let current = true;
    void api.summary(auth.sessionId, auth.hostKey).then((res) => {
      if (current && res.ok) setCreatedAt(res.data.createdAt);
    });
    return () => {
      current = false;
    };
  }, [auth]);

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

  /** Controls of the active question (live panel). */
  async function command(event: FacilitatorEvent, extra: { maxChoices?: number | null } = {}) {
    const question = view.state?.question;
    if (!socket || !question || busy) return;
    setBusy(true);
    setMessage(null);
    const ack =
      event === "question:configure"
        ? await send("question:configure", { questionId: question.id, maxChoices: extra.maxChoices ?? null })
        : await send(event as "question:open", { questionId: question.id });
    setBusy(false);
    const problem = refusalText(t, ack);
    if (problem) setMessage(problem);
    else if (event === "question:reset") setMessage(t("resetDone"));
    else if (event === "question:revote") setMessage(t("consoleRevoteDone"));
  }

  /** Questions from the floor: set-up and moderation; a refusal shows like the switches'. */
  async function floorCommand<E extends "floor:configure" | "floor:approve" | "floor:hide" | "floor:answer" | "floor:highlight">(event: E, payload: Payload<E>) {
    if (!socket || busy) return;
    setBusy(true);
    setMessage(null);
    const ack = await send(event, payload);
    setBusy(false);
    const problem = refusalText(t, ack);
    if (problem) setMessage(problem);
  }

  /** The active question's countdown: start (opens voting), extend, stop; a refusal shows like the switches'. */
  async function timerCommand(action: { start: number } | { extend: number } | "stop") {
    const question = view.state?.question;
    if (!socket || !question || busy) return;
    setBusy(true);
    setMessage(null);
    const questionId = question.id;
    const ack =
      action === "stop"
        ? await send("timer:stop", { questionId })
        : "start" in action
          ? await send("timer:start", { questionId, seconds: action.start })
          : await send("timer:extend", { questionId, seconds: action.extend });
    setBusy(false);
    const problem = refusalText(t, ack);
    if (problem) setMessage(problem);
  }

  /** Actions on the question list; a refusal is shown next to the list. Resolves with whether it was done. */
  async function listCommand<E extends FacilitatorEvent>(event: E, payload: Payload<E>): Promise<boolean> {
    setListMessage(null);
    setListBusy(true);
    const problem = refusalText(t, await send(event, payload));
    setListBusy(false);
    if (problem) setListMessage(problem);
    return problem === null;
  }

  function activate(questionId: string) {
    setMessage(null);
    setFollowupError(null);
    void listCommand("question:activate", { questionId });
  }

  /**
   * Previous or next, counted from where the room is heading: `n` pressed twice before the first move shows goes
   * two questions on, as a presenter's clicker does, instead of being dropped or sent twice for one step.
   */
  function activateAt(offset: number) {
    const list = view.state?.questions ?? [];
    const index = list.findIndex((q) => q.id === (heading.current ?? view.state?.question?.id));
    const target = list[index + offset];
    if (index < 0 || !target) return;
    heading.current = target.id;
    setMessage(null);
    setFollowupError(null);
    void listCommand("question:activate", { questionId: target.id }).then((done) => {
      if (!done && heading.current === target.id) heading.current = null;
    });
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
    const saving = editor;
    setEditorBusy(true);
    setEditorError(null);
    // An empty session shows the editor without it being opened: that one adds as well.
    const ack = saving.mode === "edit" ? await send("question:update", { questionId: saving.questionId, draft }) : await send("question:add", draft);
    setEditorBusy(false);
    const problem = refusalText(t, ack);
    if (problem) {
      setEditorError(problem);
      return;
    }
    closeEditor(saving);
  }

  /**
   * Close the editor and give focus back to what opened it: the row's edit button, or "add question". After a save,
   * only the editor that was saved: the room's new state can arrive before the ack, and a facilitator who already
   * opened the next editor in between must not see it closed under their hands.
   */
  function closeEditor(saved?: EditorState) {
    if (saved && editorNow.current !== saved) return;
    const closing = saved ?? editor;
    const from = closing.mode === "edit" ? closing.questionId : null;
    setEditor({ mode: "closed" });
    setEditorError(null);
    requestAnimationFrame(() => {
      const edit = from ? document.querySelector<HTMLElement>(`[data-question-id="${CSS.escape(from)}"] [data-action="edit"]`) : null;
      (edit ?? addButton.current)?.focus();
    });
  }

  function openHelp() {
    const element = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    helpOpener.current = { element, ring: element?.matches(":focus-visible") ?? false };
    setHelp(true);
  }

  /**
   * The dialog gives focus back to where it was, and Chrome draws a ring there when the dialog was closed with a
   * key (Escape), even when the facilitator had clicked: a ring left on a projected console looks like a selection.
   * Focus keeps the look it had before the dialog opened.
   */
  function closeHelp() {
    setHelp(false);
    const { element, ring } = helpOpener.current;
    requestAnimationFrame(() => {
      if (element && !ring && document.activeElement === element && element.matches(":focus-visible")) element.blur();
    });
  }

  const activeQuestion = view.state?.question;
  const isChoice = activeQuestion?.kind === "single" || activeQuestion?.kind === "multiple";
  useShortcuts({
    c: () => void (activeQuestion && command(activeQuestion.status === "open" ? "question:close" : "question:open")),
    r: () => void (activeQuestion && command(activeQuestion.resultsVisible ? "results:hide" : "results:show")),
    s: () => {
      if (isChoice) setSortByShare((v) => !v);
    },
    n: () => activateAt(1),
    p: () => activateAt(-1),
    o: () => void (view.state?.screenPath && window.open(view.state.screenPath, "_blank", "noopener")),
    h: () => void (activeQuestion && command(activeQuestion.silent ? "results:reveal" : "results:conceal")),
    "?": openHelp,
  } satisfies Record<(typeof SHORTCUT_KEYS)[number], () => void>);
  useQuietPointerFocus(SHORTCUT_KEYS);

  const sessionGone = deleted || (view.connection === "refused" && view.refusal?.startsWith("session_deleted"));
  if (missingKey || sessionGone || view.connection === "refused") {
    return (
      <ConsoleGone
        title={sessionGone ? t("consoleGoneTitle") : t("consoleUnavailableTitle")}
        alert={missingKey ? t("noKey") : sessionGone ? t("sessionDeleted") : t(refusalMessageKey(view.refusal))}
        detail={sessionGone ? t("consoleGoneText") : null}
        homeLabel={t("consoleHomeLink")}
      />
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
  // Results of another question can linger for a moment while the room moves on: never show those.
  const results = question && view.results?.questionId === question.id ? view.results : undefined;
  const activeIndex = question ? questions.findIndex((q) => q.id === question.id) : -1;
  const kinds = kindLabels(t);
  // The session's grouping questions: what results can be split by, and whom a question can be asked of.
  const groupingChoices: GroupingChoice[] = questions.flatMap((q, index) =>
    q.grouping
      ? [{ id: q.id, label: t("consoleSplitOption", { n: index + 1, prompt: promptIn(language, q) }), groups: wordOptions({ template: q.template, options: q.groups ?? [] }, language, TEMPLATE_WORDING) }]
      : [],
  );
  const sectorPrompts = new Set(Object.values(SECTOR_QUESTION.prompt));
  const hasSectorQuestion = questions.some((q) => q.template === null && sectorPrompts.has(q.prompt));
  const split: SplitView | null =
    question && results?.split
      ? splitView({
          kind: question.kind,
          options: optionsIn(language, question),
          scale: wordScale(question, language, TEMPLATE_WORDING),
          results,
          grouping: groupingWords(results.split.by, language, QUESTION_TEMPLATES),
          language,
          sortByShare,
        })
      : null;
  // Voted again: the round before beside this one, with each answer's shift (not while split by a group).
  const rounds: SplitView | null =
    question && !split
      ? roundsView({
          kind: question.kind,
          options: optionsIn(language, question),
          scale: wordScale(question, language, TEMPLATE_WORDING),
          results,
          earlier: results?.previous ? [results.previous] : [],
          words: { prompt: voiceWord(language, "roundsBy"), options: [{ id: ROUND_BEFORE, label: voiceWord(language, "roundBefore"), description: "" }, { id: ROUND_NOW, label: voiceWord(language, "roundNow"), description: "" }] },
          language,
          sortByShare,
        })
      : null;

  async function splitBy(byQuestionId: string | null) {
    setSplitBusy(true);
    setMessage(null);
    const problem = refusalText(t, await send("results:split", { byQuestionId }));
    setSplitBusy(false);
    if (problem) setMessage(problem);
  }

  /** One click: the sector question in the session's language, a grouping question of the facilitator's own. */
  async function addSectorQuestion() {
    setListMessage(null);
    setListBusy(true);
    const language = session.language;
    const ack = await send("question:add", {
      kind: "single",
      prompt: SECTOR_QUESTION.prompt[language],
      options: SECTOR_QUESTION.options.map((o) => o[language]),
      grouping: true,
    });
    setListBusy(false);
    const problem = refusalText(t, ack);
    if (problem) setListMessage(problem);
    else if (ack?.ok) setListMessage(t("consoleSectorAdded", { n: (ack.data as QuestionChanged).question.position + 1 }));
  }

  async function download(format: ExportFormat) {
    if (!auth) return;
    setListMessage(null);
    const res = await api.exportFile(session.id, auth.hostKey, format);
    if (res.ok) downloadBlob(res.data.blob, res.data.name);
    else setListMessage(t("errorGeneric"));
  }

  async function createCoHost(label: string): Promise<CreatedCoHost | null> {
    if (!auth) return null;
    const res = await api.createCoHost(auth.sessionId, auth.hostKey, label);
    if (!res.ok) {
      setListMessage(t("errorGeneric"));
      return null;
    }
    setCoHosts((list) => [...list, res.data]);
    return res.data;
  }

  async function revokeCoHost(coHostId: string) {
    if (!auth) return;
    const res = await api.revokeCoHost(auth.sessionId, auth.hostKey, coHostId);
    if (!res.ok) return setListMessage(t("errorGeneric"));
    const listed = await api.coHosts(auth.sessionId, auth.hostKey);
    if (listed.ok) setCoHosts(listed.data.coHosts);
  }

  /** The participants' results page: up for `days` days (the state brings its address), or withdrawn. */
  async function publish(days: number) {
    if (!auth) return;
    const res = await api.publish(session.id, auth.hostKey, days);
    if (!res.ok) setListMessage(t("errorGeneric"));
  }

  async function withdraw() {
    if (!auth) return;
    const res = await api.withdraw(session.id, auth.hostKey);
    if (!res.ok) setListMessage(t("errorGeneric"));
  }

  /** The next measurement of this session's network: same questions, new keys; its console opens here. */
  async function newMeasurement() {
    if (!auth) return;
    setListMessage(null);
    const res = await api.newMeasurement(session.id, auth.hostKey);
    if (!res.ok) return setListMessage(t("errorGeneric"));
    const created = res.data;
    rememberHostKey(created.id, created.hostKey);
    const summary = await api.summary(created.id, created.hostKey);
    rememberSession({ id: created.id, title: summary.ok ? summary.data.session.title : "", createdAt: summary.ok ? summary.data.createdAt : new Date().toISOString() });
    window.location.assign(`/s/${created.id}/host`);
  }

  async function deleteSession() {
    if (!auth) return;
    setConfirmDelete(false);
    const res = await api.deleteSession(session.id, auth.hostKey);
    if (res.ok) {
      forgetSessionKeys(session.id);
      setDeleted(true);
    } else setListMessage(t("errorGeneric"));
  }

  const followupPlan = question?.template === "nine-challenges" ? planFollowup(question.options.map((o) => o.id), results?.counts ?? {}, topN) : null;

  async function createFollowup(q: QuestionView, plan: FollowupPlan) {
    setFollowupError(null);
    setMessage(null);
    setListBusy(true);
    const ack = await send("followup:create", { questionId: q.id, topN: plan.topN });
    setListBusy(false);
    const labelOf = labelIn(language, q);
    if (ack?.ok) {
      const created = (ack.data as QuestionChanged).question;
      const made = t("consoleFollowupCreated", { q: created.position + 1, count: created.options.length });
      setMessage([made, followupDifference(t, language, plan, labelOf)].filter(Boolean).join(" "));
    } else if (ack?.error.code === "invalid_payload") {
      // The only refusal of a follow-up on this question: too few options were chosen (the votes may have
      // changed since the preview, so the preview's own reason is used only when it agrees).
      setFollowupError(plan.possible ? t("consoleFollowupTooFew") : followupNote(t, language, plan, labelOf).why);
    } else setFollowupError(refusalText(t, ack));
  }

  const editorOpen = editor.mode !== "closed" || questions.length === 0;
  const showAdd = !editorOpen || editor.mode === "edit";
  // The sector question once per session; not beside a new question being written.
  const showSector = !hasSectorQuestion && editor.mode !== "add";
  const editorPanel = editorOpen ? (
    <QuestionEditor
      key={editor.mode === "closed" ? "first" : editor.key}
      initial={editor.mode === "edit" ? editor.form : emptyForm()}
      labels={questionEditorLabels(t, editor.mode === "edit" ? { kind: "edit", n: editor.n } : { kind: "add" })}
      busy={editorBusy}
      error={editorError}
      focusOnOpen={editor.mode !== "closed"}
      onCancel={questions.length === 0 && editor.mode !== "edit" ? undefined : () => closeEditor()}
      onSubmit={(draft) => void saveDraft(draft)}
      groupingQuestions={groupingChoices.filter((g) => editor.mode !== "edit" || g.id !== editor.questionId)}
    />
  ) : null;

  const questionsPanel = (
    <section className="console__questions console-card" aria-labelledby="questions-title" data-testid="questions-panel">
      <h2 id="questions-title" className="console__panel-title">
        {t("consoleQuestionsTitle")}
      </h2>
      {questions.length === 0 ? (
        <p className="notice" data-testid="empty-session-hint">
          {t("consoleEmptySessionHint")}
        </p>
      ) : (
        <QuestionList
          questions={questions.map((q) => ({ ...q, prompt: promptIn(language, q), audienceText: audienceText(language, q, questions) }))}
          activeId={question?.id ?? null}
          editingId={editor.mode === "edit" ? editor.questionId : null}
          editor={editor.mode === "edit" ? editorPanel : null}
          labels={questionListLabels(t, language)}
          onActivate={activate}
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
      {editor.mode === "edit" ? null : editorPanel}
      {showAdd || showSector ? (
        <div className="console__add">
          {showAdd ? (
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
          ) : null}
          {showSector ? (
            <>
              <button type="button" className="button" data-testid="add-sector" aria-describedby="add-sector-hint" aria-disabled={listBusy || undefined} onClick={() => void (listBusy || addSectorQuestion())}>
                <span aria-hidden="true">+</span>
                {t("consoleAddSector")}
              </button>
              <p id="add-sector-hint" className="hint console__add-hint">
                {t("consoleAddSectorHint", { prompt: SECTOR_QUESTION.prompt[session.language], options: listOf(language, SECTOR_QUESTION.options.map((o) => o[session.language])) })}
              </p>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );

  let live: ReactNode;
  if (!question) {
    live = (
      <p className="console__placeholder" data-testid="no-active-question">
        {t("consoleNoActiveQuestion")}
      </p>
    );
  } else {
    const respondents = results?.respondents ?? 0;
    live = (
      <>
        <p className="console__prompt" data-testid="active-prompt">
          {promptIn(language, question)}
        </p>
        <div className="console__switches">
          <ConsoleControls
            status={question.status}
            resultsVisible={question.resultsVisible}
            busy={busy}
            labels={{
              title: t("consoleControlsTitle"),
              voting: t("consoleVotingSwitch"),
              votingOpen: t("votingOpen"),
              votingClosed: t("votingClosed"),
              results: t("showResults"),
              resultsShown: t("resultsShownOnPhones"),
              resultsHidden: t("resultsHiddenOnPhones"),
            }}
            onToggleVoting={() => void command(question.status === "open" ? "question:close" : "question:open")}
            onToggleResults={() => void command(question.resultsVisible ? "results:hide" : "results:show")}
          />
          <dl className="stats">
            <div>
              <dt>{t("participantsConnected")}</dt>
              <dd data-testid="participants-count">{formatNumber(language, results?.participants ?? view.results?.participants ?? 0)}</dd>
            </div>
            <div>
              <dt>{t("respondents")}</dt>
              <dd data-testid="respondents-count">{formatNumber(language, respondents)}</dd>
            </div>
          </dl>
        </div>
        <TimerControls
          timer={question.timer}
          busy={busy}
          labels={{
            title: t("consoleTimerTitle"),
            startGroup: t("consoleTimerStartGroup"),
            custom: t("consoleTimerCustom"),
            start: t("consoleTimerStart"),
            running: t("consoleTimerRunning"),
            extend: t("consoleTimerExtend"),
            extendName: t("consoleTimerExtendName"),
            stop: t("consoleTimerStop"),
            hint: t("consoleTimerHint"),
            customInvalid: t("consoleTimerCustomInvalid"),
          }}
          onStart={(seconds) => void timerCommand({ start: seconds })}
          onExtend={(seconds) => void timerCommand({ extend: seconds })}
          onStop={() => void timerCommand("stop")}
        />
        {message ? (
          <p className="notice" role="status" data-testid="console-message">
            {message}
          </p>
        ) : null}
        {question.audience ? (
          <p className="console__audience" data-testid="active-audience">
            {audienceText(language, question, questions)} · {questionListLabels(t, language).respondents(respondents)}
          </p>
        ) : null}
        {groupingChoices.length > 0 ? (
          <SplitControl
            value={state.splitBy && groupingChoices.some((g) => g.id === state.splitBy) ? state.splitBy : ""}
            choices={groupingChoices}
            busy={splitBusy}
            labels={{
              label: t("consoleSplitLabel"),
              none: t("consoleSplitNone"),
              hint: t("consoleSplitHint"),
              notHere: state.splitBy && (question.kind === "open" || question.id === state.splitBy) ? t("consoleSplitNotHere") : null,
            }}
            onChange={(by) => void splitBy(by)}
          />
        ) : null}
        {question.silent ? (
          <div className="silent-banner" data-testid="silent-banner">
            <p role="status">{t("consoleSilentBanner")}</p>
            <button type="button" className="button button--primary" aria-disabled={busy || undefined} onClick={() => void command("results:reveal")}>
              {t("consoleSilentReveal")} <kbd aria-hidden="true">h</kbd>
            </button>
          </div>
        ) : null}
        <ActiveResults
          question={question}
          language={language}
          sortByShare={sortByShare}
          reducedMotion={reducedMotion}
          t={t}
          results={results}
          split={split ?? rounds}
          splitLabel={split || !rounds ? undefined : voiceWord(language, "roundsBy")}
          onModerate={(answerId, hide) => void listCommand(hide ? "answer:hide" : "answer:show", { questionId: question.id, answerId })}
          onModerateWord={(key, hide) => void listCommand(hide ? "word:hide" : "word:show", { questionId: question.id, key })}
        />
        {isChoice ? (
          <div className="console__sort">
            <ConsoleSwitch
              checked={sortByShare}
              label={t("sortByShare")}
              state={sortByShare ? t("consoleSortOn") : t("consoleSortOff")}
              shortcut="s"
              testId="console-sort"
              onToggle={() => setSortByShare((v) => !v)}
            />
          </div>
        ) : null}
        <PresenterNotes
          key={question.id}
          notes={questions.find((q) => q.id === question.id)?.notes ?? ""}
          busy={listBusy}
          labels={{
            title: t("consoleNotesTitle"),
            hint: t("consoleNotesHint"),
            empty: t("consoleNotesEmpty"),
            edit: t("consoleNotesEdit"),
            field: t("consoleNotesField"),
            save: t("consoleNotesSave"),
            cancel: t("consoleNotesCancel"),
            counter: (n) => t("consoleNotesCounter", { n, max: LIMITS.notes }),
          }}
          onSave={(notes) => listCommand("question:notes", { questionId: question.id, notes })}
        />
        {followupPlan ? (
          <FollowupForm
            optionCount={question.options.length}
            topN={topN}
            busy={listBusy}
            preview={followupNote(t, language, followupPlan, labelIn(language, question)).list}
            note={followupNote(t, language, followupPlan, labelIn(language, question)).why}
            error={followupError}
            labels={{
              title: t("consoleFollowupTitle"),
              topLabel: t("consoleFollowupTopLabel"),
              create: (n) => t("consoleFollowupCreate", { n }),
              hint: t("consoleFollowupHint"),
            }}
            onTopN={(n) => {
              setTopN(n);
              setFollowupError(null);
            }}
            onCreate={() => void createFollowup(question, followupPlan)}
          />
        ) : null}
        <ActionRoundPart
          key={`action-round-${question.id}`}
          auth={auth}
          language={language}
          question={question}
          results={results}
          plan={actionPlan}
          busy={listBusy}
          send={(event, payload) => send(event, payload as Payload<typeof event>)}
          refusal={(ack) => refusalText(t, ack)}
        />
        <QuestionTools
          maxChoices={question.maxChoices}
          optionCount={question.options.length}
          maximum={question.kind === "multiple" ? "choices" : question.kind === "dots" ? "budget" : null}
          canConfigure={respondents === 0}
          busy={busy}
          silent={question.silent === true}
          onToggleSilent={() => void command(question.silent ? "results:reveal" : "results:conceal")}
          onRevote={() => void command("question:revote")}
          labels={{
            title: t("consoleQuestionTools"),
            resetQuestion: t("resetQuestion"),
            resetConfirm: t("resetConfirm"),
            cancel: t("cancel"),
            confirm: t("confirm"),
            maxChoicesLabel: t("maxChoicesLabel"),
            silent: t("consoleSilentSwitch"),
            silentOn: t("consoleSilentOn"),
            silentOff: t("consoleSilentOff"),
            revote: t("consoleRevote"),
            revoteHint: t("consoleRevoteHint"),
            noMaximum: t("noMaximum"),
            budgetLabel: t("consoleDotBudget"),
          }}
          onReset={() => void command("question:reset")}
          onMaxChoices={(max) => void command("question:configure", { maxChoices: max })}
        />
      </>
    );
  }

  return (
    <main className="console">
      <header className="console__header">
        <div className="console__heading">
          <p className="eyebrow">
            {t("consoleTitle")}
            {createdAt ? (
              <>
                {" · "}
                <time dateTime={createdAt} data-testid="session-date">
                  {t("consoleCreatedAt", { date: formatDateTime(language, createdAt) })}
                </time>
              </>
            ) : null}
          </p>
          <h1 className="console__title" data-testid="session-title">
            {session.title}
          </h1>
        </div>
        <div className="console__header-actions">
          {state.screenPath ? (
            <a className="button" href={state.screenPath} target="_blank" rel="noopener" aria-keyshortcuts="o" data-testid="open-screen">
              {t("openScreen")} <kbd aria-hidden="true">o</kbd>
            </a>
          ) : null}
          <button type="button" className="button" aria-keyshortcuts="?" onClick={openHelp} data-testid="shortcuts-button">
            {t("consoleShortcutsButton")} <kbd aria-hidden="true">?</kbd>
          </button>
          <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} />
        </div>
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />

      <div className="console__grid">
        <section className="console__live console-card" aria-labelledby="active-question-title" data-testid="active-question">
          <div className="console__live-top">
            <h2 id="active-question-title" className="console__panel-title">
              {t("consoleActiveQuestionTitle")}
              {question ? <span className="console__active-meta"> · {kinds[question.kind]}</span> : null}
            </h2>
            {question ? (
              <QuestionNavigation
                position={activeIndex + 1}
                total={questions.length}
                labels={{
                  title: t("consoleNavigation"),
                  previous: t("consolePrevious"),
                  next: t("consoleNext"),
                  previousName: t("consolePreviousQuestion"),
                  nextName: t("consoleNextQuestion"),
                  position: t("consolePosition", { n: formatNumber(language, activeIndex + 1), total: formatNumber(language, questions.length) }),
                }}
                onPrevious={() => activateAt(-1)}
                onNext={() => activateAt(1)}
              />
            ) : null}
          </div>
          {live}
        </section>

        <div className="console__side">
          {state.joinUrl ? (
            <ConsoleJoin code={session.code} joinUrl={state.joinUrl} labels={{ title: t("consoleJoinTitle"), joinAt: t("joinAt"), code: t("joinCode") }} />
          ) : null}
          {questionsPanel}
          {state.floor ? (
            <FloorModeration
              floor={state.floor}
              language={language}
              busy={busy}
              onConfigure={(change) => void floorCommand("floor:configure", change)}
              onApprove={(floorId) => void floorCommand("floor:approve", { floorId })}
              onHide={(floorId) => void floorCommand("floor:hide", { floorId })}
              onAnswer={(floorId, answered) => void floorCommand("floor:answer", { floorId, answered })}
              onHighlight={(floorId) => void floorCommand("floor:highlight", { floorId })}
            />
          ) : null}
          <section className="console__session console-card" aria-labelledby="session-tools-title">
            <h2 id="session-tools-title" className="console__panel-title">
              {t("consoleSessionTools")}
            </h2>
            <ExportChoices
              formats={["xlsx", "csv-semicolon", "csv", "json"]}
              words={EXPORT_MESSAGES[language]}
              testId={(format) => `export-${format}`}
              onDownload={(format) => void download(format)}
            />
            <div className="console__links">
              <a className="button" href={`/s/${session.id}/report`} target="_blank" rel="noopener" data-testid="report-link">
                {t("consoleReportLink")}
              </a>
              {state.network ? (
                <a className="button" href={`/n/${state.network.id}?from=${session.id}`} target="_blank" rel="noopener" data-testid="trend-link">
                  {t("consoleTrendLink")}
                </a>
              ) : null}
            </div>
            <div className="console__measure">
              {state.network ? (
                <p className="hint" data-testid="measurement-of">
                  {t("consoleMeasurementOf", { n: formatNumber(language, state.network.measurement) })}
                </p>
              ) : null}
              <button type="button" className="button" aria-describedby="new-measurement-hint" onClick={() => void newMeasurement()} data-testid="new-measurement">
                {t("consoleNewMeasurement")}
              </button>
              <p id="new-measurement-hint" className="hint">
                {t("consoleNewMeasurementHint")}
              </p>
            </div>
            <ActionPlanPart language={language} plan={actionPlan} />
            <PublicationPanel
              publication={state.publication ? { path: state.publication.path, until: state.publication.expiresAt } : null}
              busy={busy}
              words={{
                title: t("publicationTitle"),
                intro: t("publicationIntro"),
                days: t("publicationDays"),
                publish: t("publicationPublish"),
                republish: t("publicationRepublish"),
                up: state.publication ? t("publicationUp", { date: formatDateTime(language, state.publication.expiresAt) }) : "",
                open: t("publicationOpen"),
                withdraw: t("publicationWithdraw"),
              }}
              onPublish={(days) => void publish(days)}
              onWithdraw={() => void withdraw()}
            />
            {state.coHost ? (
              <p className="hint" data-testid="co-host-note">
                {t("coHostsYou")}
              </p>
            ) : (
              <CoHosts
                coHosts={coHosts}
                busy={busy}
                words={{
                  title: t("coHostsTitle"),
                  intro: t("coHostsIntro"),
                  label: t("coHostsLabel"),
                  create: t("coHostsCreate"),
                  link: (label) => t("coHostsLink", { label }),
                  revoke: t("coHostsRevoke"),
                  revokeName: (label) => t("coHostsRevokeName", { label }),
                  revoked: t("coHostsRevoked"),
                }}
                onCreate={createCoHost}
                onRevoke={(id) => void revokeCoHost(id)}
              />
            )}
            {state.coHost ? null : (
            <div className="console__danger">
              {confirmDelete ? (
                <div role="alertdialog" aria-labelledby="delete-confirm-text" className="confirm">
                  <p id="delete-confirm-text">{t("deleteConfirm")}</p>
                  <button type="button" className="button button--danger" onClick={() => void deleteSession()}>
                    {t("deleteConfirmButton")}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setConfirmDelete(false);
                      requestAnimationFrame(() => deleteButton.current?.focus());
                    }}
                    autoFocus
                  >
                    {t("cancel")}
                  </button>
                </div>
              ) : (
                <button ref={deleteButton} type="button" className="button button--quiet" onClick={() => setConfirmDelete(true)}>
                  {t("deleteSession")}
                </button>
              )}
            </div>
            )}
          </section>
        </div>
      </div>
      <ShortcutHelp
        open={help}
        title={t("shortcutsTitle")}
        closeLabel={t("close")}
        onClose={closeHelp}
        shortcuts={[
          { key: "c", label: t("toggleVoting") },
          { key: "r", label: t("toggleResults") },
          { key: "n", label: t("consoleNextQuestion") },
          { key: "p", label: t("consolePreviousQuestion") },
          { key: "s", label: t("sortByShare") },
          { key: "o", label: t("openScreen") },
          { key: "h", label: t("consoleSilentShortcut") },
          { key: "?", label: t("showShortcuts") },
        ]}
      />
    </main>
  );
}

/** An option's label in the console's language, by id. */
const labelIn = (language: Language, q: QuestionView) => {
  const options = optionsIn(language, q);
  return (id: string) => options.find((o) => o.id === id)?.label ?? id;
};

/**
 * What is left of a console whose session is gone or cannot be opened: what happened, and the way back home.
 * Focus moves to the heading, since the button that was pressed (delete) no longer exists.
 */
function ConsoleGone({ title, alert, detail, homeLabel }: { title: string; alert: string; detail: string | null; homeLabel: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="console console--gone" data-testid="console-gone">
      <h1 ref={heading} tabIndex={-1} className="console__title">
        {title}
      </h1>
      <p className="error" role="alert">
        {alert}
      </p>
      {detail ? <p>{detail}</p> : null}
      <p>
        <a className="button button--primary" href="/" data-testid="home-link">
          {homeLabel}
        </a>
      </p>
    </main>
  );
}

type Translate = ReturnType<typeof useLanguage>["t"];

/** The moderation list's words, for open answers or for a word cloud's words. */
function moderationLabels(t: Translate, of: "answers" | "words") {
  return {
    title: of === "words" ? t("consoleWordsTitle") : t("consoleAnswersTitle"),
    hint: of === "words" ? t("consoleWordsHint") : t("consoleAnswersHint"),
    empty: of === "words" ? t("consoleNoWordsYet") : t("consoleNoAnswersYet"),
    hide: t("consoleHideAnswer"),
    unhide: t("consoleUnhideAnswer"),
    hidden: t("consoleAnswerHidden"),
    hideName: (text: string) => t("consoleHideAnswerName", { text }),
    unhideName: (text: string) => t("consoleUnhideAnswerName", { text }),
  };
}

/** The word cloud and its layout library load only when a word cloud is on. */
const WordCloud = lazy(() => import("@/components/word-cloud").then((m) => ({ default: m.WordCloud })));

/** Height of a chart row on the console, in px. */
const CONSOLE_ROW_PX = 40;

/** The active question's results, in the form its kind calls for. */
function ActiveResults({
  question,
  results,
  split,
  splitLabel,
  language,
  sortByShare,
  reducedMotion,
  t,
  onModerate,
  onModerateWord,
}: {
  question: QuestionView;
  results: Results | undefined;
  /** The results per group, while the room is split by a grouping question (or per round, after a vote again). */
  split: SplitView | null;
  /** What the split's series are, when they are not groups. */
  splitLabel?: string;
  language: Language;
  sortByShare: boolean;
  reducedMotion: boolean;
  t: Translate;
  onModerate: (answerId: string, hide: boolean) => void;
  onModerateWord: (key: string, hide: boolean) => void;
}) {
  // A question of some groups below the threshold: its numbers never came, and the facilitator reads why.
  if (results?.withheld) {
    return (
      <WithheldResults size="compact" title={splitWord(language, "tooFewTitle")} reason={splitWord(language, "tooFew", { n: results.respondents, k: results.minGroupSize ?? 0 })} />
    );
  }
  const plain = <PlainResults question={question} results={results} language={language} sortByShare={sortByShare} reducedMotion={reducedMotion} t={t} onModerate={onModerate} onModerateWord={onModerateWord} />;
  if (!split) return plain;
  return (
    <SplitResults
      view={split}
      kind={question.kind}
      respondents={results?.respondents ?? 0}
      plain={plain}
      size="compact"
      language={language}
      t={t}
      challenges={question.template === "nine-challenges"}
      animate={!reducedMotion}
      explanation={bordaExplanation(language, bordaTop(question.maxChoices, question.options.length))}
      byLabel={splitLabel}
    />
  );
}

/** The active question's results of everyone, in the form its kind calls for. */
function PlainResults({
  question,
  results,
  language,
  sortByShare,
  reducedMotion,
  t,
  onModerate,
  onModerateWord,
}: {
  question: QuestionView;
  results: Results | undefined;
  language: Language;
  sortByShare: boolean;
  reducedMotion: boolean;
  t: Translate;
  onModerate: (answerId: string, hide: boolean) => void;
  onModerateWord: (key: string, hide: boolean) => void;
}) {
  switch (question.kind) {
    case "single":
    case "multiple":
      return (
        <ResultsChart
          rows={chartRows(optionsIn(language, question), results, sortByShare)}
          respondents={results?.respondents ?? 0}
          size="compact"
          title={question.template === "nine-challenges" ? t("chartTitle") : t("resultsTitle")}
          caption={question.template === "nine-challenges" ? t("chartCaption") : t("consoleChartCaptionGeneric")}
          respondentsLabel={t("respondents")}
          language={language}
          animate={!reducedMotion}
          // Nine rows with the switches, the timer and the split above them fit a 1280x720 laptop's window.
          rowHeight={CONSOLE_ROW_PX}
        />
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
    case "dots":
      return (
        <ResultsDots
          rows={withAboutNotes(dotRows(optionsIn(language, question), results), optionsIn(language, question))}
          respondents={results?.respondents ?? 0}
          size="compact"
          title={dotsWord(language, "dotsTitle")}
          caption={dotsWord(language, "dotsCaption")}
          respondentsLabel={t("respondents")}
          optionHeader={t("consoleOptionColumn")}
          totalText={(n) => dotsWord(language, "dotsTotal", { n: formatNumber(language, n) })}
          dotsText={(n) => dotsCount(language, n)}
          animate={!reducedMotion}
          rowHeight={CONSOLE_ROW_PX}
        />
      );
    case "words": {
      const words = results?.words ?? [];
      return (
        <>
          <Suspense fallback={<div className="word-cloud word-cloud--loading" aria-busy="true" />}>
            <WordCloud words={visibleWords(words)} language={language} maxFont={44} caption={t("wordsCaption")} empty={t("consoleNoWordsYet")} animate={!reducedMotion} />
          </Suspense>
          {/* Most frequent first: the moderation list shows its items newest first, so it gets them the other way round. */}
          <OpenAnswersModeration
            answers={[...words].reverse().map((w) => ({ id: w.key, text: `${w.text} (${formatNumber(language, w.count)})`, hidden: w.hidden }))}
            language={language}
            labels={moderationLabels(t, "words")}
            onHide={(key) => onModerateWord(key, true)}
            onShow={(key) => onModerateWord(key, false)}
          />
        </>
      );
    }
    case "open":
      return (
        <OpenAnswersModeration
          answers={results?.answers ?? []}
          language={language}
          labels={moderationLabels(t, "answers")}
          onHide={(id) => onModerate(id, true)}
          onShow={(id) => onModerate(id, false)}
        />
      );
  }
}
