import { Badge, Tooltip } from '@mantine/core';
import type { Subscription } from '../api/types.ts';
import {
  emergencyGlance, PLAN_LABEL, subscriptionGlance, subscriptionState, TONE_COLOR, type Glance,
} from './subscription.ts';

function GlanceBadge({ glance, testId, variant, compact }: {
  glance: Glance; testId: string; variant: 'filled' | 'light'; compact?: boolean;
}) {
  return (
    <Tooltip label={glance.detail} multiline w={280}>
      <Badge color={TONE_COLOR[glance.tone]} variant={variant} size="lg" tt="none" data-testid={testId}
        style={{ fontWeight: 700 }}>
        {compact ? glance.short ?? glance.label : glance.label}
      </Badge>
    </Tooltip>
  );
}

export function SubscriptionBadge({ sub, today }: { sub: Subscription; today: string }) {
  return <GlanceBadge glance={subscriptionGlance(subscriptionState(sub, today))} testId="subscription-badge" variant="light" />;
}

export function EmergencyBadge({ sub, today, compact }: { sub: Subscription; today: string; compact?: boolean }) {
  return <GlanceBadge glance={emergencyGlance(sub, today)} testId="entitlement-badge" variant="filled" compact={compact} />;
}

const PLAN_COLOR: Record<string, string> = { free: 'gray', starter: 'cyan', premium: 'indigo', ultimate: 'violet' };

export function PlanBadge({ tier }: { tier: string }) {
  return (
    <Badge color={PLAN_COLOR[tier] ?? 'gray'} variant="outline" size="lg" tt="none">
      {PLAN_LABEL[tier] ?? tier}
    </Badge>
  );
}
