"use client";
/** The console's questions from the floor: allow them, require approval, put them on the screen, and moderate each. */
import { formatNumber, type Language } from "@/lib/i18n";
import { floorWord, type FloorKey } from "@/lib/messages/floor";
import type { FloorQuestionView, FloorSettings, FloorView } from "@/lib/protocol";
import { ConsoleSwitch } from "./console-controls";
import "./floor-moderation.css";

export interface FloorModerationProps {
  floor: FloorView;
  language: Language;
  /** While a command is on its way the controls ignore clicks. */
  busy: boolean;
  onConfigure: (change: Partial<Pick<FloorSettings, "open" | "approval" | "screen">>) => void;
  onApprove: (floorId: string) => void;
  onHide: (floorId: string) => void;
  onAnswer: (floorId: string, answered: boolean) => void;
  onHighlight: (floorId: string | null) => void;
}

function Row({ q, highlighted, props }: { q: FloorQuestionView; highlighted: boolean; props: FloorModerationProps }) {
  const { language, busy } = props;
  const w = (key: FloorKey, values?: Record<string, string | number>) => floorWord(language, key, values);
  const status = q.status === "pending" ? w("floorPending") : q.status === "hidden" ? w("floorHidden") : null;
  return (
    <li className={`floor-moderation__item floor-moderation__item--${q.status}${q.answered ? " is-answered" : ""}${highlighted ? " is-highlighted" : ""}`} data-testid="floor-moderation-item">
      <p className="floor-moderation__text">{q.text}</p>
      <p className="floor-moderation__meta">
        {q.name ?? w("floorAnonymous")} · {w("floorVotes", { n: formatNumber(language, q.votes) })}
        {status ? <span className="floor-moderation__tag">{status}</span> : null}
        {highlighted ? <span className="floor-moderation__tag floor-moderation__tag--on">{w("floorHighlighted")}</span> : null}
      </p>
      <div className="floor-moderation__actions" role="group" aria-label={w("floorActions", { text: q.text })}>
        {q.status !== "shown" ? (
          <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => !busy && props.onApprove(q.id)} data-testid="floor-approve">
            {w("floorApprove")}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button"
              aria-pressed={highlighted}
              aria-disabled={busy || undefined}
              onClick={() => !busy && props.onHighlight(highlighted ? null : q.id)}
              data-testid="floor-highlight"
            >
              {w("floorHighlight")}
            </button>
            <button
              type="button"
              className="button"
              aria-pressed={q.answered}
              aria-disabled={busy || undefined}
              onClick={() => !busy && props.onAnswer(q.id, !q.answered)}
              data-testid="floor-answer"
            >
              {w("floorMarkAnswered")}
            </button>
          </>
        )}
        {q.status !== "hidden" ? (
          <button type="button" className="button button--quiet" aria-disabled={busy || undefined} onClick={() => !busy && props.onHide(q.id)} data-testid="floor-hide">
            {w("floorHide")}
          </button>
        ) : null}
      </div>
    </li>
  );
}

export function FloorModeration(props: FloorModerationProps) {
  const { floor, language, busy, onConfigure } = props;
  const w = (key: FloorKey, values?: Record<string, string | number>) => floorWord(language, key, values);
  const { settings } = floor;
  // Waiting questions first: they need the facilitator; then the room's order.
  const ordered = [...floor.questions.filter((q) => q.status === "pending"), ...floor.questions.filter((q) => q.status !== "pending")];
  return (
    <section className="console-card floor-moderation" aria-labelledby="floor-moderation-title" data-testid="floor-moderation">
      <h2 id="floor-moderation-title" className="console__panel-title">
        {w("floorTitle")}
      </h2>
      <div className="floor-moderation__switches">
        <ConsoleSwitch checked={settings.open} label={w("floorOpen")} state={settings.open ? w("floorCounts", { shown: formatNumber(language, floor.shown), answered: formatNumber(language, floor.answered) }) : w("floorClosedHint")} busy={busy} testId="floor-open" onToggle={() => onConfigure({ open: !settings.open })} />
        {settings.open ? (
          <>
            <ConsoleSwitch
              checked={settings.approval}
              label={w("floorApproval")}
              state={w("floorPendingCount", { n: formatNumber(language, floor.pending ?? 0) })}
              busy={busy}
              testId="floor-approval"
              onToggle={() => onConfigure({ approval: !settings.approval })}
            />
            <ConsoleSwitch checked={settings.screen} label={w("floorOnScreen")} state={w(settings.screen ? "floorScreenOn" : "floorScreenOff")} busy={busy} testId="floor-screen" onToggle={() => onConfigure({ screen: !settings.screen })} />
          </>
        ) : null}
      </div>
      {ordered.length === 0 ? (
        settings.open ? <p className="hint">{w("floorNone")}</p> : null
      ) : (
        <ol className="floor-moderation__list" data-testid="floor-moderation-list">
          {ordered.map((q) => (
            <Row key={q.id} q={q} highlighted={settings.highlight === q.id} props={props} />
          ))}
        </ol>
      )}
    </section>
  );
}
