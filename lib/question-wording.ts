/**
 * How a question reads in one language: the one rule that the server's views, the screen, the console and the
 * phone all follow. Built-in texts (the article's templates, the nine challenges) are known here in every
 * language, so a reader who switches language follows; the facilitator's own wording stays as written.
 */
import type { Language } from "./languages";
import type { OptionView, QuestionKind, ScaleSettings } from "./protocol";
import { DEFAULT_SCALE } from "./protocol-constants";

export type Text = Record<Language, string>;

/** A built-in option: the same id in every language. */
export interface BuiltInOption {
  id: string;
  label: Text;
  description: Text;
}

/** A built-in question's texts. */
export interface BuiltInQuestion {
  prompt: Text;
  options: readonly BuiltInOption[];
  scale?: { min: number; max: number; minLabel: Text; maxLabel: Text };
}

/**
 * The built-in texts a reader has at hand: every template (server, screen, console), or only the nine
 * challenges (the phone, whose first load must not carry the other templates' texts).
 */
export interface Wording {
  question(templateId: string): BuiltInQuestion | undefined;
  option(optionId: string): Omit<BuiltInOption, "id"> | undefined;
}

/** What wording needs of a question: as stored (prompt and options may be absent) or as a view. */
export interface WordableQuestion {
  kind: QuestionKind;
  template: string | null;
  prompt: string | null;
  options: readonly { id: string; label: string; description?: string; about?: string }[] | null;
  scale?: ScaleSettings | null;
}

function builtIn(q: Pick<WordableQuestion, "template">, wording: Wording): BuiltInQuestion | undefined {
  return q.template ? wording.question(q.template) : undefined;
}

export function wordPrompt(q: Pick<WordableQuestion, "template" | "prompt">, language: Language, wording: Wording): string {
  return builtIn(q, wording)?.prompt[language] || q.prompt || "";
}

/** A template's options, or the question's own, where an option with a known id (a challenge) gets its text. */
export function wordOptions(q: Pick<WordableQuestion, "template" | "options">, language: Language, wording: Wording): OptionView[] {
  const template = builtIn(q, wording);
  if (template && template.options.length > 0) {
    return template.options.map((o) => ({ id: o.id, label: o.label[language], description: o.description[language] }));
  }
  return (q.options ?? []).map((o) => {
    const known = wording.option(o.id);
    if (known) return { id: o.id, label: known.label[language], description: known.description[language] };
    // A proposal names the challenge it answers, in the reader's language.
    const about = o.about ? wording.option(o.about) : undefined;
    return { id: o.id, label: o.label, description: about ? about.label[language] : (o.description ?? ""), ...(o.about ? { about: o.about } : {}) };
  });
}

/** A scale question's ends: the template's in this language, the facilitator's, or the default 1 to 5. */
export function wordScale(q: Pick<WordableQuestion, "kind" | "template" | "scale">, language: Language, wording: Wording): ScaleSettings | undefined {
  if (q.kind !== "scale") return undefined;
  const s = builtIn(q, wording)?.scale;
  if (s) return { min: s.min, max: s.max, minLabel: s.minLabel[language], maxLabel: s.maxLabel[language] };
  return q.scale ?? { ...DEFAULT_SCALE };
}

/** The texts of a question view in another language (a phone or a screen that switched language). */
export function rewordQuestion<V extends WordableQuestion & { prompt: string; options: OptionView[] }>(view: V, language: Language, wording: Wording): V {
  const scale = wordScale(view, language, wording);
  return { ...view, prompt: wordPrompt(view, language, wording), options: wordOptions(view, language, wording), ...(scale ? { scale } : {}) };
}
