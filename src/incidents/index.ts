// Widespread incidents (WF-10 / PG-7): many emergencies about one outage under one tag, one page and
// one bulk response. The emergency workflow reaches them only through its `incidentGrouping` port.
export * from './widespread-incident.ts';
export type { DeclareInput } from './service-declare.ts';
export { declareIncident } from './service-declare.ts';
export { joinIncident, resolveIncident, respondToIncident, splitFromIncident, type RespondInput } from './service.ts';
export { listIncidentSummaries, showIncident } from './service-view.ts';

// The `hotline emergency incident …` commands, hung under `hotline emergency` by the CLI.
export { registerIncidentCommands } from './cli.ts';
