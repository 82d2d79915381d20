// PG-5: pages raised by hand. A manager turns an existing ticket into an emergency page (the
// rotation's policy is paged); anyone may page one specific on-call engineer who cannot be
// reached in chat. Both land on the "customer support" service with the ticket number as title.
import { forbidden, invalid, notFound } from '../kernel/errors.ts';
import { DEMO_ESCALATION_POLICY } from './escalation.ts';
import { DEFAULT_PAGE_RULES, isManager, type PageActor, type PageRules } from './page.ts';

export interface ManualPageDefaults {
  serviceId: string;
  /** The policy a manager's "trigger manual emergency" pages. */
  emergencyPolicyId: string;
}
export const DEFAULT_MANUAL_PAGE: ManualPageDefaults = { serviceId: 'customer-support', emergencyPolicyId: DEMO_ESCALATION_POLICY.id };

export type ManualPageRequest =
  | { kind: 'ticket_emergency'; actor: PageActor; ticketId: string; ticketNumber: string | number }
  | { kind: 'engineer'; actor: PageActor; targetUserId: string; ticketNumber: string | number; ticketId?: string | null };

export interface ManualPagePlan {
  serviceId: string;
  title: string;
  ticketId: string | null;
  /** null for a direct page: no escalation beyond the named engineer. */
  escalationPolicyId: string | null;
  /** Set for a direct page; for a policy page the service resolves level 1 (planInitialLevel). */
  directTargetUserIds: string[] | null;
}

export function planManualPage(req: ManualPageRequest, defaults: ManualPageDefaults = DEFAULT_MANUAL_PAGE, rules: PageRules = DEFAULT_PAGE_RULES): ManualPagePlan {
  const title = String(req.ticketNumber).trim();
  if (!title) throw invalid('page.ticket_number_required', 'Give the ticket number: it becomes the page title.');
  if (req.kind === 'ticket_emergency') {
    if (!isManager(req.actor, rules)) {
      throw forbidden('page.manager_only', 'Only a support manager can turn a ticket into an emergency page; page the support manager on-call.');
    }
    return { serviceId: defaults.serviceId, title, ticketId: req.ticketId, escalationPolicyId: defaults.emergencyPolicyId, directTargetUserIds: null };
  }
  if (!req.targetUserId) throw invalid('page.target_required', 'Name the engineer to page.');
  return { serviceId: defaults.serviceId, title, ticketId: req.ticketId ?? null, escalationPolicyId: null, directTargetUserIds: [req.targetUserId] };
}

/** Who a person named on a page is, as far as the paging rules care. */
export interface NamedPerson {
  ref: string;
  /** null: no such user. */
  user: { id: string; email: string; role: string; active: boolean } | null;
  /** In a backup pool (PG-3) and in no regular team: an off-duty volunteer. */
  backupPoolOnly: boolean;
}

/**
 * PG-3, PG-5: only staff can be paged by name (not customers, not unknown ids: nobody would be
 * notified), and a backup-pool volunteer only by a manager. Anyone may name themselves (taking a page).
 */
export function checkNamedTargets(actor: PageActor, people: readonly NamedPerson[], rules: PageRules = DEFAULT_PAGE_RULES): void {
  for (const p of people) {
    if (!p.user) throw notFound('page.unknown_user', `No user ${p.ref}; name staff by their id (GET /api/v1/users).`, { userId: p.ref });
    if (p.user.role === 'customer') throw invalid('page.not_staff', `${p.user.email} is a customer; only staff can be paged.`, { userId: p.user.id });
    if (!p.user.active) throw invalid('page.inactive_user', `${p.user.email} is deactivated and cannot be paged.`, { userId: p.user.id });
    const self = actor.kind === 'user' && actor.userId === p.user.id;
    if (p.backupPoolOnly && actor.kind === 'user' && !self && !isManager(actor, rules)) {
      throw forbidden('page.backup_pool_manager_only', `${p.user.email} is a backup-pool volunteer; only a manager pages the backup pool. Ask the support manager on-call.`, { userId: p.user.id });
    }
  }
}
