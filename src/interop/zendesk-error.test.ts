// Failures in Zendesk's words, so a Zendesk script's error handling keeps working.
import { describe, expect, it } from 'vitest';
import { conflict, forbidden, invalid, notFound, unauthenticated } from '../kernel/errors.ts';
import { zendeskError } from './zendesk-error.ts';
import { recordInvalid } from './zendesk-ticket.ts';

describe('Zendesk error bodies', () => {
  it.each([
    ['not found', notFound('ticket.not_found', 'No ticket 9'), 404, { error: 'RecordNotFound', description: 'Not found' }],
    ['forbidden', forbidden('zendesk.end_user', 'x'), 403, { error: 'Forbidden' }],
    ['unauthenticated', unauthenticated('auth.x', 'x'), 401, { error: "Couldn't authenticate you" }],
    ['a Hotline validation', invalid('ticket.bad_tag', 'Tag "a b" is not valid'), 422, { error: 'RecordInvalid', description: 'Record validation errors', details: { tags: [{ description: 'Tags: Tag "a b" is not valid', error: 'InvalidValue' }] } }],
    ['a Zendesk validation', recordInvalid('group_id', 'group_id: not supported', 'Unsupported'), 422, { error: 'RecordInvalid', details: { group_id: [{ description: 'group_id: not supported', error: 'Unsupported' }] } }],
    ['a closed ticket', conflict('ticket.closed', 'closed'), 422, { details: { status: [{ description: 'Status: closed prevents ticket update', error: 'ClosedPreventsUpdate' }] } }],
    ['an unknown requester on create', notFound('user.not_found', 'No user r@x'), 422, { error: 'RecordInvalid', details: { requester: [expect.objectContaining({ error: 'InvalidValue' })] } }],
  ])('%s', (_n, e, status, body) => {
    const r = zendeskError(e);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject(body);
  });
});
