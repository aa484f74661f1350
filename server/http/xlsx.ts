/** The XLSX export: a summary sheet, then one sheet per question with the same table as the CSV. */
import ExcelJS from "exceljs";
import { exportHeadings, exportTime, questionTable, roundTable, sheetName, splitTable, type ExportInput } from "../../lib/poll/export";

/** Shares are fractions of 1 in the cells (0.333) and show as percentages in the session's Excel (33,3 %). */
const SHARE_FORMAT = "0.0%";
const MEAN_FORMAT = "0.00";

export async function toXlsx(input: ExportInput): Promise<Buffer> {
  const language = input.session.language;
  const h = exportHeadings(language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tafelronde";
  workbook.created = input.exportedAt;
  const summary = workbook.addWorksheet(h.summary);
  // Cells go in typed: a string cell is text, never a formula, so no cell needs the CSV's leading apostrophe.
  summary.addRow([h.title, input.session.title]);
  summary.addRow([h.exportedAt, exportTime(language, input.exportedAt, input.timeZone)]);
  summary.addRow([]);
  summary.addRow([h.question, h.respondents, h.status]);
  input.questions.forEach((q) => {
    summary.addRow([q.question.prompt, q.results.respondents, h.statuses[q.question.status]]);
  });
  summary.getColumn(1).width = 60;
  summary.getColumn(2).width = 14;
  input.questions.forEach((q, i) => {
    const sheet = workbook.addWorksheet(sheetName(language, i, q.question));
    sheet.addRow([h.question, q.question.prompt]);
    sheet.addRow([]);
    const addTable = (table: ReturnType<typeof questionTable>) =>
      table.forEach((cells, r) => {
        const row = sheet.addRow(cells);
        // The table's first row is its heading; below it, choice questions carry the share in their fourth cell.
        if (r > 0 && cells.length === 4 && typeof cells[3] === "number" && (q.question.kind === "single" || q.question.kind === "multiple")) row.getCell(4).numFmt = SHARE_FORMAT;
        if (q.question.kind === "scale" && cells[0] === h.mean) row.getCell(2).numFmt = MEAN_FORMAT;
      });
    addTable(questionTable(language, q));
    // Earlier rounds of a vote again, oldest first, each under its own heading.
    for (const round of q.rounds ?? []) {
      sheet.addRow([]);
      addTable(roundTable(language, q, round));
    }
    for (const split of q.splits ?? []) {
      sheet.addRow([]);
      for (const cells of splitTable(language, q, split)) sheet.addRow(cells);
    }
    sheet.getColumn(1).width = 28;
    sheet.getColumn(2).width = 48;
    sheet.getColumn(3).width = 14;
    sheet.getColumn(4).width = 22;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
