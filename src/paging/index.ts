// The paging capability's pure rules. The store, services, engine jobs, routes and CLI build on
// these exports; nothing here does I/O.
export * from './page.ts';
export * from './escalation.ts';
export * from './events-v2.ts';
export * from './signing.ts';
export * from './silence.ts';
export * from './manual-page.ts';
