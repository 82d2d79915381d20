// Markers shared by the escalation list, its page and the On call page: state and urgency badges,
// and a person's name.
import { Badge } from '@mantine/core';
import type { EscalationState, Person, Urgency } from './api.ts';

const STATE_COLOR: Record<EscalationState, string> = { filed: 'red', acknowledged: 'orange', assigned: 'blue', resolved: 'teal', rejected: 'gray' };
const URGENCY_COLOR: Record<Urgency, string> = { high: 'red', medium: 'orange', low: 'gray' };

export function StateBadge({ state }: { state: EscalationState }) {
  return <Badge color={STATE_COLOR[state]} variant="light" data-testid="escalation-state">{state}</Badge>;
}
export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  return <Badge color={URGENCY_COLOR[urgency]} variant="outline">{urgency} urgency</Badge>;
}
export const who = (p: Person, none = '—') => p?.name ?? none;
