// How the CLI speaks: tables for people, JSON for scripts, and errors that say what to do next
// with an exit code scripts can test.
import { isDomainError, type ErrorKind } from '../kernel/errors.ts';

export const EXIT: Record<ErrorKind | 'ok' | 'usage' | 'unreachable' | 'internal', number> = {
  ok: 0, internal: 1, usage: 2, invalid: 2, unauthenticated: 3, forbidden: 3, not_found: 4, conflict: 5, too_large: 2,
  rate_limited: 6, unavailable: 6, unreachable: 6,
};

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number, readonly code = 'cli.error') {
    super(message);
  }
}

export function printJson(v: unknown): void {
  process.stdout.write(JSON.stringify(v, null, 2) + '\n');
}

/** A plain aligned table; empty cells show as "—" so a blank never looks like a bug. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const cell = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  process.stdout.write(line(columns.map((c) => c.toUpperCase())) + '\n');
  for (const r of rows) process.stdout.write(line(columns.map((c) => cell(r[c]))) + '\n');
}

export function fail(e: unknown): never {
  if (e instanceof CliError) {
    process.stderr.write(`hotline: ${e.message}\n`);
    process.exit(e.exitCode);
  }
  if (isDomainError(e)) {
    process.stderr.write(`hotline: ${e.message} (${e.code})\n`);
    process.exit(EXIT[e.kind]);
  }
  process.stderr.write(`hotline: unexpected error: ${(e as Error)?.stack ?? e}\n`);
  process.exit(EXIT.internal);
}
