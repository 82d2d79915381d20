// Reading hand-written YAML: every error names the entry and the field, e.g.
// `organizations[2].plan_tier: expected text`.
import { invalid } from '../kernel/errors.ts';

export type Obj = Record<string, unknown>;

export function list(doc: Obj, key: string): Obj[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid('workspace.bad_field', `${key}: expected a list.`, { path: key });
  return v.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalid('workspace.bad_field', `${key}[${i}]: expected a mapping.`, { path: `${key}[${i}]` });
    return item as Obj;
  });
}

export function allowOnly(o: Obj, path: string, keys: string[]): void {
  const extra = Object.keys(o).filter((k) => !keys.includes(k));
  if (extra.length) throw invalid('workspace.unknown_field', `${path}: unknown field "${extra[0]}". Allowed: ${keys.join(', ')}.`, { path: `${path}.${extra[0]}` });
}

export function text(o: Obj, key: string, path: string, opts: { required?: boolean } = {}): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (opts.required) throw invalid('workspace.missing_field', `${path}: "${key}" is required.`, { path: `${path}.${key}` });
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw invalid('workspace.bad_field', `${path}.${key}: expected text.`, { path: `${path}.${key}` });
  return String(v);
}

export function bool(o: Obj, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid('workspace.bad_field', `${path}.${key}: expected true or false.`, { path: `${path}.${key}` });
  return v;
}

export function int(o: Obj, key: string, path: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalid('workspace.bad_field', `${path}.${key}: expected a whole number.`, { path: `${path}.${key}` });
  return v;
}

export function strings(o: Obj, key: string, path: string): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalid('workspace.bad_field', `${path}.${key}: expected a list of text.`, { path: `${path}.${key}` });
  return v as string[];
}

/** Prefix a domain error's message with where in the file it happened. */
export async function at<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e: any) {
    if (e?.code && typeof e.message === 'string' && !e.message.startsWith(path)) {
      e.message = `${path}: ${e.message}`;
      e.details = { ...(e.details ?? {}), path };
    }
    throw e;
  }
}
