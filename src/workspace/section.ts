// A workspace file is sections (users, teams, organizations, and what later capabilities add:
// schedules, policies, macros…). Each capability's plug declares the section it owns; src/main/
// puts them on the node's Ctx in apply order; apply runs every section in one transaction, so a bad
// entry anywhere writes nothing.
export type { ApplyContext, SectionReport, WorkspaceSection } from '../runtime/context.ts';
import type { WorkspaceSection } from '../runtime/context.ts';

/** The sections in apply order (lower `order` first; a key owned twice is a wiring mistake). */
export function orderSections(list: readonly WorkspaceSection[]): WorkspaceSection[] {
  const out: WorkspaceSection[] = [];
  for (const s of list) {
    const taken = out.find((x) => x.keys.some((k) => s.keys.includes(k)));
    if (taken) throw new Error(`workspace keys ${s.keys.join(', ')} are owned twice`);
    out.push(s);
  }
  return out.sort((a, b) => a.order - b.order);
}
