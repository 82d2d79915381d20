// Public surface of the emergency workflow rules. Services, routes and the engine build on these.
export * from './decision.ts';
export * from './config.ts';
export * from './calendar.ts';
export * from './entitlement.ts';
export * from './intake.ts';
export * from './us-government-hours.ts';
export * from './qualification.ts';
export * from './customer-silence.ts';
export * from './concurrency.ts';
export * from './handoff.ts';
export * from './post-call.ts';
export * from './resolution.ts';
export * from './grouped.ts';
export * from './saas-category.ts';
export * from './licence.ts';
export * from './special-handling.ts';
export * from './stuck.ts';
export * from './runbook.ts';
export * from './manual-trigger.ts';
export * from './config-doc.ts';
export * from './bridge.ts';

// What widespread incidents (src/incidents/) build on: the workflow's decisions applied in the
// caller's transaction, the emergencies they group, and the port through which the workflow asks them.
export { applyDecision, PAGING_SERVICE } from './service-apply-decision.ts';
export { loadEmergencyTicket, onCallFor } from './service-context.ts';
export { emergencyConfigOf } from './service-settings.ts';
// Opened, qualified, ended: published in the change's transaction (webhooks hear it).
export type { EmergencyChange, EmergencyChanged } from './service-events.ts';
export { managerTier } from './service-manager-page.ts';
export { countOpenEmergencies, findEmergency, listEmergencies, updateEmergency, type Emergency } from './store.ts';
export type { EmergencyIncident, GroupingIncident, IncidentGrouping } from './service-incident-port.ts';

// The `hotline emergency …` commands, registered by the CLI.
export { registerEmergencyCommands } from './cli.ts';
