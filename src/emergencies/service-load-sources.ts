// SCH-12: what the on-call load (schedules) reads from the emergency workflow — its settings (the
// load rules and the global rotation) and the emergencies an engineer solved.
import { Temporal } from '../kernel/time.ts';
import type { LoadSources } from '../schedules/index.ts';
import { emergencyConfigOf } from './service-settings.ts';
import { listEmergencies } from './store.ts';

export const emergencyLoadSources: LoadSources = {
  config: emergencyConfigOf,
  emergenciesSolved: async (tx, engineer, since) =>
    (await listEmergencies(tx, { limit: 5000 })).filter((e) => e.driUserId === engineer && e.resolvedAt && Temporal.Instant.from(e.resolvedAt).epochMilliseconds >= since.epochMilliseconds).length,
};
