// The tickets capability's face: tickets, their comments and links (TK-…), search, macros, SLA
// clocks and bulk updates. The emergency workflow, the CLI and start-up import tickets only from
// here; tickets imports none of them.

// The shapes of a ticket, its changes and its comments, as the others read them.
export type { Ticket, TicketChanges, TicketPriority, TicketStatus } from './ticket.ts';
export { STATUS_RANK, PRIORITY_RANK } from './ticket.ts';
export type { TicketComment } from './comment.ts';
export type { StoredComment, TicketRecord } from './store.ts';

// Use cases the emergency workflow starts on its tickets: create, read, change and comment, link,
// follow up and merge, preview the macros a decision may apply; support escalations apply the
// escalated-ticket macro (SM-2).
export { addComment, assertMaySee, createTicket, getTicket, updateTicket, type CreatedTicket, type CreateTicketInput, type TicketDetail } from './service.ts';
export { createFollowUp, linkTickets, mergeTickets } from './service-links.ts';
export { applyMacro, listMacros, previewMacro } from './service-macros.ts';

// Look-ups inside the caller's transaction: the emergency workflow reads the ticket behind an
// emergency, several at once, or its comments, without the viewer checks of the use cases.
export { findTicketRecords, listComments, loadTicketRecord, resolveTicketIds } from './store.ts';
// The description (first comment) of a page of tickets at once, for the Zendesk-compatible API.
export { firstComments } from './store.ts';
// SM-10: the first-response watch reads the tickets still owed a first reply near their target.
export { ticketsAwaitingFirstReply, type AwaitingFirstReply } from './store.ts';

// Search and bulk updates, for widespread incidents (WF-10): find the related tickets, answer them all.
export { searchTickets } from './service-search.ts';
export { BULK_LIMITS, getBulkUpdate, startBulkUpdate, type BulkProgress } from './service-bulk.ts';

// SM-8: upgrade-assistance requests are checked against the business-hours calendars (TK-7).
export { businessMsBetween, type BusinessCalendar } from './business-hours.ts';
export { loadTicketSettings } from './service-settings.ts';

// The events tickets emit (created, updated, replies), which the emergency workflow subscribes to.
export type { TicketEvent, TicketEventType } from './service-hooks.ts';

// The command-line surface, mounted by src/cli/main.ts.
export { registerTicketCommands } from './cli.ts';

// Moving in from another helpdesk: tickets written as history (no events, SLA clocks or pages).
export { importHistoricTickets, type HistoricComment, type HistoricOutcome, type HistoricTicket } from './service-import.ts';
