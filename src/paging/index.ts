// The paging capability's face: pages (PG-1…PG-9), the services and escalation policies that route
// them, and maintenance windows. The emergency workflow, the CLI and start-up import paging only
// from here; paging imports none of them.

// The shapes of a page, its timeline, a service, a policy and a window, as the others read them.
export type { Page, PageStatus, PageTimelineEntry, PageTransition, PageUrgency, PageVeto } from './page.ts';
export type { EscalationLevel, EscalationPolicy, EscalationTarget } from './escalation.ts';
export type { MaintenanceWindow } from './silence.ts';
export type { PageFilter, PageRow, Service } from './store.ts';

// Use cases the emergency workflow starts on its pages: trigger, acknowledge, escalate, reassign,
// resolve or end them, read them, and check that named people may be paged (PG-3, PG-5).
export {
  acknowledgePage,
  assertMayPageNamed,
  endPageWithSubject,
  escalatePage,
  getPage,
  listPages,
  reassignPage,
  resolvePage,
  triggerPage,
  type PageView,
  type TriggerInput,
  type TriggerResult,
} from './service.ts';
export { findPage } from './store.ts';
export { reachOfPages } from './service-reach.ts';

// The routing the emergency workflow reads: services, policies, and the level that holds a target.
export { listPolicies, listServices } from './service-admin.ts';
export { levelWithTarget } from './escalation.ts';

// Who a policy target is right now (a user, a team, a schedule), for the emergency's on-call check.
export { resolveTarget, type OnCallTarget } from './service-targets.ts';

// The event paging emits when a page changes, and the veto others may put on a page's transition.
export type { PageChanged, PageVetoHook } from './service-core.ts';

// The command-line surface, mounted by src/cli/main.ts.
export { registerPagingCommands } from './cli.ts';

// Slack's request signing (v0 HMAC-SHA256, five-minute window), for other doors Slack knocks on (SM-4 events).
export { verifySlackRequest, type SlackVerification } from './signing.ts';
