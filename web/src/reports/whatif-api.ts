// RP-2: what-if staffing over the API. The current definitions to start a proposal from, the run
// itself (JSON for the screen), and the same run as CSV, per week or per person, for a download.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Answer } from '../api/answer.ts';
import { API_BASE, ApiError, csrfHeaders, request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

export type WhatIfResult = components['schemas']['WhatIfResult'];
export type Figures = WhatIfResult['totals']['actual'];
export type Load = WhatIfResult['people'][number]['actual'];
export type Routed = WhatIfResult['changed'][number]['actual'];
/** One definition (a rotation, schedule or rotation group) as the workspace file writes it. */
export type Plain = Record<string, unknown>;
export type Definitions = Answer<'/api/v1/whatif/current'>;
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
