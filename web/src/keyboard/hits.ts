// Global search hits, grouped for the header box: emergencies, tickets, pages, people. Each group
// comes from the API that already guards it (ticket search hides what a person may not see,
// TK-8); this file only shapes and links them.
import type { Ticket } from '../api/tickets.ts';
import type { PageRow } from '../api/paging.ts';
import type { User } from '../api/types.ts';

export interface Hit { to: string; label: string; detail: string }
export interface HitGroup { group: 'Emergencies' | 'Tickets' | 'Pages' | 'People'; hits: Hit[] }

export const PER_GROUP = 5;

/** A page matches on its number ("12", "#12") or on text in its title. */
export function pageMatches(p: Pick<PageRow, 'number' | 'title'>, q: string): boolean {
  const t = q.trim().toLowerCase().replace(/^#/, '');
  if (!t) return false;
  return String(p.number) === t || p.title.toLowerCase().includes(t);
}

export function groupHits(q: string, tickets: Ticket[], pages: PageRow[], people: User[]): HitGroup[] {
  const emergencies = tickets.filter((t) => t.isEmergency);
  const plain = tickets.filter((t) => !t.isEmergency);
  const groups: HitGroup[] = [
    { group: 'Emergencies', hits: emergencies.slice(0, PER_GROUP).map((t) => ({ to: `/emergencies/${t.number}`, label: `#${t.number} ${t.subject}`, detail: t.status })) },
    { group: 'Tickets', hits: plain.slice(0, PER_GROUP).map((t) => ({ to: `/tickets/${t.id}`, label: `#${t.number} ${t.subject}`, detail: t.status })) },
    { group: 'Pages', hits: pages.filter((p) => pageMatches(p, q)).slice(0, PER_GROUP).map((p) => ({ to: `/pages/${p.id}`, label: `Page #${p.number} ${p.title}`, detail: p.status })) },
    { group: 'People', hits: people.slice(0, PER_GROUP).map((u) => ({ to: `/people/${u.id}`, label: u.name, detail: u.email })) },
  ];
  return groups.filter((g) => g.hits.length > 0);
}
