// Widespread incidents (WF-10 / PG-7): many emergencies about one outage under one tag, one page and
// one bulk response. The emergency workflow reaches them only through its `incidentGrouping` port.
export * from './widespread-incident.ts';
export type { DeclareInput } from './service-declare.ts';
export { declareIncident } from './service-declare.ts';
export { joinIncident, resolveIncident, respondToIncident, splitFromIncident, type RespondInput } from './service.ts';
export { listIncidentSummaries, showIncident } from './service-view.ts';

// SM-7: security incidents — the manager on call coordinates the customer communications.
export * from './security-incident.ts';
export { addSecurityIncidentTickets, declareSecurityIncident, listSecurityIncidentSummaries, resolveSecurityIncident, respondToSecurityIncident, showSecurityIncident } from './service-security.ts';

// The `hotline emergency incident …` commands, hung under `hotline emergency` by the CLI.
export { registerIncidentCommands } from './cli.ts';
