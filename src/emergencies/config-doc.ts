// The `emergencies:` section of a workspace file: any part of the workflow's configuration (every
// number and name of the handbook, keys in snake_case or camelCase) and the WF-16 planned-work
// notes. Pure: a document in, validated overrides out, or an error naming the exact path.
import { invalid } from '../kernel/errors.ts';
import { isValidTimeZone } from '../kernel/time.ts';
import { bridgeTemplateProblem } from './bridge.ts';
import { emergencyConfig, DEFAULT_EMERGENCY_CONFIG, type EmergencyConfig } from './config.ts';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
/** Settings whose value is one of a fixed set (path in camelCase). */
export const CHOICES: Record<string, readonly string[]> = {
  'silence.priorityAfterClose': PRIORITIES,
  'entitlement.notEntitledPriority': PRIORITIES,
  mightBecomeEmergencyPriority: PRIORITIES,
  'downgrade.priority': PRIORITIES,
  'licence.weekendInGraceAction': ['close_and_ask_new_ticket', 'lower_priority_and_inform_licensing'],
  'saas.categories': ['regression', 'customer_data', 'access_degradation', 'licence_consumption', 'widespread_incident'],
  exceptionCriteria: ['financial_impact', 'unusable_for_business', 'legal', 'audit', 'security'],
};
/** Settings that may be null ("not set"), with the check of a value when one is given. */
export const NULLABLE: Record<string, (v: string) => string | null> = {
  bridgeUrlTemplate: bridgeTemplateProblem, // WF-5: shown to customers as a link
};
/** Maps whose keys are not all present in the defaults. */
export const OPEN_KEYS: Record<string, readonly string[]> = {
  runbookDueMinutes: ['acknowledged', 'entitlement_checked', 'qualified', 'public_reply_sent', 'page_resolved', 'thread_opened'],
};

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function bad(path: string, message: string): never {
  throw invalid('workspace.bad_field', `${path}: ${message}`, { path });
}

function check(value: unknown, base: unknown, path: string, key: string): unknown {
  const choices = CHOICES[key];
  const nullable = NULLABLE[key];
  if (nullable) {
    if (value === null) return null;
    if (typeof value !== 'string' || value.trim() === '') bad(path, 'must be a non-empty text, or null.');
    const problem = nullable(value);
    if (problem) bad(path, `"${value}": ${problem}.`);
    return value.trim();
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(value)) bad(path, 'must be a list.');
    return value.map((v, i) => check(v, base[0] ?? v, `${path}[${i}]`, key));
  }
  if (isObj(base)) return walk(value, base, path, key);
  if (typeof base === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) bad(path, 'must be a number, 0 or more.');
    return value;
  }
  if (typeof base === 'boolean') {
    if (typeof value !== 'boolean') bad(path, 'must be true or false.');
    return value;
  }
  if (typeof value !== 'string' || value.trim() === '') bad(path, 'must be a non-empty text.');
  if (choices && !choices.includes(value)) bad(path, `must be one of ${choices.join(', ')} (got "${value}").`);
  if (/zone$/i.test(key) && !isValidTimeZone(value)) bad(path, `"${value}" is not an IANA time zone such as America/New_York.`);
  return value;
}

function walk(doc: unknown, base: Record<string, unknown>, path: string, at: string): Record<string, unknown> {
  if (!isObj(doc)) bad(path, 'must be a map of settings.');
  const open = OPEN_KEYS[at];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    const key = camel(k) in base ? camel(k) : k;
    const where = `${path}.${k}`;
    const keyPath = at ? `${at}.${key}` : key;
    if (open) {
      if (!open.includes(k)) bad(where, `unknown step; use one of ${open.join(', ')}.`);
      out[k] = check(v, 0, where, keyPath);
      continue;
    }
    if (!(key in base)) bad(where, `is not a setting here; known: ${Object.keys(base).map(snake).join(', ')}.`);
    out[key] = check(v, base[key], where, keyPath);
  }
  return out;
}

/** Overrides of the demo defaults, validated against them; returns the merged configuration too. */
export function readEmergencyConfig(doc: unknown, path = 'emergencies.config'): { overrides: Record<string, unknown>; config: EmergencyConfig } {
  const overrides = walk(doc ?? {}, DEFAULT_EMERGENCY_CONFIG as unknown as Record<string, unknown>, path, '');
  return { overrides, config: emergencyConfig(overrides as never) };
}
