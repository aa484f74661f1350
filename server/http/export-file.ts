/** The file of one export format: its body, content type and a safe file name. */
import type { ExportFormat } from "../../lib/protocol";
import { toCsv, toJsonExport, type ExportInput } from "../../lib/poll/export";
import { toXlsx } from "./xlsx";

const CSV_TYPE = "text/csv; charset=utf-8";

/** Content types of the export formats; the comparison's CSV uses `csv`. */
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: CSV_TYPE,
  "csv-semicolon": CSV_TYPE,
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The end of the file name: both CSV files are .csv, told apart by name when both are downloaded. */
const NAME_ENDS: Record<ExportFormat, string> = { csv: ".csv", "csv-semicolon": "-semicolon.csv", json: ".json", xlsx: ".xlsx" };

/** Export file names: the title in safe characters, so no header injection and no odd paths. */
export function exportFileName(title: string, format: ExportFormat): string {
  const safe = title.normalize("NFKD").replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "tafelronde";
  return safe + NAME_ENDS[format];
}

export async function exportFile(format: ExportFormat, input: ExportInput): Promise<{ body: string | Buffer; contentType: string; name: string }> {
  const body =
    format === "csv"
      ? toCsv(input, "comma")
      : format === "csv-semicolon"
        ? toCsv(input, "semicolon")
        : format === "xlsx"
          ? await toXlsx(input)
          : JSON.stringify(toJsonExport(input), null, 2);
  return { body, contentType: CONTENT_TYPES[format], name: exportFileName(input.session.title, format) };
}
