import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// DESIGN: pure rule files import no store/engine/api, no fs/net/http, and never read the clock or
// randomness. node:crypto is allowed in signing.ts only (HMAC is computation).
const dir = dirname(fileURLToPath(import.meta.url));
// The pure rule files are the ones index.ts exports; the store, services, jobs, routes and CLI
// beside them are the I/O layers built on them.
const exported = [...readFileSync(join(dir, 'index.ts'), 'utf8').matchAll(/from '\.\/([\w-]+\.ts)'/g)].map((m) => m[1]);
const pure = ['index.ts', ...readdirSync(dir).filter((f) => exported.includes(f))];
const FORBIDDEN: Array<[RegExp, string]> = [
  [/from ['"](?:\.\.\/)+(store|engine|api|cli)\//, 'imports an I/O layer'],
  [/from ['"](?:node:)?(fs|net|http|https|child_process|dgram|dns)(\/promises)?['"]/, 'imports a node I/O module'],
  [/Date\.now\(|new Date\(|Math\.random\(|Temporal\.Now/, 'reads the clock or randomness'],
];

describe('paging purity', () => {
  it('has pure files to check', () => {
    expect(pure).toEqual(expect.arrayContaining(['page.ts', 'escalation.ts', 'events-v2.ts', 'signing.ts', 'silence.ts']));
    expect(pure).not.toContain('service.ts');
  });
  it.each(pure)('%s does no I/O and reads no clock', (file) => {
    const src = readFileSync(join(dir, file), 'utf8');
    for (const [re, why] of FORBIDDEN) expect(re.test(src), `${file} ${why}`).toBe(false);
    if (file !== 'signing.ts') expect(/node:crypto/.test(src), `${file} imports node:crypto`).toBe(false);
  });
});
