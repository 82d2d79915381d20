// The workspace file's format, defined once: each capability declares the JSON Schema (TypeBox) of
// the top-level keys it owns; together they are the document's schema. Apply checks a document
// against it before any section reads it, and the same schema is published (GET
// /api/workspace.schema.json, examples/workspace.schema.json) so editors validate a file as it is
// typed. The schema says what shape each value has; what it means (a person who exists, a
// schedule named elsewhere in the file, a time zone) is still checked by the section that reads it.
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { invalid } from '../kernel/errors.ts';

export const FORMAT_KEY = 'hotline';

/** A section's part of the schema: one schema per top-level key it owns. */
export type SectionSchema = Record<string, TSchema>;

// Building blocks every section uses, so the same shape reads the same way everywhere.
/** Text; a number is taken as text too (YAML reads `+15550001111` or `2026` as numbers). */
export const Text = (description?: string) => Type.Union([Type.String(), Type.Number()], description ? { description } : {});
/** One of a fixed set of words. */
export const Choice = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(values.map((v) => Type.Literal(v)), { ...(description ? { description } : {}) });
/** The shape, or null. */
export const Nullable = <S extends TSchema>(s: S) => Type.Union([s, Type.Null()]);
/** A mapping with exactly these keys (an unknown key is refused: a typo would otherwise be ignored); an optional key may be null, read as not given. */
export const Fields = (props: Record<string, TSchema>, required: string[] = [], description?: string) =>
  Type.Object(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, required.includes(k) ? s : Type.Optional(Nullable(s))])), { additionalProperties: false, ...(description ? { description } : {}) });
/** A mapping from any key (a form, a region, a priority…) to values of one shape. */
export const MapOf = (value: TSchema, description?: string) => Type.Record(Type.String(), value, description ? { description } : {});
/** One of several shapes, named for the error message (`title`) when a value fits none. */
export const OneOf = (shapes: TSchema[], title: string, description?: string) => Type.Union(shapes, { title, ...(description ? { description } : {}) });

/** The whole document's schema, from the sections' parts. */
export function workspaceSchema(parts: readonly SectionSchema[]): TObject {
  const props: Record<string, TSchema> = { [FORMAT_KEY]: Type.Optional(Type.Literal(1, { description: 'The format version of this file.' })) };
  for (const part of parts) for (const [key, s] of Object.entries(part)) props[key] = Type.Optional(Nullable(s));
  return Type.Object(props, { additionalProperties: false, title: 'Hotline workspace', description: 'A Hotline workspace file: `hotline apply -f FILE`, `hotline export`.' });
}

/** The schema as a JSON Schema document (the keywords TypeBox writes are all draft-07). */
export function jsonSchemaOf(schema: TObject): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...JSON.parse(JSON.stringify(schema)) };
}

/** `/users/3/role` → `users[3].role`, the way every workspace error names a place. */
export function pathOf(pointer: string): string {
  return pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');
}

function expected(s: TSchema): string {
  if (s.title) return `expected ${s.title}`;
  if (s.anyOf) {
    const options = (s.anyOf as TSchema[]).filter((o) => o.type !== 'null');
    if (options.length === 1) return expected(options[0]!);
    if (options.every((o) => o.const !== undefined)) return `one of ${options.map((o) => o.const).join(', ')}`;
    if (options.some((o) => o.type === 'string')) return 'expected text';
    return 'has the wrong shape';
  }
  if (s.const !== undefined) return `must be ${s.const}`;
  switch (s.type) {
    case 'string': return 'expected text';
    case 'integer': return s.minimum !== undefined && s.maximum !== undefined ? `must be a whole number from ${s.minimum} to ${s.maximum}` : 'expected a whole number';
    case 'number': return s.minimum === 0 ? 'must be a number, 0 or more' : 'expected a number';
    case 'boolean': return 'expected true or false';
    case 'array': return 'expected a list';
    case 'object': return 'expected a mapping';
    default: return 'has the wrong shape';
  }
}

function errorOf(e: ValueError): Error {
  const path = pathOf(e.path);
  const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  const key = e.path.split('/').pop() ?? '';
  if (e.type === ValueErrorType.ObjectAdditionalProperties) {
    // the schema of the mapping that refused the key lists what it takes
    return invalid('workspace.unknown_field', `${parent || 'workspace'}: unknown field "${key}". Allowed: ${Object.keys(e.schema.properties ?? {}).join(', ')}.`, { path });
  }
  if (e.type === ValueErrorType.ObjectRequiredProperty) return invalid('workspace.missing_field', `${parent}: "${key}" is required.`, { path });
  if (e.type === ValueErrorType.ArrayMinItems) return invalid('workspace.bad_field', `${path}: give at least ${e.schema.minItems}.`, { path });
  const got = e.value === undefined ? '' : ` (got ${JSON.stringify(e.value)?.slice(0, 60)})`;
  return invalid('workspace.bad_field', `${path}: ${expected(e.schema)}${got}.`, { path });
}

/**
 * A value that fits none of a union's shapes: the shape it came closest to fitting is the one whose
 * first error lies deepest (a user mapping with a typo, not "expected a list or null").
 */
function innermost(e: ValueError): ValueError {
  if (e.type !== ValueErrorType.Union) return e;
  // each shape's own innermost failure, so a shape that got further is seen as further
  const inner = e.errors.map((it) => it.First()).filter((x): x is ValueError => !!x).map(innermost);
  const depthOf = (x: ValueError) => x.path.split('/').length;
  const depth = Math.max(...inner.map(depthOf));
  const deepest = inner.filter((x) => depthOf(x) === depth);
  // two shapes failing as deep as each other: say which shapes there are, not one of them
  return deepest.length === 1 && depth > depthOf(e) ? deepest[0]! : e;
}

/** Throws the first place the document does not fit the schema, named as a path. */
export function checkWorkspace(schema: TObject, doc: unknown): void {
  if (Value.Check(schema, doc)) return;
  const first = Value.Errors(schema, doc).First();
  if (first) throw errorOf(innermost(first));
}
