/**
 * The browser's typed client of the HTTP API: every page talks to `/api/...` through here, so requests, replies
 * and errors have the protocol's types and one shape. Only types come from lib/protocol.ts: no zod in a bundle.
 */
import type {
  ActionView,
  Comparison,
  CompareBody,
  CoHostView,
  CreatedCoHost,
  CreatedMeasurement,
  CreatedPublication,
  CreatedSession,
  CreateActionBody,
  CreateSessionBody,
  ExportFormat,
  HttpErrorBody,
  NetworkTrend,
  ProtocolError,
  RenameSessionBody,
  ReportData,
  SessionSummary,
  SessionView,
  UpdateActionBody,
} from "../protocol";

/** What every call resolves with: the reply, or the server's error (a network failure is `internal_error`). */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ProtocolError };

/** A downloaded file and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  name: string;
}

const bearer = (hostKey: string) => ({ authorization: `Bearer ${hostKey}` });
const json = { "content-type": "application/json" };

async function failure(res: Response): Promise<ApiResult<never>> {
  const body = (await res.json().catch(() => null)) as HttpErrorBody | null;
  return { ok: false, status: res.status, error: body?.error ?? { code: "internal_error", message: `HTTP ${res.status}` } };
}

async function call<T>(url: string, init: RequestInit, read: (res: Response) => Promise<T>): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    return { ok: false, status: 0, error: { code: "internal_error", message: "the server could not be reached" } };
  }
  if (!res.ok) return failure(res);
  return { ok: true, data: await read(res) };
}

const readJson = <T>(res: Response) => res.json() as Promise<T>;

/** The file name from `content-disposition`, or a fallback. */
function fileNameOf(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallback;
}

const readFile = (fallback: string) => async (res: Response) => ({ blob: await res.blob(), name: fileNameOf(res, fallback) });

export const api = {
  createSession: (body: CreateSessionBody) =>
    call<CreatedSession>("/api/sessions", { method: "POST", headers: json, body: JSON.stringify(body) }, readJson),

  renameSession: (sessionId: string, hostKey: string, body: RenameSessionBody) =>
    call<{ session: SessionView }>(`/api/sessions/${sessionId}`, { method: "PATCH", headers: { ...bearer(hostKey), ...json }, body: JSON.stringify(body) }, readJson),

  deleteSession: (sessionId: string, hostKey: string) =>
    call<null>(`/api/sessions/${sessionId}`, { method: "DELETE", headers: bearer(hostKey) }, async () => null),

  duplicateSession: (sessionId: string, hostKey: string) =>
    call<CreatedSession>(`/api/sessions/${sessionId}/duplicate`, { method: "POST", headers: bearer(hostKey) }, readJson),

  coHosts: (sessionId: string, hostKey: string) => call<{ coHosts: CoHostView[] }>(`/api/sessions/${sessionId}/cohosts`, { headers: bearer(hostKey) }, readJson),

  createCoHost: (sessionId: string, hostKey: string, label: string) =>
    call<CreatedCoHost>(`/api/sessions/${sessionId}/cohosts`, { method: "POST", headers: { ...bearer(hostKey), ...json }, body: JSON.stringify({ label }) }, readJson),

  revokeCoHost: (sessionId: string, hostKey: string, coHostId: string) =>
    call<null>(`/api/sessions/${sessionId}/cohosts/${coHostId}`, { method: "DELETE", headers: bearer(hostKey) }, async () => null),

  publish: (sessionId: string, hostKey: string, days: number) =>
    call<CreatedPublication>(`/api/sessions/${sessionId}/publication`, { method: "POST", headers: { ...bearer(hostKey), ...json }, body: JSON.stringify({ days }) }, readJson),

  withdraw: (sessionId: string, hostKey: string) => call<null>(`/api/sessions/${sessionId}/publication`, { method: "DELETE", headers: bearer(hostKey) }, async () => null),

  newMeasurement: (sessionId: string, hostKey: string) =>
    call<CreatedMeasurement>(`/api/sessions/${sessionId}/measurements`, { method: "POST", headers: bearer(hostKey) }, readJson),

  actions: (sessionId: string, hostKey: string) => call<{ actions: ActionView[] }>(`/api/sessions/${sessionId}/actions`, { headers: bearer(hostKey) }, readJson),

  createAction: (sessionId: string, hostKey: string, body: CreateActionBody) =>
    call<ActionView>(`/api/sessions/${sessionId}/actions`, { method: "POST", headers: { ...bearer(hostKey), ...json }, body: JSON.stringify(body) }, readJson),

  updateAction: (sessionId: string, hostKey: string, actionId: string, body: UpdateActionBody) =>
    call<ActionView>(`/api/sessions/${sessionId}/actions/${actionId}`, { method: "PATCH", headers: { ...bearer(hostKey), ...json }, body: JSON.stringify(body) }, readJson),

  deleteAction: (sessionId: string, hostKey: string, actionId: string) =>
    call<null>(`/api/sessions/${sessionId}/actions/${actionId}`, { method: "DELETE", headers: bearer(hostKey) }, async () => null),

  trend: (networkId: string, hostKey: string) => call<NetworkTrend>(`/api/networks/${networkId}/trend`, { headers: bearer(hostKey) }, readJson),

  summary: (sessionId: string, hostKey: string) => call<SessionSummary>(`/api/sessions/${sessionId}/summary`, { headers: bearer(hostKey) }, readJson),

  report: (sessionId: string, hostKey: string) => call<ReportData>(`/api/sessions/${sessionId}/report`, { headers: bearer(hostKey) }, readJson),

  exportFile: (sessionId: string, hostKey: string, format: ExportFormat) =>
    call(`/api/sessions/${sessionId}/export?format=${format}`, { headers: bearer(hostKey) }, readFile(`tafelronde.${format}`)),

  compare: (body: Omit<CompareBody, "format">) =>
    call<Comparison>("/api/compare", { method: "POST", headers: json, body: JSON.stringify({ ...body, format: "json" }) }, readJson),

  compareCsv: (body: Omit<CompareBody, "format">) =>
    call("/api/compare", { method: "POST", headers: json, body: JSON.stringify({ ...body, format: "csv" }) }, readFile("tafelronde-compare.csv")),
};
