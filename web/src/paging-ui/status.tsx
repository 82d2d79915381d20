// PG-1: the three page statuses have fixed meanings. "Resolved" is about the engineer engaging the
// customer, never about the problem being solved; the UI says so wherever a status is explained.
import { Badge } from '@mantine/core';
import type { PageStatus } from '../api/paging.ts';

export const STATUS_MEANING: Record<PageStatus, string> = {
  triggered: 'A customer has requested the attention of the on-call engineer.',
  acknowledged: 'I have seen the page and am reviewing the ticket.',
  resolved: "I've engaged with the customer by sending a reply to the emergency ticket.",
};
export const RESOLVED_CAVEAT = 'Resolved never means the problem is solved: the emergency ticket stays open until the customer’s problem is.';

const COLOR: Record<PageStatus, string> = { triggered: 'red', acknowledged: 'yellow', resolved: 'teal' };

export function PageStatusBadge({ status }: { status: PageStatus }) {
  return (
    <Badge color={COLOR[status] ?? 'gray'} variant={status === 'triggered' ? 'filled' : 'light'} title={STATUS_MEANING[status]}
      data-testid="page-status">{status}</Badge>
  );
}

/** A manual page from a ticket is titled with the bare ticket number (PG-5): say so. */
export const pageTitle = (p: { title: string }) => (/^#?\d+$/.test(p.title.trim()) ? `Ticket #${p.title.trim().replace(/^#/, '')}` : p.title);
