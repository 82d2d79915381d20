// The last steps every vendor shares: prove each schedule against the vendor's rendering, then
// fold the import into an existing workspace file (`hotline export`) when one is given, replacing
// what an earlier import wrote and keeping everything else, so applying the result removes nothing.
import type { ImportResult, Plain, WorkspaceDoc } from './document.ts';
import { emailKey } from './people.ts';
import { proveSchedule } from './proof.ts';

const IDENTITY: Record<keyof WorkspaceDoc, (x: Plain) => string> = {
  users: (x) => emailKey(String(x.email)),
  teams: (x) => String(x.handle),
  rotations: (x) => String(x.id),
  schedules: (x) => String(x.id),
  schedule_overrides: (x) => String(x.id),
  escalation_policies: (x) => String(x.id),
  services: (x) => String(x.id),
};

export function proveAll(r: ImportResult): ImportResult {
  for (const rendered of r.rendered) r.report.proof.push(proveSchedule(r.doc, rendered));
  r.report.counts.schedule_differences = r.report.proof.reduce((n, p) => n + p.differences.length, 0);
  return r;
}

/** People an existing workspace file already has (for matching by e-mail). */
export function peopleOf(base: Plain | null): string[] {
  return ((base?.users as Plain[] | undefined) ?? []).map((u) => String(u.email));
}

export function mergeInto(base: Plain | null, doc: WorkspaceDoc): Plain {
  const out: Plain = { hotline: 1, ...(base ?? {}) };
  for (const key of Object.keys(IDENTITY) as (keyof WorkspaceDoc)[]) {
    const id = IDENTITY[key];
    const mine = doc[key];
    const incoming = new Set(mine.map(id));
    const kept = ((base?.[key] as Plain[] | undefined) ?? []).filter((x) => !incoming.has(id(x)));
    const merged = [...kept, ...mine];
    if (merged.length || base?.[key] !== undefined) out[key] = merged;
  }
  return out;
}
