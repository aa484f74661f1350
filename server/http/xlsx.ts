import ExcelJS from "exceljs";
import { exportHeadings, questionTable, type ExportInput } from "../../lib/poll/export";

/**
 * Excel allows 31 characters in a sheet name, none of : \ / ? * [ ], and no apostrophe at either end; the
 * number in front keeps names unique when prompts start alike.
 */
function sheetName(index: number, prompt: string): string {
  return `${index + 1}. ${prompt}`.replace(/[:\\/?*[\]]/g, " ").slice(0, 31).replace(/'+$/, "").trimEnd();
}

/** The XLSX export: a summary sheet, then one sheet per question with the same table as the CSV. */
export async function toXlsx(input: ExportInput): Promise<Buffer> {
  const h = exportHeadings(input.session.language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tafelronde";
  workbook.created = input.exportedAt;
  const summary = workbook.addWorksheet(h.summary);
  // Cells go in typed: a string cell is text, never a formula, so no cell needs the CSV's leading apostrophe.
  summary.addRow([h.title, input.session.title]);
  summary.addRow([h.exportedAt, input.exportedAt.toISOString()]);
  summary.addRow([]);
  summary.addRow([h.question, h.respondents, h.status]);
  input.questions.forEach((q) => {
    summary.addRow([q.question.prompt, q.results.respondents, q.question.status]);
  });
  summary.getColumn(1).width = 60;
  input.questions.forEach((q, i) => {
    const sheet = workbook.addWorksheet(sheetName(i, q.question.prompt));
    sheet.addRow([h.question, q.question.prompt]);
    sheet.addRow([]);
    for (const row of questionTable(input.session.language, q)) sheet.addRow(row);
    sheet.getColumn(1).width = 28;
    sheet.getColumn(2).width = 48;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
