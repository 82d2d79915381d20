// A client of the Hotline API typed only by the generated web/src/api/schema.d.ts (openapi-fetch):
// it creates a ticket and reads it back, triggers a page and reads it back. No cast, no `any`: if
// the document lost a field or a path this script reads, it stops compiling.
import createClient from 'openapi-fetch';
import type { components, paths } from '../../../web/src/api/schema.d.ts';

type Ticket = components['schemas']['Ticket'];
type PageDetail = components['schemas']['PageDetail'];
type Failure = { error: components['schemas']['ErrorResponse'] | undefined; response: Response };

/** What went wrong, in the API's own words. */
function fail(what: string, r: Failure): Error {
  return new Error(`${what}: HTTP ${r.response.status} ${r.error?.error.code ?? ''} ${r.error?.error.message ?? ''}`);
}

export interface Outcome {
  ticket: Ticket;
  readBack: { subject: string; status: Ticket['status']; comments: number; sla: boolean };
  page: PageDetail;
}

export async function ticketAndPage(baseUrl: string, token: string): Promise<Outcome> {
  const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });

  const me = await api.GET('/api/v1/auth/me');
  if (!me.data) throw fail('who am I', me);

  const customer = await api.POST('/api/v1/users', { body: { email: 'rosa@typed.example', name: 'Rosa Typed', role: 'customer' } });
  if (!customer.data) throw fail('create the requester', customer);

  const created = await api.POST('/api/v1/tickets', {
    body: { subject: 'Checkout answers 502', form: 'saas', requesterId: customer.data.id, description: 'Since 09:12 every checkout fails.', tags: ['checkout'] },
  });
  if (!created.data) throw fail('create the ticket', created);
  const ticket = created.data.ticket;

  const read = await api.GET('/api/v1/tickets/{id}', { params: { path: { id: String(ticket.number) } } });
  if (!read.data) throw fail('read the ticket', read);

  const service = await api.POST('/api/v1/services', { body: { name: 'Checkout' } });
  if (!service.data) throw fail('create the service', service);

  const triggered = await api.POST('/api/v1/pages', {
    body: { serviceId: service.data.id, title: `Ticket #${ticket.number}: checkout answers 502`, ticketId: ticket.id, urgency: 'high', targetUserIds: [me.data.user.id] },
  });
  if (!triggered.data) throw fail('trigger the page', triggered);

  const page = await api.GET('/api/v1/pages/{id}', { params: { path: { id: triggered.data.id } } });
  if (!page.data) throw fail('read the page', page);

  return {
    ticket,
    readBack: { subject: read.data.ticket.subject, status: read.data.ticket.status, comments: read.data.comments.length, sla: read.data.sla !== null },
    page: page.data,
  };
}
