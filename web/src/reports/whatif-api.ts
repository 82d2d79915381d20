// RP-2: what-if staffing over the API. The current definitions to start a proposal from, the run
// itself (JSON for the screen), and the same run as CSV, per week or per person, for a download.
import { useMutation, useQuery } from '@tanstack/react-query';
import { API_BASE, ApiError, csrfHeaders, request } from '../api/client.ts';

export interface Figures { arrivals: number; concurrent: number; waitedForManager: number; uncovered: number; singleEngineerHours: number; singleEngineerArrivals: number; nightPages: number }
export interface Load { emergencies: number; handlingHours: number; pages: number; nightPages: number }
export interface Routed { outcome: 'dri' | 'concurrent_engineer' | 'manager' | 'uncovered'; user: string | null }
export interface WhatIfResult {
  since: string; until: string; zone: string; groups: string[];
  missingGroups: { actual: string[]; proposed: string[] };
  totals: { actual: Figures; proposed: Figures; difference: Figures };
  weeks: { week: string; actual: Figures; proposed: Figures; difference: Figures }[];
  people: { user: string; actual: Load; proposed: Load; difference: Load }[];
  changed: { ref: string; group: string; at: string; actual: Routed; proposed: Routed }[];
  changedTotal: number;
}
export type Plain = Record<string, unknown>;
export interface Definitions { rotations: Plain[]; schedules: Plain[]; rotation_groups: Plain[] }
export interface WhatIfInput { since: string; until: string; proposal: string | Plain; zone?: string }

export const useWhatIfStart = () => useQuery({ queryKey: ['whatif', 'current'], queryFn: () => request<Definitions>('GET', '/whatif/current'), staleTime: 60_000 });
export const useRunWhatIf = () => useMutation({ mutationFn: (i: WhatIfInput) => request<WhatIfResult>('POST', '/whatif', i) });

/** The same run as CSV from the API, saved as a file. */
export async function downloadCsv(i: WhatIfInput, format: 'csv' | 'people-csv'): Promise<void> {
  const res = await fetch(`${API_BASE}/whatif?format=${format}`, {
    method: 'POST', credentials: 'include', body: JSON.stringify(i),
    headers: { 'content-type': 'application/json', accept: 'text/csv', ...csrfHeaders() },
  });
  if (!res.ok) throw new ApiError(res.status, `http.${res.status}`, `The CSV could not be made (HTTP ${res.status}).`);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `whatif-${format}.csv`;
  save(await res.blob(), name);
}

export function saveJson(result: WhatIfResult): void {
  save(new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' }), `whatif-${result.since.slice(0, 10)}-${result.until.slice(0, 10)}.json`);
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
