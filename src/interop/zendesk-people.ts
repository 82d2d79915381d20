// Zendesk's user, organisation and job-status shapes, by pure rules. Roles as the importer maps
// them (zendesk-fields.ts): customers are end-users, admins admins, managers and engineers agents.
import type { Organization, User } from '../people/index.ts';
import type { BulkProgress } from '../tickets/index.ts';
import { zendeskRole } from './zendesk-fields.ts';
import { zendeskTime } from './zendesk-ticket.ts';


export function zendeskUser(u: User, id: number, orgId: number | null, baseUrl: string) {
  return {
    id, url: `${baseUrl}/users/${id}.json`, name: u.name, email: u.email, role: zendeskRole(u.role), role_type: null,
    organization_id: orgId, time_zone: u.timeZone, iana_time_zone: u.timeZone, active: u.active, verified: true, suspended: !u.active,
    shared: false, moderator: u.role !== 'customer', ticket_restriction: u.role === 'customer' ? 'organization' : null,
    external_id: u.id, created_at: zendeskTime(u.createdAt), updated_at: zendeskTime(u.createdAt), tags: [] as string[], user_fields: {},
  };
}

export function zendeskOrganization(o: Organization, id: number, baseUrl: string) {
  return {
    id, url: `${baseUrl}/organizations/${id}.json`, name: o.name, external_id: o.slug, domain_names: [] as string[], details: '',
    notes: o.notes ?? '', group_id: null, shared_tickets: true, shared_comments: true, tags: [] as string[],
    organization_fields: {}, created_at: zendeskTime(o.createdAt), updated_at: zendeskTime(o.createdAt),
  };
}

/**
 * A Hotline bulk update as a Zendesk job status: queued → queued, running → working, done →
 * completed (per-ticket failures are results with success:false, as Zendesk reports them).
 */
export function zendeskJobStatus(p: BulkProgress, baseUrl: string) {
  const status = p.status === 'queued' ? 'queued' : p.status === 'running' ? 'working' : 'completed';
  return {
    id: p.id, url: `${baseUrl}/job_statuses/${p.id}.json`, job_type: 'bulk_update', total: p.total, progress: p.done, status,
    message: status === 'completed' ? `Completed at ${zendeskTime(p.finishedAt ?? p.createdAt)}` : null,
    results: p.results
      ? p.results.map((r) => ({ id: r.number, action: 'update', success: r.ok, status: r.ok ? 'Updated' : 'Failed', ...(r.error ? { errors: r.error.message } : {}) }))
      : null,
  };
}
