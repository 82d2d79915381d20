// Entitlement (WF-3) and qualification (WF-4) verdicts as compact badges.
import { Badge } from '@mantine/core';
import type { Verdict } from '../api/emergencies.ts';

const ENTITLED = new Set(['entitled', 'expired_in_grace', 'trial_active', 'single_seat_same_day']);

export const ENTITLEMENT_LABEL: Record<string, string> = {
  entitled: 'entitled', needs_org: 'no organisation', free_user: 'free user', below_tier: 'below tier',
  single_seat_same_day: 'same-day single seat', expired_in_grace: 'expired, in grace', expired_beyond_grace: 'expired',
  trial_active: 'trial', trial_expired: 'trial expired',
};

export function EntitlementBadge({ kind }: { kind: string }) {
  return <Badge variant="light" color={ENTITLED.has(kind) ? 'teal' : kind === 'needs_org' ? 'yellow' : 'red'} title="Entitlement check (WF-3)">{ENTITLEMENT_LABEL[kind] ?? kind}</Badge>;
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  strict: 'strict definition', exception: 'exception', needs_more_info: 'needs more info', not_emergency: 'not an emergency',
};

export function VerdictBadge({ verdict }: { verdict: Verdict | null }) {
  if (!verdict) return <Badge variant="outline" color="gray" title="Not qualified yet (WF-4)">unqualified</Badge>;
  const color = verdict === 'not_emergency' ? 'gray' : verdict === 'needs_more_info' ? 'yellow' : 'red';
  return <Badge variant="light" color={color} data-testid="verdict">{VERDICT_LABEL[verdict]}</Badge>;
}
