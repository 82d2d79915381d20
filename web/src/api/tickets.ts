// Helpdesk API (TK-1..TK-8): wire types, fetch functions and TanStack Query hooks. Query keys start
// with 'tickets' (or 'portal', 'macros', 'views') so the stream's ticket.* events refetch them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client.ts';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_STAGES = ['first_reply', 'next_reply'] as const;
export const TICKET_FORMS = ['self_managed', 'saas', 'licensing', 'us_government', 'dedicated'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export interface Ticket {
  id: string;
  number: number;
  subject: string;
  requesterId: string;
  organizationId: string | null;
  form: string;
  priority: TicketPriority;
  status: TicketStatus;
  /** Staff view only. */
  stage?: string;
  tags?: string[];
  assigneeId?: string | null;
  followerIds?: string[];
  /** Staff view only: the workspace's fields, e.g. contact_phone from the portal's emergency form. */
  customFields?: Record<string, string | number | boolean | null>;
  version?: number;
  isEmergency: boolean;
  createdAt: string;
  updatedAt: string;
  solvedAt: string | null;
}

export interface TicketComment {
  id: string;
  ticketId: string;
  authorId: string;
  body: string;
  isPublic: boolean;
  via: string;
  createdAt: string;
}

export interface Sla { metric: string; state: string; dueAt: string | null; breached: boolean; remainingMs: number | null }

export interface TicketDetail {
  ticket: Ticket;
  comments: TicketComment[];
  links?: { ticketId: string; number?: number; kind: string }[];
  sla?: Sla | null;
}

export interface FieldChange { field: string; from: unknown; to: unknown; added?: string[]; removed?: string[] }
export interface RenderedComment { public: boolean; body: string }

export interface SavedView { id: string; title: string; query: string; staffOnly: boolean; count: number | null }
export interface Macro { id: string; title: string; description: string | null; active: boolean; actions: { type: string }[] }
export interface MacroPreview { ticket: Ticket; changes: FieldChange[]; comments: RenderedComment[]; signals: unknown[] }

export interface SearchResult { items: Ticket[]; total: number | null; nextOffset: number | null }

export interface TicketPatch {
  version?: number;
  status?: string; priority?: string; form?: string; stage?: string;
  assigneeId?: string | null; tags?: string[];
}

export interface BulkInput {
  ticketIds?: string[]; query?: string;
  addTags?: string[]; removeTags?: string[]; status?: string; priority?: string; publicReply?: string; internalNote?: string;
}
export interface BulkJob {
  id: string; status: 'queued' | 'running' | 'done' | string; total: number; done: number; failed: number;
  createdAt: string; finishedAt: string | null;
  results?: { ticketId: string; number: number; ok: boolean; unchanged: boolean; error: { code?: string; message?: string } | string | null }[];
}

export interface TimelineEntry {
  id: string; at: string; action: string; via: string;
  actor: { kind: string; id: string | null; name: string | null };
  detail: Record<string, unknown>;
}

const enc = encodeURIComponent;
const T = '/tickets';

export const searchTickets = (q: string, offset = 0, limit = 50) =>
  request<SearchResult>('GET', `${T}?q=${enc(q)}&limit=${limit}&offset=${offset}&count=true`);
export const getTicket = (id: string) => request<TicketDetail>('GET', `${T}/${enc(id)}`);
export const patchTicket = (id: string, patch: TicketPatch) =>
  request<{ ticket: Ticket; changes: FieldChange[] }>('PATCH', `${T}/${enc(id)}`, patch);
export const addComment = (id: string, body: { body: string; public: boolean; version?: number; status?: string }) =>
  request<{ ticket: Ticket }>('POST', `${T}/${enc(id)}/comments`, body);
export const listViews = () => request<{ items: SavedView[] }>('GET', '/views').then((r) => r.items);
export const listMacros = () => request<{ items: Macro[] }>('GET', '/macros').then((r) => r.items);
export const previewMacro = (id: string, macroId: string) =>
  request<MacroPreview>('POST', `${T}/${enc(id)}/macros/${enc(macroId)}/preview`, {});
export const applyMacro = (id: string, macroId: string, version?: number) =>
  request<{ ticket: Ticket }>('POST', `${T}/${enc(id)}/macros/${enc(macroId)}/apply`, { version });
export const startBulk = (b: BulkInput) => request<BulkJob>('POST', `${T}/bulk`, b);
export const getBulk = (id: string) => request<BulkJob>('GET', `${T}/bulk/${enc(id)}`);
export const ticketTimeline = (id: string) => request<{ items: TimelineEntry[] }>('GET', `${T}/${enc(id)}/timeline`).then((r) => r.items);

// --- portal (TK-8, role customer) ----------------------------------------------------------
/** TK-2: a file as the API takes it (the per-file limit is checked on the decoded bytes). */
export interface AttachmentUpload { filename: string; contentType?: string; contentBase64: string }
export interface PortalOpen { subject: string; description: string; form: string; emergency?: boolean; contactPhone?: string; priority?: 'low' | 'normal' | 'high'; attachments?: AttachmentUpload[] }
export interface TicketForm { id: string; name: string }
export const portalList = () => request<SearchResult>('GET', '/portal/tickets');
export const portalGet = (id: string) => request<TicketDetail>('GET', `/portal/tickets/${enc(id)}`);
export const portalOpen = (b: PortalOpen) => request<{ ticket: Ticket }>('POST', '/portal/tickets', b);
export const portalReply = (id: string, body: string, attachments?: AttachmentUpload[]) =>
  request<{ ticket: Ticket }>('POST', `/portal/tickets/${enc(id)}/replies`, attachments?.length ? { body, attachments } : { body });
export const listTicketForms = () => request<{ items: TicketForm[] }>('GET', '/ticket-forms').then((r) => r.items);

// --- hooks ------------------------------------------------------------------------------------
export const ticketKeys = {
  search: (q: string, offset: number) => ['tickets', 'search', q, offset] as const,
  one: (id: string) => ['tickets', 'one', id] as const,
  timeline: (id: string) => ['tickets', 'timeline', id] as const,
  views: ['tickets', 'views'] as const,
  macros: ['macros'] as const,
  bulk: (id: string) => ['tickets', 'bulk', id] as const,
  portal: ['tickets', 'portal'] as const,
  portalOne: (id: string) => ['tickets', 'portal', id] as const,
};

export function useTicketSearch(q: string, offset = 0) {
  return useQuery({ queryKey: ticketKeys.search(q, offset), queryFn: () => searchTickets(q, offset), placeholderData: keepPreviousData, retry: false });
}
export const useViews = () => useQuery({ queryKey: ticketKeys.views, queryFn: listViews });
export const useTicket = (id: string) => useQuery({ queryKey: ticketKeys.one(id), queryFn: () => getTicket(id) });
export const useTicketTimeline = (id: string) => useQuery({ queryKey: ticketKeys.timeline(id), queryFn: () => ticketTimeline(id) });
export const useMacros = () => useQuery({ queryKey: ticketKeys.macros, queryFn: listMacros, staleTime: 60_000 });
export function useBulkJob(id: string | null) {
  return useQuery({
    queryKey: ticketKeys.bulk(id ?? ''), queryFn: () => getBulk(id!), enabled: !!id,
    // Poll until the durable job is done: progress is what the engineer is waiting for.
    refetchInterval: (q) => (q.state.data && q.state.data.status === 'done' ? false : 700),
  });
}
export const useTicketForms = () => useQuery({ queryKey: ['ticket-forms'], queryFn: listTicketForms, staleTime: 300_000 });
export const usePortalTickets = () => useQuery({ queryKey: ticketKeys.portal, queryFn: portalList });
export const usePortalTicket = (id: string) => useQuery({ queryKey: ticketKeys.portalOne(id), queryFn: () => portalGet(id) });

/** Every ticket mutation refetches the 'tickets' family (the stream would too, a moment later). */
export function useTicketMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['tickets'] }) });
}
