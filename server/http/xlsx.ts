/**
 * The XLSX export: a summary sheet, then one sheet per question with the same table as the CSV, then the questions
 * from the floor, the action plan, the previous plan's review and the network's trend, each on a sheet of its own
 * when there is one.
 */
import ExcelJS from "exceljs";
import { actionsTable, exportHeadings, exportTime, floorTable, planReviewTable, questionTable, roundTable, sheetName, splitTable, trendTable, type Cell, type ExportInput } from "../../lib/poll/export";

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
        // The table's first row is its heading; below it, choice questions (and dot votes) carry the share in their fourth cell.
        if (r > 0 && cells.length === 4 && typeof cells[3] === "number" && (q.question.kind === "single" || q.question.kind === "multiple" || q.question.kind === "dots")) row.getCell(4).numFmt = SHARE_FORMAT;
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
  // A table on a sheet of its own (its name never starts with a number, so it never clashes with a question's),
  // typed cells like everywhere here: an action typed as "=1+1" stays that text.
  const tableSheet = (name: string, table: Cell[][], widths: number[], lead: Cell[][] = []) => {
    const sheet = workbook.addWorksheet(name);
    for (const cells of lead) sheet.addRow(cells);
    const headingRow = sheet.rowCount + 1;
    for (const cells of table) sheet.addRow(cells);
    sheet.getRow(headingRow).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: headingRow }];
    widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
    sheet.getColumn(1).alignment = { wrapText: true, vertical: "top" };
    return sheet;
  };
  // The questions from the floor, the heading row in view while a long list scrolls.
  if (input.floor && input.floor.length > 0) tableSheet(h.floorTitle, floorTable(language, input.floor), [60, 20, 10, 24, 12, 26]);
  if (input.actions && input.actions.length > 0) tableSheet(h.actionsTitle, actionsTable(language, input.actions), [48, 32, 24, 12, 10]);
  if (input.planReview && input.planReview.reviews.length > 0) {
    const sheet = tableSheet(h.reviewTitle, planReviewTable(language, input.planReview), [60, 14, 14, 16, 14, 32]);
    sheet.getRow(sheet.rowCount - 1).font = { bold: true };
  }
  if (input.trend) {
    const trend = input.trend;
    const sheet = tableSheet(h.trendTitle, trendTable(language, trend), [24, 40, ...trend.measurements.map(() => 22), 22], [[h.trendTitle, trend.network.name], []]);
    sheet.getColumn(1).alignment = {};
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
