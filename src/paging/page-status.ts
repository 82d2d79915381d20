// A page's statuses and what each means to the people who see it (PG-1, PG-2). Pure.

export type PageStatus = 'triggered' | 'acknowledged' | 'resolved';

// PG-1: fixed meanings from the newest seed. "Resolved" is about engagement, never about the
// customer's problem being solved — the UI shows PAGE_RESOLVED_CAVEAT next to it.
export const DEFAULT_PAGE_STATUS_MEANINGS: Readonly<Record<PageStatus, string>> = {
  triggered: 'A customer has requested the attention of the on-call engineer',
  acknowledged: 'I have seen the page and am reviewing the ticket',
  resolved: "I've engaged with the customer by sending a reply to the emergency ticket",
};
export const PAGE_RESOLVED_CAVEAT = '"Resolved" does not mean the underlying issue has been resolved.';
/** PG-1/PG-2: the timeline's word on a page closed with its emergency before anyone replied. */
export const NOT_ENGAGED_NOTE = 'No public reply was ever sent: the customer was not engaged through this page (PG-2); it was closed only so it stops escalating and notifying.';

export function pageStatusMeaning(
  status: PageStatus,
  meanings: Readonly<Record<PageStatus, string>> = DEFAULT_PAGE_STATUS_MEANINGS,
): string {
  return meanings[status];
}

/**
 * A planned delivery still goes out only while the page waits for someone: once acknowledged or
 * resolved, pending page notifications are dropped (a common complaint is being called after ack).
 */
export function isDeliveryStillWanted(pageStatus: PageStatus): boolean {
  return pageStatus === 'triggered';
}
