// Support escalations (SM-1..SM-3): a staff member files one for a ticket or an internal request;
// the manager on call is named in the escalations channel, acknowledges, tags and cross-links the
// ticket, asks in the thread, opens help threads, assigns an owner from the skills directory, and
// resolves or rejects. Threads and mentions come from conversations/.
export * from './escalation.ts';
export * from './skills.ts';
export { DEFAULT_ESCALATION_SETTINGS, type EscalationSettings } from './settings.ts';
export type { EscalationRow } from './store.ts';
export type { EscalationEvent } from './service-load.ts';
export { managerOnCallAt } from './service-load.ts';
export { fileEscalation, type FileInput } from './service-file.ts';
export { acknowledgeEscalation, applyEscalatedTicketMacro, assignEscalation, noteOnEscalation, openHelpThread, rejectEscalation, resolveEscalation } from './service-handle.ts';
export { listEscalationHistory, listEscalationSummaries, showEscalation, suggestOwners, type EscalationSummary } from './service-view.ts';

// SM-4: the redirect reply (a thread entry's action, or Slack's :escalate: reaction).
export * from './redirect.ts';
export { redirectSlackMessage, redirectThreadEntry, type RedirectResult } from './service-redirect.ts';

// SM-9: cover requests between support managers (accepted ones become schedule overrides).
export * from './cover.ts';
export { answerCoverRequest, listCoverRequests, requestCover, showCoverRequest, withdrawCoverRequest, type CoverView } from './service-cover.ts';

// SM-8: upgrade-assistance requests (a ticket, flagged outside support hours or on short notice).
export { DEFAULT_UPGRADE_SETTINGS, type UpgradeFlag, type UpgradeSettings } from './upgrade.ts';
export { reassignUpgrade, requestUpgradeAssistance, rescheduleUpgrade, type UpgradeInput } from './service-upgrade.ts';
export { listUpgradeRequests, showUpgradeRequest } from './service-upgrade-view.ts';

// The `hotline escalation …`, `hotline cover …` and `hotline upgrade …` commands, registered by the CLI.
export { registerEscalationCommands } from './cli.ts';
export { registerCoverCommands } from './cli-cover.ts';
export { registerUpgradeCommands } from './cli-upgrade.ts';
// SM-5/SM-6: `hotline manager …`, the support manager during emergencies.
export { registerManagerCommands } from './cli-manager.ts';
