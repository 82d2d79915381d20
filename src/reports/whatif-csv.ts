// RP-2: a what-if as CSV, one row per week plus a total, each figure as actual, proposed and the
// difference, so a spreadsheet shows the side by side without reshaping.
import type { Figures, WhatIfResult } from './whatif.ts';

export const FIGURES: readonly (keyof Figures)[] = ['arrivals', 'concurrent', 'waitedForManager', 'uncovered', 'singleEngineerHours', 'singleEngineerArrivals', 'nightPages'];

const cell = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function whatIfCsv(r: WhatIfResult): string {
  const head = ['week', ...FIGURES.flatMap((f) => [`${f}_actual`, `${f}_proposed`, `${f}_difference`])];
  const row = (label: string, x: { actual: Figures; proposed: Figures; difference: Figures }) => [label, ...FIGURES.flatMap((f) => [x.actual[f], x.proposed[f], x.difference[f]])];
  const rows = [head, ...r.weeks.map((w) => row(w.week, w)), row('total', r.totals)];
  return rows.map((cols) => cols.map(cell).join(',')).join('\n') + '\n';
}

/** Per-person load as CSV: emergencies, handling hours, pages and night pages on each side. */
export function whatIfPeopleCsv(r: WhatIfResult): string {
  const keys = ['emergencies', 'handlingHours', 'pages', 'nightPages'] as const;
  const head = ['person', ...keys.flatMap((k) => [`${k}_actual`, `${k}_proposed`, `${k}_difference`])];
  const rows = r.people.map((p) => [p.user, ...keys.flatMap((k) => [p.actual[k], p.proposed[k], p.difference[k]])]);
  return [head, ...rows].map((cols) => cols.map(cell).join(',')).join('\n') + '\n';
}
