// Status, priority and comment-kind markers shared by the queue, the ticket page and the portal.
import { Badge } from '@mantine/core';

const STATUS_COLOR: Record<string, string> = {
  new: 'yellow', open: 'red', pending: 'blue', on_hold: 'gray', solved: 'teal', closed: 'dark',
};
const PRIORITY_COLOR: Record<string, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };

export const label = (s: string) => s.replace(/_/g, ' ');

export function StatusBadge({ status }: { status: string }) {
  return <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" data-testid="ticket-status">{label(status)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  return <Badge color={PRIORITY_COLOR[priority] ?? 'gray'} variant={priority === 'urgent' ? 'filled' : 'outline'}>{priority}</Badge>;
}

export function EmergencyMark({ on }: { on: boolean }) {
  return on ? <Badge color="red" variant="filled" title="Raised as an emergency: production down or unusable">Emergency</Badge> : null;
}

/** "5 min ago" style: at 3 a.m. relative time reads faster than a timestamp. */
export function ago(iso: string, now: number = Date.now()): string {
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(s)) return iso;
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
