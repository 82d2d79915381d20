// The `emergencies:` section's shape in the workspace schema. The configuration's shape is read
// off the handbook's defaults (every number, word and list there), so a setting added to the
// defaults is in the schema without a second list to keep.
import { Type, type TSchema } from '@sinclair/typebox';
import { Choice, Fields, Nullable, Text, type SectionSchema } from '../workspace/index.ts';
import { DEFAULT_EMERGENCY_CONFIG } from './config.ts';
import { CHOICES, NULLABLE, OPEN_KEYS } from './config-doc.ts';

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function shapeOf(base: unknown, key: string): TSchema {
  if (NULLABLE[key]) return Nullable(Text());
  if (Array.isArray(base)) return Type.Array(shapeOf(base[0] ?? '', key));
  if (OPEN_KEYS[key]) return Fields(Object.fromEntries(OPEN_KEYS[key].map((k) => [k, Type.Number({ minimum: 0 })])));
  if (base !== null && typeof base === 'object') return settings(base as Record<string, unknown>, key);
  if (typeof base === 'number') return Type.Number({ minimum: 0 });
  if (typeof base === 'boolean') return Type.Boolean();
  return CHOICES[key] ? Choice(CHOICES[key]) : Type.String({ minLength: 1 });
}

/** Both spellings are accepted (snake_case as files write it, camelCase as the API does). */
function settings(base: Record<string, unknown>, at: string): TSchema {
  const props: Record<string, TSchema> = {};
  for (const [k, v] of Object.entries(base)) {
    const s = shapeOf(v, at ? `${at}.${k}` : k);
    props[snake(k)] = s;
    props[k] = s;
  }
  return Type.Object(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, Type.Optional(s)])), { additionalProperties: false });
}

export const emergenciesSchema: SectionSchema = {
  emergencies: Fields({
    config: settings(DEFAULT_EMERGENCY_CONFIG as unknown as Record<string, unknown>, ''),
    planned_work: Type.Array(Fields({
      organization: Text('An organisation by name or slug.'), author: Text(), text: Text(),
      from: Text('An instant such as 2026-12-01T00:00:00Z.'), until: Text('An instant such as 2026-12-01T00:00:00Z.'),
    }, ['organization', 'author', 'text'])),
  }),
};
