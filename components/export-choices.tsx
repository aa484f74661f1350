"use client";
/** The export files a page offers, each with what it is for: XLSX, the CSV a Dutch or French Excel opens, the standard CSV, JSON. */
import type { ExportWords } from "@/lib/messages/exports";
import "./export-choices.css";
import type { ExportFormat } from "@/lib/protocol";

const LABELS: Record<ExportFormat, [label: keyof ExportWords, hint: keyof ExportWords]> = {
  xlsx: ["downloadXlsx", "xlsxHint"],
  "csv-semicolon": ["csvSemicolon", "csvSemicolonHint"],
  csv: ["csvComma", "csvCommaHint"],
  json: ["downloadJson", "jsonHint"],
};

export interface ExportChoicesProps {
  formats: readonly ExportFormat[];
  words: ExportWords;
  /** `data-testid` of a format's button, e.g. `export-${format}`. */
  testId: (format: ExportFormat) => string;
  onDownload: (format: ExportFormat) => void;
}

export function ExportChoices({ formats, words, testId, onDownload }: ExportChoicesProps) {
  return (
    <ul className="exports">
      {formats.map((format) => {
        const [label, hint] = LABELS[format];
        return (
          <li key={format}>
            <button type="button" className="button" onClick={() => onDownload(format)} data-testid={testId(format)}>
              {words[label]}
            </button>
            <span className="hint">{words[hint]}</span>
          </li>
        );
      })}
    </ul>
  );
}
