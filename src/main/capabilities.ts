// Every capability of the product, in the order their workspace sections and routes register.
import type { Capability } from '../runtime/capability.ts';
import { peopleCapability } from '../people/capability.ts';
import { notifyCapability } from '../notify/capability.ts';
import { pagingCapability } from '../paging/capability.ts';
import { ticketsCapability } from '../tickets/capability.ts';
import { schedulesCapability } from '../schedules/capability.ts';
import { emergenciesCapability } from '../emergencies/capability.ts';
import { conversationsCapability } from '../conversations/capability.ts';
import { incidentsCapability } from '../incidents/capability.ts';
import { escalationsCapability } from '../escalations/capability.ts';
import { reportsCapability } from '../reports/capability.ts';
import { interopCapability } from '../interop/capability.ts';
import { webhooksCapability } from '../webhooks/capability.ts';

export const capabilities: Capability[] = [peopleCapability, notifyCapability, pagingCapability, ticketsCapability, schedulesCapability, conversationsCapability, emergenciesCapability, incidentsCapability, escalationsCapability, reportsCapability, interopCapability, webhooksCapability];

/**
 * A bench of some capabilities alone: only `names` run (jobs, subscriptions, ports, routes); the
 * others bring nothing but their workspace section, so any workspace file still applies.
 */
export function only(...names: string[]): Capability[] {
  return capabilities.map((c) => (names.includes(c.name) ? c : { name: c.name, workspace: c.workspace }));
}
