// RP-2: a proposal is a workspace file (the format `hotline apply` reads) holding the rotations,
// schedules and rotation groups as they would be. Each one replaces the current item of the same id
// or is added; everything else stays as it is. It is checked by the schedules' own parser, so a
// proposal is refused for exactly what `hotline apply` would refuse, naming the path.
import YAML from 'yaml';
import { DomainError, invalid, isDomainError } from '../kernel/errors.ts';
import { parseSchedulesConfig, type Edits, type SchedulesWorkspace } from '../schedules/index.ts';

type Plain = Record<string, unknown>;
type Item = { id?: unknown };

export const PROPOSAL_KEYS = ['rotations', 'schedules', 'rotation_groups', 'schedule_overrides', 'schedule_swaps'] as const;
const DEFINITIONS = ['rotations', 'schedules', 'rotation_groups'] as const;

export interface SchedulesDocument { rotations: unknown[]; schedules: unknown[]; rotation_groups: unknown[] }

export interface Proposal {
  workspace: SchedulesWorkspace;
  /** The groups the proposal changes: its own groups, and those holding a schedule it changes. */
  groups: string[];
  /** The merged definitions, for showing or saving the proposal as a whole. */
  document: SchedulesDocument;
}

/** A proposal as YAML text or as already-parsed JSON. */
export function readProposal(proposal: unknown): Plain {
  let doc = proposal;
  if (typeof proposal === 'string') {
    try {
      doc = YAML.parse(proposal, { prettyErrors: true });
    } catch (e) {
      const err = e as Error & { linePos?: { line: number; col: number }[] };
      const pos = err.linePos?.[0];
      throw invalid('whatif.bad_yaml', `The proposal is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}: ${err.message.split('\n')[0]}`, pos ? { line: pos.line, column: pos.col } : undefined);
    }
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalid('whatif.bad_proposal', 'The proposal must be a workspace mapping with rotations:, schedules: or rotation_groups: (the format of hotline apply).');
  const d = doc as Plain;
  if (!PROPOSAL_KEYS.some((k) => d[k] !== undefined)) {
    throw invalid('whatif.empty_proposal', `The proposal changes nothing: give at least one of ${PROPOSAL_KEYS.join(', ')} (the format of hotline apply; hotline export prints the current ones to start from).`);
  }
  for (const k of PROPOSAL_KEYS) if (d[k] !== undefined && d[k] !== null && !Array.isArray(d[k])) throw invalid('whatif.bad_proposal', `${k} in the proposal must be a list.`, { path: k });
  return d;
}

const idOf = (v: unknown): string | undefined => (v && typeof v === 'object' && typeof (v as Item).id === 'string' ? ((v as Item).id as string) : undefined);

/** Where an item of the merged document came from: the proposal's index, or the current item's id. */
type Origin = { proposal: number } | { current: string };

function mergeById(current: unknown[], proposed: unknown[]): { items: unknown[]; origins: Origin[] } {
  const byId = new Map(proposed.map((p, i) => [idOf(p), i] as const).filter(([id]) => id !== undefined));
  const items: unknown[] = [];
  const origins: Origin[] = [];
  for (const c of current) {
    const i = byId.get(idOf(c));
    items.push(i === undefined ? c : proposed[i]);
    origins.push(i === undefined ? { current: idOf(c) ?? '?' } : { proposal: i });
  }
  const have = new Set(current.map(idOf));
  proposed.forEach((p, i) => {
    if (have.has(idOf(p))) return;
    items.push(p);
    origins.push({ proposal: i });
  });
  return { items, origins };
}

/** A refusal names the path in the proposal as written, not in the merged document. */
function inProposalTerms(e: DomainError, origins: Record<string, Origin[]>): DomainError {
  const rename = (text: string) =>
    text.replace(/\b(rotations|schedules|rotation_groups)\[(\d+)\]/g, (whole, key: string, n: string) => {
      const o = origins[key]?.[Number(n)];
      if (!o) return whole;
      return 'proposal' in o ? `${key}[${o.proposal}]` : `${key} "${o.current}" (current, not in the proposal)`;
    });
  const details = e.details ? { ...e.details, ...(typeof e.details.path === 'string' ? { path: rename(e.details.path) } : {}) } : undefined;
  return new DomainError(e.kind, e.code, rename(e.message), details);
}

const refsOf = (v: unknown, one: string, many: string): string[] => {
  const o = (v ?? {}) as Plain;
  return [o[one], ...(Array.isArray(o[many]) ? (o[many] as unknown[]) : [])].filter((x): x is string => typeof x === 'string');
};

/** RP-2: the schedules as the proposal would have them, over the current definitions and edits. */
export function proposedSchedules(current: SchedulesDocument, currentEdits: Required<Edits>, proposalDoc: Plain, knownUsers?: readonly string[]): Proposal {
  const merged = Object.fromEntries(DEFINITIONS.map((k) => [k, mergeById(current[k] ?? [], (proposalDoc[k] as unknown[] | undefined) ?? [])]));
  const document = Object.fromEntries(DEFINITIONS.map((k) => [k, merged[k].items])) as unknown as SchedulesDocument;
  let parsed: SchedulesWorkspace;
  try {
    parsed = parseSchedulesConfig({ ...document, schedule_overrides: proposalDoc.schedule_overrides, schedule_swaps: proposalDoc.schedule_swaps }, knownUsers ? { knownUsers } : {});
  } catch (e) {
    throw isDomainError(e) ? inProposalTerms(e, Object.fromEntries(DEFINITIONS.map((k) => [k, merged[k].origins]))) : e;
  }

  const newRotations = new Set(((proposalDoc.rotations as unknown[]) ?? []).map(idOf));
  const changedSchedules = new Set<string>(((proposalDoc.schedules as unknown[]) ?? []).map(idOf).filter((x): x is string => !!x));
  for (const s of document.schedules) {
    const layers = ((s as Plain).layers as unknown[]) ?? [];
    if (layers.some((l) => refsOf(l, 'rotation', 'rotations').some((r) => newRotations.has(r)))) changedSchedules.add(idOf(s)!);
  }
  const groups = new Set<string>(((proposalDoc.rotation_groups as unknown[]) ?? []).map(idOf).filter((x): x is string => !!x));
  for (const g of document.rotation_groups) if (refsOf(g, '', 'schedules').some((s) => changedSchedules.has(s))) groups.add(idOf(g)!);

  // Cover arranged for a schedule as it was does not carry over to a schedule the proposal redraws;
  // on the schedules it leaves alone, the real overrides and swaps stay part of what happened.
  const exists = new Set(parsed.schedules.map((s) => s.id));
  const keep = (scheduleId: string) => exists.has(scheduleId) && !changedSchedules.has(scheduleId);
  const edits: Required<Edits> = {
    overrides: [...currentEdits.overrides.filter((o) => keep(o.scheduleId)), ...parsed.edits.overrides],
    swaps: [...currentEdits.swaps.filter((s) => keep(s.scheduleId)), ...parsed.edits.swaps],
  };
  return { workspace: { ...parsed, edits }, groups: [...groups].sort(), document };
}
