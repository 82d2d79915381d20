// A workspace file is sections (users, teams, organizations, and what later capabilities add:
// schedules, policies, macros…). Each capability registers the keys it owns; apply runs every
// section in one transaction, so a bad entry anywhere writes nothing.
import type { Actor } from '../kernel/actor.ts';
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';

export interface SectionReport {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ApplyContext {
  ctx: Ctx;
  tx: Tx;
  actor: Actor;
  /** The whole document, for sections that read another section's defaults. */
  doc: Record<string, unknown>;
  count(section: string, outcome: keyof SectionReport): void;
}

export interface WorkspaceSection {
  /** Top-level keys this section owns. */
  keys: string[];
  /** Lower runs first: people before schedules before policies. */
  order: number;
  apply(a: ApplyContext): Promise<void>;
  export(ctx: Ctx, tx: Tx): Promise<Record<string, unknown>>;
}

const sections: WorkspaceSection[] = [];

export function registerSection(s: WorkspaceSection): void {
  if (sections.some((x) => x.keys.some((k) => s.keys.includes(k)))) return; // registered once per process
  sections.push(s);
  sections.sort((a, b) => a.order - b.order);
}

export function workspaceSections(): readonly WorkspaceSection[] {
  return sections;
}
