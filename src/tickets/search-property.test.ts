// TK-4 as a property: any query text, however odd, either runs (parse, compile, execute on the
// engine) or is refused with a positioned `search.*` 400 — never a RangeError, never a database
// error. Runs on SQLite and PostgreSQL; a fixed seed keeps CI reproducible (fast-check prints
// the seed and the shrunk query when a run fails). FC_SEED / FC_RUNS explore further locally.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKit, type Kit } from '../../test/tickets/kit.ts';
import { isDomainError } from '../kernel/errors.ts';
import { testEngines } from '../store/test-db.ts';
import { createTicket } from './service.ts';
import { searchTickets } from './service-search.ts';

const FIELDS = [
  'status', 'priority', 'number', 'id', 'created', 'created_at', 'updated', 'solved', 'due', 'form', 'stage', 'tags', 'tag',
  'assignee', 'requester', 'organization', 'org', 'has', 'no', 'emergency', 'subject', 'type', 'order_by', 'sort', 'bogus', 'CREATED',
];
const OPS = [':', '<', '>', '<=', '>=', '', '::', '<>', '=<'];
const UNITS = ['minutes', 'min', 'hours', 'hour', 'days', 'day', 'weeks', 'week', 'years', ''];
const amount = fc.oneof(
  fc.nat({ max: 100 }),
  fc.constantFrom(0, 52, 5_000, 99_999, 1_000_000, 2_914_000, 99_999_999, 9_999_999_999, 99_999_999_999, 1e21),
  fc.bigInt({ min: 0n, max: 10n ** 40n }),
).map((n) => (typeof n === 'number' ? (n >= 1e21 ? '1'.padEnd(30, '0') : String(n)) : n.toString()));
const date = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('0000-01-01', '0001-01-01', '9999-12-31', '2026-02-29', '2024-02-29', '2026-11-24'),
);
const instant = fc.tuple(date, fc.constantFrom('T00:00:00Z', 'T23:59:59.999999999Z', 'T12:00:00+14:00', 'T00:00:00-12:00', 'T25:00:00Z', 'T09:30Z', 'T1'))
  .map(([d, t]) => d + t);
const value = fc.oneof(
  fc.tuple(amount, fc.constantFrom(...UNITS), fc.constantFrom('', ' ')).map(([n, u, s]) => `${n}${s}${u}`),
  date,
  instant,
  fc.constantFrom('open', 'new', 'urgent', 'me', 'none', 'true', 'no', 'asc', 'desc', 'created_at', 'ticket', 'tags', 'on-hold', 'frt', 'saas', 'a,b', ',', '#12', '123456789', '1234567890'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const clause = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('', '', '-', '--'), fc.constantFrom(...FIELDS), fc.constantFrom(...OPS), value, fc.boolean())
    .map(([neg, f, op, v, quoted]) => `${neg}${f}${op}${quoted ? `"${v}"` : v}`) },
  { weight: 1, arbitrary: value.map((v) => `"${v}"`) },
  { weight: 1, arbitrary: value },
  { weight: 1, arbitrary: fc.constantFrom('"', '-', ':', '<', '>=', '*', '%', '_', '\\', "'", ';', '--', '/*') },
);
const query = fc.oneof(
  { weight: 6, arbitrary: fc.array(clause, { maxLength: 6 }).chain((cs) => fc.constantFrom(' ', '  ', '\t').map((sep) => cs.join(sep))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

describe.each(testEngines())('TK-4 search on %s: random queries', (engine) => {
  let kit: Kit;
  beforeAll(async () => {
    kit = await openKit(engine);
    for (const [subject, priority, who] of [['Backups fail nightly', 'urgent', 'rita'], ['Login slow', 'high', 'gina']] as const) {
      await createTicket(kit.ctx, kit.as.engineer, { subject, form: 'self_managed', priority, tags: ['backup'], requesterId: kit.as[who].userId!, description: `${subject}.` });
    }
  });
  afterAll(async () => kit?.close());

  it('TK-4: any query text gives results or a positioned search error, never a 500', async () => {
    const actors = [kit.as.admin, kit.as.engineer, kit.as.rita];
    await fc.assert(
      fc.asyncProperty(query, fc.nat({ max: actors.length - 1 }), async (q, who) => {
        try {
          const r = await searchTickets(kit.ctx, actors[who], q, { count: true, limit: 5 });
          expect(Array.isArray(r.items)).toBe(true);
          expect(typeof r.total).toBe('number');
        } catch (e) {
          if (!isDomainError(e)) throw e;
          expect(e.status).toBe(400);
          expect(e.code).toMatch(/^search\./);
          const position = e.details?.position;
          expect(Number.isInteger(position)).toBe(true);
          expect(position as number).toBeGreaterThanOrEqual(0);
          expect(position as number).toBeLessThanOrEqual(q.length);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300), seed: Number(process.env.FC_SEED ?? 20261203) },
    );
  }, 600_000);
});
