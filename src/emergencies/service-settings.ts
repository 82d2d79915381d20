// The workflow's workspace settings as every node sees them: stored in the database, read once per
// transaction (through loadEmergencyTicket, which every use case calls first) and parsed once per
// distinct stored value. The rules read `emergencySettings` synchronously; this keeps it current.
import { isoUtc, Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import { DEFAULT_EMERGENCY_CONFIG } from './config.ts';
import { readEmergencyConfig } from './config-doc.ts';
import type { PlannedWorkNote } from './intake.ts';
import { emergencySettings } from './service-context.ts';

export interface StoredPlannedWork { orgId: string; author: string; text: string; from: string | null; until: string | null }
export interface StoredEmergencySettings {
  /** The `config` part as written in the workspace file (validated when applied). */
  config: Record<string, unknown>;
  plannedWork: StoredPlannedWork[];
}

const NAME = 'workspace';
let lastText: string | null = null;
const perTransaction = new WeakMap<object, Promise<void>>();

function install(text: string | null): void {
  if (text === lastText) return;
  lastText = text;
  if (!text) {
    emergencySettings.config = DEFAULT_EMERGENCY_CONFIG;
    emergencySettings.plannedWork = [];
    return;
  }
  const doc = JSON.parse(text) as StoredEmergencySettings;
  emergencySettings.config = readEmergencyConfig(doc.config).config;
  emergencySettings.plannedWork = doc.plannedWork.map((n): PlannedWorkNote => ({
    orgId: n.orgId, author: n.author, text: n.text,
    from: n.from ? Temporal.Instant.from(n.from) : null, until: n.until ? Temporal.Instant.from(n.until) : null,
  }));
}

export async function readStoredSettings(tx: Tx): Promise<StoredEmergencySettings | null> {
  const row = await tx.db.selectFrom('emergency_settings').select('value').where('name', '=', NAME).executeTakeFirst();
  return row ? (JSON.parse(row.value as string) as StoredEmergencySettings) : null;
}

/** Brings `emergencySettings` up to what the database holds (once per transaction). */
export function syncEmergencySettings(tx: Tx): Promise<void> {
  const load = async () => {
    const row = await tx.db.selectFrom('emergency_settings').select('value').where('name', '=', NAME).executeTakeFirst();
    install((row?.value as string | undefined) ?? null);
  };
  if (!tx.db.isTransaction) return load();
  let p = perTransaction.get(tx.db);
  if (!p) {
    p = load();
    perTransaction.set(tx.db, p);
    p.catch(() => perTransaction.delete(tx.db));
  }
  return p;
}

export async function saveEmergencySettings(tx: Tx, s: StoredEmergencySettings, now: Temporal.Instant): Promise<'created' | 'updated' | 'unchanged'> {
  const value = JSON.stringify(s);
  const row = await tx.db.selectFrom('emergency_settings').select('value').where('name', '=', NAME).executeTakeFirst();
  if (row?.value === value) return 'unchanged';
  if (row) await tx.db.updateTable('emergency_settings').set({ value, updated_at: isoUtc(now) }).where('name', '=', NAME).execute();
  else await tx.db.insertInto('emergency_settings').values({ name: NAME, value, updated_at: isoUtc(now) }).execute();
  tx.afterCommit(() => install(value)); // a rolled-back apply changes nothing, here either
  return row ? 'updated' : 'created';
}
