// WF-10, PG-7: what the emergency workflow asks of widespread incidents. The incidents capability
// provides it (its plug); the workflow asks through the node's port, so it never reaches into
// incidents and incidents builds on the workflow's face alone.
import type { Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import type { Ctx } from '../runtime/context.ts';
import type { Decision, EmergencyTicket } from './decision.ts';
import type { Emergency } from './store.ts';

/** The incident a new emergency is grouped under: its name, and how to join it once the emergency is written. */
export interface GroupingIncident {
  id: string;
  number: number;
  /** WF-10: the new emergency joins (one more alert on the incident's page); returns what to write on the ticket and thread. */
  join(em: Emergency, view: EmergencyTicket): Promise<Decision>;
}

/** How an emergency's incident stands when the emergency ends (WF-9). */
export interface EmergencyIncident {
  number: number;
  /** Only a related emergency is stood for by the incident's page. */
  related: boolean;
}

export interface IncidentGrouping {
  /** WF-10 at intake: the open incident this new emergency joins, or one its arrival makes detected; null pages as usual. */
  forIntake(ctx: Ctx, tx: Tx, view: EmergencyTicket, now: Temporal.Instant): Promise<GroupingIncident | null>;
  /** PG-2 for an incident's page (a page without a ticket): every related ticket needs its public reply. */
  pageVeto(tx: Tx, pageId: string): Promise<null | { code: string; reason: string }>;
  /** The incident this ticket belongs to, if any. */
  incidentOf(tx: Tx, ticketId: string): Promise<EmergencyIncident | null>;
  /** WF-9/PG-7: an emergency of the incident ended; the incident's page ends with the last related one. */
  afterEmergencyEnded(ctx: Ctx, tx: Tx, em: Emergency, reason: string): Promise<void>;
}

declare module '../runtime/context.ts' {
  interface Ports {
    incidentGrouping: IncidentGrouping;
  }
}
