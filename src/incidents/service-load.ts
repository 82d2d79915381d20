// What every incident use case starts with: staff only, the incident by number or tag, its links
// checked, and on PostgreSQL one incident change at a time.
import { sql } from 'kysely';
import { isStaff, type Actor } from '../kernel/actor.ts';
import { forbidden, invalid, notFound } from '../kernel/errors.ts';
import type { Tx } from '../store/tx.ts';
import { findIncident, type IncidentRow } from './store.ts';
import { type IncidentRef } from './widespread-incident.ts';

export const staff = (a: Actor) => {
  if (!isStaff(a)) throw forbidden('incident.staff_only', 'Only support staff work incidents.');
};
export const ref = (i: IncidentRow): IncidentRef => ({ number: i.number, statusPageUrl: i.statusPageUrl, incidentIssueUrl: i.incidentIssueUrl });

export async function load(tx: Tx, r: string): Promise<IncidentRow> {
  const i = await findIncident(tx, r.replace(/^incident-/, ''), true);
  if (!i) throw notFound('incident.not_found', `No incident ${r}; list them with GET /api/v1/incidents or \`hotline emergency incident list\`.`, { incident: r });
  return i;
}

/**
 * Declaring and joining read "is there an incident, how many recent emergencies" and then write:
 * on PostgreSQL two nodes taking emergencies at once would both declare, so they take turns.
 */
export async function serialise(tx: Tx): Promise<void> {
  if (tx.engine === 'postgres') await sql`select pg_advisory_xact_lock(74110010)`.execute(tx.db);
}


export function checkUrl(name: string, v: string | null | undefined): void {
  if (v && !/^https?:\/\/\S+$/.test(v)) throw invalid('incident.bad_url', `${name} must be an http(s) address, not "${v}".`, { field: name });
}

