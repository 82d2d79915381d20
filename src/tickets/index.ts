// The tickets capability's pure core: ticket values and changes, search language, macros, SLA
// clocks and bulk planning. store.ts / service.ts / routes.ts build on these exports.
export * from './ticket.ts';
export * from './comment.ts';
export * from './search-query.ts';
export * from './search-compile.ts';
export * from './macro.ts';
export * from './demo-macros.ts';
export * from './business-hours.ts';
export * from './sla.ts';
export * from './bulk.ts';
export { sampleTicket, FIXTURE_CREATED_AT } from './ticket-fixture.ts';

// Ticket search as a signed-in person or the system sees it (TK-*), for other capabilities' use cases.
export { searchTickets } from './service-search.ts';
