// What other capabilities (the emergency workflow, paging) call on schedules, in one place.
export { armHandoffs, handoffKey, reminderKey, type ShiftChangeEvent } from './handoff.ts';
export { ownersAt, shadowsAt, type OnCallTarget } from './resolver.ts';
export { whoIsOnCall, scheduleFinal, scheduleGaps, groupTimeline, type OnCallAnswer } from './oncall.ts';
export { createOverride, removeOverride, requestSwap, acceptSwap, declineSwap, removeSwap, listOverrides, listSwaps } from './service.ts';
export { recordTraining, approveForOnCall, addRotationMember, requireEligible } from './eligibility.ts';
