export type { Language } from "./protocol";
