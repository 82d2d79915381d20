// The interop capability's face: moving in from other tools. Each vendor's objects map, by pure
// rules, onto a Hotline workspace file plus a report; the proof compares each moved schedule with
// the vendor's own rendering. Surfaces import it from here.

export type { ImportReport, ImportResult, WorkspaceDoc, ScheduleProof, Difference, RenderedSchedule } from './document.ts';
export type { Filters } from './filters.ts';
export { mapPagerDuty, type PdBundle } from './pagerduty.ts';
export { mapOpsgenie, type OgBundle } from './opsgenie.ts';
export { mapGrafanaOnCall, type GoBundle } from './grafana-oncall.ts';
export { proveSchedule } from './proof.ts';
export { proveAll, mergeInto } from './finish.ts';
export { dirSource, apiSource, type Source } from './adapter-source.ts';
export { readPagerDuty } from './adapter-pagerduty.ts';
export { readOpsgenie } from './adapter-opsgenie.ts';
export { readGrafanaOnCall } from './adapter-grafana-oncall.ts';

// Zendesk's ticket vocabulary ↔ Hotline's (status, priority, type, role, tags, custom-field keys):
// the helpdesk import and a Zendesk-shaped API read the same table.
export * from './zendesk-fields.ts';

// Zendesk's helpdesk, written straight into the database (tickets are data, not configuration).
export { importZendesk, ZENDESK, type ZendeskImportOptions, type ZendeskProgress, type ZendeskSummary } from './service-zendesk-import.ts';
export { zendeskApi, zendeskDir, zendeskBasicAuth, type ZendeskSource } from './adapter-zendesk.ts';

// The command-line surface, mounted by src/cli/main.ts.
export { registerImportCommands } from './cli.ts';
