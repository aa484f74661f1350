/**
 * Words of the export files as every page that offers them says them (console, report, compare): what each file
 * is for, so a facilitator picks the CSV their Excel opens in columns.
 */
import type { Language } from "../languages";

const nl = {
  downloadXlsx: "Excel-werkboek (XLSX)",
  xlsxHint: "Een werkblad per vraag, aandelen als percentages, en waar ze er zijn een voor de vragen uit de zaal, het actieplan, de voortgang van het vorige plan en het verloop van het netwerk over de metingen.",
  csvSemicolon: "CSV voor Excel (puntkomma)",
  csvSemicolonHint: "Puntkomma's tussen de kolommen en een decimale komma: zo opent een Belgische, Nederlandse of Franse Excel het bestand meteen in kolommen.",
  csvComma: "CSV (komma)",
  csvCommaHint: "De standaard: komma's en een decimale punt, voor R, Python, Google Sheets of een Engelstalige Excel.",
  downloadJson: "JSON",
  jsonHint: "Elke vraag met zijn resultaten en de anonieme antwoorden, de vragen uit de zaal met hun stemmen, het actieplan, de voortgang van het vorige plan en het verloop van het netwerk, voor wie verder rekent of bouwt.",
};

export type ExportWords = Record<keyof typeof nl, string>;

export const EXPORT_MESSAGES: Record<Language, ExportWords> = {
  nl,
  en: {
    downloadXlsx: "Excel workbook (XLSX)",
    xlsxHint: "One sheet per question, shares as percentages, and where there are any, one each for the questions from the floor, the action plan, the previous plan's progress and the network over its measurements.",
    csvSemicolon: "CSV for Excel (semicolon)",
    csvSemicolonHint: "Semicolons between the columns and a decimal comma: a Belgian, Dutch or French Excel opens it in columns straight away.",
    csvComma: "CSV (comma)",
    csvCommaHint: "The standard: commas and a decimal point, for R, Python, Google Sheets or an English Excel.",
    downloadJson: "JSON",
    jsonHint: "Every question with its results and the anonymous answers, the questions from the floor with their votes, the action plan, the previous plan's progress and the network's trend, for whoever computes or builds on them.",
  },
  fr: {
    downloadXlsx: "Classeur Excel (XLSX)",
    xlsxHint: "Une feuille par question, les parts en pourcentages, et s'il y en a, une pour les questions de la salle, le plan d'action, l'avancement du plan précédent et l'évolution du réseau au fil des mesures.",
    csvSemicolon: "CSV pour Excel (point-virgule)",
    csvSemicolonHint: "Des points-virgules entre les colonnes et une virgule décimale : un Excel belge, néerlandais ou français l'ouvre directement en colonnes.",
    csvComma: "CSV (virgule)",
    csvCommaHint: "Le standard : des virgules et un point décimal, pour R, Python, Google Sheets ou un Excel anglais.",
    downloadJson: "JSON",
    jsonHint: "Chaque question avec ses résultats et les réponses anonymes, les questions de la salle avec leurs votes, le plan d'action, l'avancement du plan précédent et l'évolution du réseau, pour qui calcule ou construit dessus.",
  },
};
