/** The discussion card of a challenge for the screen: its name, explanation and prompts from the article. */
import { CHALLENGES } from "./challenges";
import type { Language } from "./languages";
import { DISCUSSION_PROMPTS } from "./templates";

/** What a screen's discussion card shows for one challenge, in one language. */
export interface DiscussionCardContent {
  id: string;
  label: string;
  description: string;
  prompts: string[];
}

/** The card of one challenge: its name, explanation and discussion prompts; `undefined` for an unknown id. */
export function discussionCard(challengeId: string, language: Language): DiscussionCardContent | undefined {
  const challenge = CHALLENGES.find((c) => c.id === challengeId);
  if (!challenge) return undefined;
  return {
    id: challenge.id,
    label: challenge.label[language],
    description: challenge.description[language],
    prompts: (DISCUSSION_PROMPTS[challenge.id] ?? []).map((p) => p[language]),
  };
}
