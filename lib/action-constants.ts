/**
 * The action round's constants without zod: an action's states and the plan's limits. Kept out of
 * protocol-constants.ts, which the phone's first load carries whole (the bundler keeps a module's unused exports),
 * while no phone needs these.
 */

/** Where an action of the plan stands, as the room says at the next measurement, least advanced first. */
export const ACTION_STATES = ["not-started", "under-way", "done"] as const;
export type ActionState = (typeof ACTION_STATES)[number];

/** Proposals put to a dot vote, actions in a session's plan, and the characters of an action's text and owner. */
export const ACTION_LIMITS = {
  dotProposals: 20,
  actions: 30,
  actionText: 280,
  actionOwner: 80,
} as const;
