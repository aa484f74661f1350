"use client";
/**
 * The phone's dot-voting ballot, loaded only when the room gets a dot vote: the stepper, its words in three
 * languages and the budget's rule (lib/poll/dots.ts, the server's own check), none of them in the first load.
 */
import { BallotDots } from "@/components/ballot-dots";
import type { Language } from "@/lib/i18n";
import { dotsCount, dotsWord } from "@/lib/messages/dots";
import { dotCounts, stepDots } from "@/lib/poll/dots";
import type { OptionView } from "@/lib/protocol";

export interface DotsBallotProps {
  /** In the phone's language, in the question's order. */
  options: OptionView[];
  /** The draft: one option id per dot. */
  dots: readonly string[];
  budget: number;
  disabled: boolean;
  labelledBy: string;
  language: Language;
  onChange: (dots: string[]) => void;
}

export function DotsBallot({ options, dots, budget, disabled, labelledBy, language, onChange }: DotsBallotProps) {
  const ids = options.map((o) => o.id);
  return (
    <BallotDots
      options={options}
      spread={dotCounts(ids, dots)}
      budget={budget}
      disabled={disabled}
      labelledBy={labelledBy}
      labels={{
        hint: dotsWord(language, "dotsHint", { max: budget }),
        left: (n) => dotsWord(language, "dotsLeft", { n, max: budget }),
        add: (label) => dotsWord(language, "dotsAddLabel", { label }),
        remove: (label) => dotsWord(language, "dotsRemoveLabel", { label }),
        onOption: (label, n) => dotsWord(language, "dotsOnOption", { label, dots: dotsCount(language, n) }),
      }}
      onStep={(id, step) => onChange(stepDots(ids, budget, dots, id, step))}
    />
  );
}
