// `hotline apply -f FILE` and `hotline export`: the workspace as reviewed, versioned YAML.
// Applying the same file twice changes nothing the second time.
import YAML from 'yaml';
import type { Actor } from '../kernel/actor.ts';
import { invalid } from '../kernel/errors.ts';
import type { Ctx } from '../runtime/context.ts';
import { readTx, transact } from '../store/tx.ts';
import type { SectionReport, WorkspaceSection } from '../runtime/context.ts';
import { FORMAT_KEY, checkWorkspace, workspaceSchema } from './schema.ts';

const schemas = new WeakMap<readonly WorkspaceSection[], ReturnType<typeof workspaceSchema>>();
/** The document's schema for these sections (built once per node). */
export function schemaOf(sections: readonly WorkspaceSection[]) {
  let s = schemas.get(sections);
  if (!s) schemas.set(sections, (s = workspaceSchema(sections.map((x) => x.schema))));
  return s;
}


export function parseWorkspace(sections: readonly WorkspaceSection[], text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { prettyErrors: true });
  } catch (e) {
    const err = e as { message: string; linePos?: { line: number; col: number }[] };
    const pos = err.linePos?.[0];
    throw invalid('workspace.bad_yaml', `The workspace file is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}: ${err.message.split('\n')[0]}`, pos ? { line: pos.line, column: pos.col } : undefined);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalid('workspace.bad_shape', 'A workspace file is a YAML mapping of sections (users:, teams:, organizations:, …).');
  const known = new Set([FORMAT_KEY, ...sections.flatMap((s) => Object.keys(s.schema))]);
  const unknown = Object.keys(doc).filter((k) => !known.has(k));
  if (unknown.length) {
    throw invalid('workspace.unknown_section', `Unknown section${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}. Known sections: ${[...known].filter((k) => k !== FORMAT_KEY).join(', ')}.`, { sections: unknown });
  }
  checkWorkspace(schemaOf(sections), doc);
  return doc as Record<string, unknown>;
}

export type ApplyReport = Record<string, SectionReport>;

export async function applyWorkspace(ctx: Ctx, actor: Actor, text: string, opts: { dryRun?: boolean } = {}): Promise<ApplyReport> {
  const doc = parseWorkspace(ctx.sections, text);
  const report: ApplyReport = {};
  const count = (section: string, outcome: keyof SectionReport) => {
    report[section] ??= { created: 0, updated: 0, unchanged: 0 };
    report[section][outcome]++;
  };
  const DRY = Symbol('dry run');
  try {
    await transact(ctx.db, async (tx) => {
      for (const s of ctx.sections) {
        if (Object.keys(s.schema).some((k) => doc[k] !== undefined)) await s.apply({ ctx, tx, actor, doc, count });
      }
      if (opts.dryRun) throw DRY; // roll back: report what would change
    });
  } catch (e) {
    if (e !== DRY) throw e;
  }
  return report;
}

export async function exportWorkspace(ctx: Ctx): Promise<string> {
  const tx = readTx(ctx.db);
  const out: Record<string, unknown> = { [FORMAT_KEY]: 1 };
  for (const s of ctx.sections) Object.assign(out, await s.export(ctx, tx));
  return YAML.stringify(out, { lineWidth: 0 });
}
