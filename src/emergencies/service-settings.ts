// The workflow's workspace settings as every node sees them: stored in the database and read in the
// transaction that uses them, once per transaction (tx.memo). The use cases pass the config to the
// pure rules; nothing is kept between transactions, so another node's change is read next time.
import { isoUtc, Temporal } from '../kernel/time.ts';
import { MemoKey, type Tx } from '../store/tx.ts';
import { DEFAULT_EMERGENCY_CONFIG, type EmergencyConfig } from './config.ts';
import { readEmergencyConfig } from './config-doc.ts';
import type { PlannedWorkNote } from './intake.ts';

export interface StoredPlannedWork { orgId: string; author: string; text: string; from: string | null; until: string | null }
export interface StoredEmergencySettings {
  /** The `config` part as written in the workspace file (validated when applied). */
  config: Record<string, unknown>;
  plannedWork: StoredPlannedWork[];
}

/** What the rules read: the workflow's config and the WF-16 planned-work notes. */
export interface EmergencySettings { config: EmergencyConfig; plannedWork: PlannedWorkNote[] }

const NAME = 'workspace';
const SETTINGS = new MemoKey<EmergencySettings>('emergencies.settings');
const DEFAULTS: EmergencySettings = { config: DEFAULT_EMERGENCY_CONFIG, plannedWork: [] };

function parse(text: string | null): EmergencySettings {
  if (!text) return DEFAULTS;
  const doc = JSON.parse(text) as StoredEmergencySettings;
  return {
    config: readEmergencyConfig(doc.config).config,
    plannedWork: doc.plannedWork.map((n): PlannedWorkNote => ({
      orgId: n.orgId, author: n.author, text: n.text,
      from: n.from ? Temporal.Instant.from(n.from) : null, until: n.until ? Temporal.Instant.from(n.until) : null,
    })),
  };
}

async function storedText(tx: Tx): Promise<string | null> {
  const row = await tx.db.selectFrom('emergency_settings').select('value').where('name', '=', NAME).executeTakeFirst();
  return row?.value ?? null;
}

export async function readStoredSettings(tx: Tx): Promise<StoredEmergencySettings | null> {
  const text = await storedText(tx);
  return text ? (JSON.parse(text) as StoredEmergencySettings) : null;
}

/** The workspace's emergency settings as this transaction sees them (read once per transaction). */
export function emergencySettingsOf(tx: Tx): Promise<EmergencySettings> {
  return tx.memo.once(SETTINGS, async () => parse(await storedText(tx)));
}

/** Shorthand for the part most use cases need. */
export async function emergencyConfigOf(tx: Tx): Promise<EmergencyConfig> {
  return (await emergencySettingsOf(tx)).config;
}

export async function saveEmergencySettings(tx: Tx, s: StoredEmergencySettings, now: Temporal.Instant): Promise<'created' | 'updated' | 'unchanged'> {
  const value = JSON.stringify(s);
  const before = await storedText(tx);
  if (before === value) return 'unchanged';
  if (before !== null) await tx.db.updateTable('emergency_settings').set({ value, updated_at: isoUtc(now) }).where('name', '=', NAME).execute();
  else await tx.db.insertInto('emergency_settings').values({ name: NAME, value, updated_at: isoUtc(now) }).execute();
  tx.memo.forget(SETTINGS); // the rest of this transaction reads what it wrote
  return before !== null ? 'updated' : 'created';
}
