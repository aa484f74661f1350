/**
 * The languages of Tafelronde. Kept apart from protocol.ts so browser code can use them without pulling in
 * zod, which only the server needs (the phone's first load stays small).
 */
export const LANGUAGES = ["nl", "en", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];
