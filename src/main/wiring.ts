// The one place that says who hears each event, in the order they run. Every subscriber runs inside
// the publishing transaction (same commit, same fate), so a change can be read here top to bottom.
// A plug that subscribes to an event not listed here, or under another name, fails the node's start.
import type { Capability } from '../runtime/capability.ts';
import type { EventName, Ports, Subscriber, Subscribers, WorkspaceSection } from '../runtime/context.ts';

export const SUBSCRIBERS: { [E in EventName]-?: readonly string[] } = {
  // the helpdesk (tickets)
  'ticket.created': ['emergencies', 'webhooks'], // webhooks last: they only queue deliveries of what the others decided
  'ticket.updated': ['emergencies', 'webhooks'], // may change the ticket again: applyDecision → updateTicket → 'ticket.updated'
  'comment.public_by_staff': ['tickets', 'emergencies'], // the requester's e-mail first, then the workflow
  'comment.by_customer': ['emergencies'],
  'comment.internal': [],
  'ticket.merged': [],
  'ticket.linked': [],
  'ticket.sla_breached': [],
  'macro.signal': ['emergencies'],
  // schedules
  'schedule.changed': ['schedules'], // SCH-10: re-arm the hand-off jobs
  'shift.changed': ['emergencies', 'escalations'], // SCH-10: the open emergencies the incoming engineer is offered; SM-6: the outgoing manager's, handed to the next
  'handoff.reminder': ['emergencies'], // SCH-10: answers what the outgoing engineer still owns
  // a page was written (paging): the emergency runbook follows its page, an incident's joined pages follow it
  'page.changed': ['emergencies', 'incidents', 'webhooks'],
  // an emergency was opened, qualified or ended (webhooks)
  'emergency.changed': ['webhooks'],
  // support escalations (SM-1..SM-3): filed, and every change after (live updates go on the bus)
  'escalation.filed': ['webhooks'],
  'escalation.changed': ['webhooks'],
};

export interface Wiring {
  subscribers: Subscribers;
  ports: Partial<Ports>;
  sections: WorkspaceSection[];
}

/** Reads the plugs: subscribers in the listed order, each port from its one provider, the sections in apply order. */
export function wire(plugs: readonly Capability[]): Wiring {
  const subscribers: Record<string, Subscriber<never>[]> = {};
  for (const p of plugs) {
    for (const name of Object.keys(p.subscribes ?? {})) {
      if (!(SUBSCRIBERS as Record<string, readonly string[]>)[name]?.includes(p.name)) throw new Error(`${p.name} subscribes to ${name}, which src/main/wiring.ts does not list for it`);
    }
  }
  for (const [name, order] of Object.entries(SUBSCRIBERS) as [string, readonly string[]][]) {
    const list = order.flatMap((cap) => {
      const fn = (plugs.find((p) => p.name === cap)?.subscribes as Record<string, Subscriber<never>> | undefined)?.[name];
      return fn ? [fn] : [];
    });
    if (list.length) subscribers[name] = list;
  }
  const ports: Record<string, unknown> = {};
  const by: Record<string, string> = {};
  for (const p of plugs) {
    for (const [port, impl] of Object.entries(p.provides ?? {})) {
      if (port in ports) throw new Error(`${p.name} and ${by[port]} both provide ${port}`);
      ports[port] = impl;
      by[port] = p.name;
    }
  }
  return { subscribers: subscribers as Subscribers, ports: ports as Partial<Ports>, sections: orderSections(plugs.flatMap((p) => (p.workspace ? [p.workspace] : []))) };
}

/** The sections in apply order (lower `order` first; a key owned twice is a wiring mistake). */
function orderSections(list: readonly WorkspaceSection[]): WorkspaceSection[] {
  const out: WorkspaceSection[] = [];
  for (const s of list) {
    const keys = Object.keys(s.schema);
    const taken = out.find((x) => Object.keys(x.schema).some((k) => keys.includes(k)));
    if (taken) throw new Error(`workspace keys ${keys.join(', ')} are owned twice`);
    out.push(s);
  }
  return out.sort((a, b) => a.order - b.order);
}
