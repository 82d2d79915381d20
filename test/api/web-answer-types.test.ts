// The web app reads the server's answers through the generated API types (web/src/api/schema.d.ts),
// never through shapes copied by hand: a copy drifts, and the app then reads fields the server no
// longer sends (Fastify drops what a response schema does not declare). In these API modules, a
// hand-written object shape may only be a request input (what the web sends).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const WEB = join(import.meta.dirname, '..', '..', 'web', 'src');
const MODULES = [
  'escalations/api.ts', 'escalations/manager-api.ts', 'escalations/upgrades-api.ts', 'security/api.ts',
  'reports/api.ts', 'reports/whatif-api.ts', 'notify/api.ts', 'notify/ReachBanner.tsx', 'webhooks/api.ts',
  'oncall/api.ts', 'oncall/Feeds.tsx', 'oncall/Eligibility.tsx',
];
const INPUT = /(Input|Query|Filter|Action)$|^New/;

/** Hand-written object shapes declared at the top of a module: interfaces and `type X = {…}` (or a union of them). */
function handWrittenShapes(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const literal = (t: ts.TypeNode): boolean =>
    ts.isTypeLiteralNode(t) || (ts.isUnionTypeNode(t) && t.types.some(literal)) || (ts.isIntersectionTypeNode(t) && t.types.some(literal));
  const found: string[] = [];
  for (const s of source.statements) {
    if (ts.isInterfaceDeclaration(s) || (ts.isTypeAliasDeclaration(s) && literal(s.type))) found.push(s.name.text);
  }
  return found;
}

describe('the web app types server answers from the API document', () => {
  it('finds a hand-written answer shape (the check itself)', () => {
    expect(handWrittenShapes('x.ts', 'export interface Escalation { id: string }\ntype P = { id: string } | null;\ntype A = Schemas["X"];')).toEqual(['Escalation', 'P']);
  });

  it.each(MODULES)('%s hand-writes request inputs only', (m) => {
    const shapes = handWrittenShapes(m, readFileSync(join(WEB, m), 'utf8'));
    expect(shapes.filter((n) => !INPUT.test(n))).toEqual([]);
  });
});
