// Failures as Zendesk words them, so a Zendesk script's error handling keeps working: 404
// RecordNotFound, 422 RecordInvalid with per-field details, 403 Forbidden, 401 "Couldn't
// authenticate you". The Hotline code travels along as `hotline_code` for whoever reads the body.
import type { DomainError } from '../kernel/errors.ts';

export interface ZendeskErrorBody {
  error: string;
  description?: string;
  details?: Record<string, { description: string; error: string }[]>;
  hotline_code?: string;
}

export const FORBIDDEN_DESCRIPTION = 'You do not have access to this page. Please contact the account owner of this help desk for further help.';
export const UNAUTHENTICATED: ZendeskErrorBody = { error: "Couldn't authenticate you" };

/** The Zendesk field a Hotline validation code is about (details are keyed by field). */
const FIELD_OF: Record<string, string> = {
  'ticket.bad_status': 'status', 'ticket.bad_status_transition': 'status', 'ticket.bad_priority': 'priority', 'ticket.bad_tag': 'tags',
  'ticket.too_many_tags': 'tags', 'ticket.bad_subject': 'subject', 'ticket.bad_requester': 'requester_id', 'ticket.no_requester': 'requester',
  'ticket.bad_assignee': 'assignee_id', 'ticket.bad_organization': 'organization_id', 'ticket.bad_custom_field': 'custom_fields',
  'ticket.bad_follower': 'follower_ids', 'ticket.bad_form': 'ticket_form_id', 'comment.empty': 'comment', 'comment.too_long': 'comment',
  'comment.internal_by_customer': 'comment', 'user.not_found': 'requester', 'bulk.too_many': 'ids',
};
const label = (field: string) => field.replace(/_id$|_ids$/, '').replace(/^./, (c) => c.toUpperCase()).replace(/_/g, ' ');

const invalidBody = (field: string, description: string, error: string, code: string): ZendeskErrorBody => ({
  error: 'RecordInvalid', description: 'Record validation errors', details: { [field]: [{ description, error }] }, hotline_code: code,
});

/** A domain error as Zendesk's status and body. */
export function zendeskError(e: DomainError): { status: number; body: ZendeskErrorBody } {
  if (e.code === 'zendesk.record_invalid') {
    const d = e.details as { field: string; error: string };
    return { status: 422, body: invalidBody(d.field, e.message, d.error, e.code) };
  }
  switch (e.kind) {
    case 'not_found':
      // an unknown requester on create is about the body, not the URL
      if (e.code === 'user.not_found') return { status: 422, body: invalidBody('requester', `Requester: ${e.message}`, 'InvalidValue', e.code) };
      return { status: 404, body: { error: 'RecordNotFound', description: 'Not found', hotline_code: e.code } };
    case 'forbidden':
      return { status: 403, body: { error: 'Forbidden', description: FORBIDDEN_DESCRIPTION, hotline_code: e.code } };
    case 'unauthenticated':
      return { status: 401, body: { ...UNAUTHENTICATED, hotline_code: e.code } };
    case 'invalid': {
      const field = FIELD_OF[e.code] ?? 'base';
      return { status: 422, body: invalidBody(field, `${label(field)}: ${e.message}`, 'InvalidValue', e.code) };
    }
    case 'conflict':
      // Zendesk refuses changes to a closed ticket as a validation error of its status
      if (e.code === 'ticket.closed') return { status: 422, body: invalidBody('status', 'Status: closed prevents ticket update', 'ClosedPreventsUpdate', e.code) };
      return { status: 409, body: { error: 'UpdateConflict', description: e.message, hotline_code: e.code } };
    case 'too_large':
      return { status: 413, body: { error: 'RequestTooLarge', description: e.message, hotline_code: e.code } };
    case 'rate_limited':
      return { status: 429, body: { error: 'TooManyRequests', description: e.message, hotline_code: e.code } };
    default:
      return { status: 503, body: { error: 'ServiceUnavailable', description: e.message, hotline_code: e.code } };
  }
}
