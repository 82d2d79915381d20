// The programs and servers outside Node that some tests drive: Debian's Chromium, the Prometheus
// Alertmanager, swaks, promtool and a PostgreSQL server. This is the one place that decides whether each is
// there. On a machine without one, its tests are skipped and `npm test` closes with one line naming
// what was skipped and how to enable it (test/support/skip-reporter.ts). Under CI=true nothing is
// skipped: a missing program makes its tests fail, so a green CI run always drove the real thing.
// Each location can be pointed elsewhere (HOTLINE_CHROMIUM, HOTLINE_ALERTMANAGER, HOTLINE_SWAKS) to
// use another build or to see how the suite behaves on a machine that lacks it.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Requirement = 'chromium' | 'alertmanager' | 'swaks' | 'promtool' | 'postgres';

declare module 'vitest' {
  interface TaskMeta {
    /** What the test needs beyond Node; read by the skip reporter. */
    needs?: Requirement[];
  }
}

export const CHROMIUM_PATH = process.env.HOTLINE_CHROMIUM ?? '/usr/bin/chromium';
export const ALERTMANAGER_PATH = process.env.HOTLINE_ALERTMANAGER ?? '/usr/bin/prometheus-alertmanager';
/** A command name looked up on PATH, or a path. */
export const SWAKS = process.env.HOTLINE_SWAKS ?? 'swaks';
/** Prometheus's own checker of the /metrics text, from Debian's prometheus package. */
export const PROMTOOL = process.env.HOTLINE_PROMTOOL ?? 'promtool';

/** CI=true (or any value but "false" and "0"), as CI systems and vitest itself read it. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  if (command.includes('/')) return isExecutable(command);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, command)));
}

interface Check {
  /** How the summary line names these tests, e.g. "browser". */
  label: string;
  available(): boolean;
  /** Why it is missing and the command that enables it. */
  missing(): string;
}

export const CHECKS: Record<Requirement, Check> = {
  chromium: {
    label: 'browser',
    available: () => isExecutable(CHROMIUM_PATH),
    missing: () => `no Chromium at ${CHROMIUM_PATH}: apt-get install chromium, or set HOTLINE_CHROMIUM`,
  },
  alertmanager: {
    label: 'Alertmanager',
    available: () => isExecutable(ALERTMANAGER_PATH),
    missing: () => `no Alertmanager at ${ALERTMANAGER_PATH}: apt-get install prometheus-alertmanager, or set HOTLINE_ALERTMANAGER`,
  },
  swaks: {
    label: 'swaks',
    available: () => onPath(SWAKS),
    missing: () => `${SWAKS.includes('/') ? `no swaks at ${SWAKS}` : `no ${SWAKS} on PATH`}: apt-get install swaks, or set HOTLINE_SWAKS`,
  },
  promtool: {
    label: 'promtool',
    available: () => onPath(PROMTOOL),
    missing: () => `${PROMTOOL.includes('/') ? `no promtool at ${PROMTOOL}` : `no ${PROMTOOL} on PATH`}: apt-get install prometheus, or set HOTLINE_PROMTOOL`,
  },
  postgres: {
    label: 'PostgreSQL',
    available: () => Boolean(process.env.HOTLINE_TEST_POSTGRES_URL),
    missing: () => 'HOTLINE_TEST_POSTGRES_URL is not set: set it to postgres://user@host:5432/db, a server where the user may create databases',
  },
};

const known = new Map<Requirement, boolean>();

export function available(what: Requirement): boolean {
  if (!known.has(what)) known.set(what, CHECKS[what].available());
  return known.get(what)!;
}

/**
 * Test or suite options for tests that need `what`: skipped where it is missing, except under CI,
 * where they run (and fail on the missing program). The reporter reads `meta.needs`.
 */
export function needs(...what: Requirement[]): { skip: boolean; meta: { needs: Requirement[] } } {
  return { skip: !inCi() && what.some((w) => !available(w)), meta: { needs: what } };
}

/** Throws the reason when `what` is missing: a test that runs without it fails with a clear message. */
export function requireAvailable(what: Requirement): void {
  if (!available(what)) throw new Error(CHECKS[what].missing());
}

const tests = (n: number, label: string) => `${n} ${label} test${n === 1 ? '' : 's'}`;

/** Skipped test ids by the requirement that was missing. */
export type Skipped = Partial<Record<Requirement, string[]>>;

/**
 * The closing line: what was skipped and how to enable it, or null when nothing was. PostgreSQL is
 * named whenever it is not configured, since without it every database test runs on SQLite only.
 */
export function skipSummary(skipped: Skipped): string | null {
  const parts: string[] = [];
  for (const what of Object.keys(CHECKS) as Requirement[]) {
    const n = new Set(skipped[what] ?? []).size;
    if (what === 'postgres' && !inCi() && !available('postgres')) {
      const only = n > 0 ? ` and ${tests(n, 'PostgreSQL-only')}` : '';
      parts.push(`the PostgreSQL runs of every database test${only} (${CHECKS.postgres.missing()})`);
    } else if (n > 0) {
      parts.push(`${tests(n, CHECKS[what].label)} (${CHECKS[what].missing()})`);
    }
  }
  return parts.length ? `skipped: ${parts.join('; ')}` : null;
}
