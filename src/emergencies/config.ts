// Every number and name of the emergency workflow, with the newest seed's value as default.
// Older seed variants are noted where they differ so a workspace can choose them.
import type { Priority, Region, TicketForm, TicketStatus } from './decision.ts';

export type ExceptionCriterion = 'financial_impact' | 'unusable_for_business' | 'legal' | 'audit' | 'security';
export type SaasCategory = 'regression' | 'customer_data' | 'access_degradation' | 'licence_consumption' | 'widespread_incident';

export interface EmergencyConfig {
  /** WF-5 */
  silence: { followUpAfterMinutes: number; bridgeCloseAfterFollowUpMinutes: number; priorityAfterClose: Priority };
  /**
   * WF-5: meeting-link template a new paged emergency's bridge is filled from (`{ticket}` becomes
   * the ticket number); null = the engineer sets the bridge on the emergency.
   */
  bridgeUrlTemplate: string | null;
  /** ENT-1..5, WF-3 */
  entitlement: {
    emergencyTiers: string[];
    freeTiers: string[];
    graceDays: number;
    /** ENT-5: grace only for paid, non-trial subscriptions. */
    graceForTrials: boolean;
    trialsIncludeEmergencySupport: boolean;
    singleSeatMax: number;
    /** ENT-3: priority given to emergencies from organisations without emergency support. */
    notEntitledPriority: Priority;
    /** When true, below-tier / free / expired verdicts are applied automatically and nobody is paged. */
    autoApplyNotEntitled: boolean;
    /** Zone in which "bought the same day" is judged (ENT-4). */
    sameDayZone: string;
  };
  /** Weekday/weekend is judged in the zone of the region whose rotation is on call. */
  regions: Record<Region, { zone: string; group: string }>;
  /** Zone used when no region answers (e.g. no one on call). */
  defaultZone: string;
  weekendDays: number[]; // ISO day of week, 6 = Saturday, 7 = Sunday
  holidays: string[]; // ISO dates, judged in the region's zone
  channels: Record<TicketForm, string> & { licensingTeam: string; managers: string };
  groups: { backupPool: string; usGovernment: string; licensing: string; dedicatedFocus: string };
  /**
   * `managers` is the schedule of the support manager on call (WF-6, SM-5); `usGovernmentManagers`
   * the one for US-government emergencies (SCH-5), null = the same manager as everyone else.
   */
  rotations: { global: string; usGovernment: string; managers: string; usGovernmentManagers: string | null; backupPool: string };
  /** WF-6, PG-3/4: regions (and days) in which the manager may page the backup pool. */
  backupPool: { regions: Region[]; weekendsOnly: boolean };
  macros: {
    strict: string;
    exception: string;
    needsMoreInfo: string;
    notAnEmergency: string;
    downgrade: string;
    postCall: string;
    compromisedInstance: string;
    incidentFirstResponse: string;
    trialSignOff: string;
    managerEscalated: string;
    triggerManual: string;
  };
  tags: {
    strict: string;
    exception: string;
    needsMoreInfo: string;
    notAnEmergency: string;
    needsOrg: string;
    belowTier: string;
    singleSeatSameDay: string;
    compromised: string;
    usGovAfterHours: string;
    usGovAfterHoursException: string;
    incidentPrefix: string;
    saasCategoryPrefix: string;
    pairingLabel: string;
  };
  /** WF-4: downgrade macro fields. */
  downgrade: { form: TicketForm; priority: Priority; stage: 'next-reply'; closeStatus: TicketStatus };
  exceptionCriteria: ExceptionCriterion[];
  /** WF-7 */
  mightBecomeEmergencyPriority: Priority;
  /** SCH-5, WF-14 (older seed: 06:00–18:00). 12x5 = 12 hours, 7 days a week in the seeds. */
  usGovernment: { zone: string; entitledStart: string; entitledEnd: string; days: number[]; offHoursTrigger: string };
  /** SCH-10 */
  handoff: { reminderMinutesBefore: number; afterShiftMinMinutes: number; afterShiftMaxMinutes: number; unacceptedEscalateMinutes: number };
  /** SCH-12 */
  load: { aqcBaseline: number; underBaselineFraction: number; emergenciesCountTowardBaseline: boolean; prepareDaysBefore: number };
  /** WF-10 */
  incident: {
    detectionThreshold: number;
    detectionWindowMinutes: number;
    forms: TicketForm[];
    statusPageUrl: string;
    statusSocialHandle: string;
  };
  /** WF-11 */
  saas: { categories: SaasCategory[]; courtesyComputeMinutes: number };
  /** WF-12 (002 variant: 'lower_priority_and_inform_licensing'; short-term licence 7–14 days). */
  licence: {
    weekendInGraceAction: 'close_and_ask_new_ticket' | 'lower_priority_and_inform_licensing';
    trialExtensionDays: number;
    shortTermLicenceDays: { min: number; max: number };
  };
  /** WF-15 */
  stuck: { showCmocForSaasAtWeekend: boolean; cmocLabel: string };
  /** WF-2: minutes after the emergency's creation by which a runbook item is due. */
  runbookDueMinutes: Partial<Record<'acknowledged' | 'entitlement_checked' | 'qualified' | 'public_reply_sent' | 'page_resolved' | 'thread_opened', number>>;
  /** WF-2: minutes after the call ended by which post-call notes and the next-engineer tag are due. */
  runbookAfterCallMinutes: number;
  /** Older seed (000) called the CSM role TAM. */
  csmLabel: string;
}

export const DEFAULT_EMERGENCY_CONFIG: EmergencyConfig = {
  silence: { followUpAfterMinutes: 15, bridgeCloseAfterFollowUpMinutes: 15, priorityAfterClose: 'high' },
  bridgeUrlTemplate: null,
  entitlement: {
    emergencyTiers: ['premium', 'ultimate'],
    freeTiers: ['free'],
    graceDays: 14,
    graceForTrials: false,
    trialsIncludeEmergencySupport: false,
    singleSeatMax: 1,
    notEntitledPriority: 'normal',
    autoApplyNotEntitled: true,
    sameDayZone: 'UTC',
  },
  regions: {
    AMER: { zone: 'America/New_York', group: '@support-team-americas' },
    EMEA: { zone: 'Europe/London', group: '@support-team-emea' },
    APAC: { zone: 'Australia/Sydney', group: '@support-team-apac' },
  },
  defaultZone: 'UTC',
  weekendDays: [6, 7],
  holidays: [],
  channels: {
    'self-managed': '#support_self-managed',
    saas: '#support_gitlab-com',
    dedicated: '#support_gitlab-com',
    licensing: '#support_self-managed',
    'us-government': '#spt_us-government',
    licensingTeam: '#support_licensing-subscription',
    managers: '#spt_managers',
  },
  groups: {
    backupPool: '@support-apac-backup',
    usGovernment: '@support-team-usgov',
    licensing: '@support-licensing',
    dedicatedFocus: '@spt_focus-dedicated',
  },
  rotations: {
    global: 'customer-emergencies',
    usGovernment: 'us-government',
    managers: 'support-managers',
    usGovernmentManagers: null,
    backupPool: 'apac-backup',
  },
  backupPool: { regions: ['APAC'], weekendsOnly: true },
  macros: {
    strict: 'General::Emergency::Strict Definition',
    exception: 'General::Emergency::Exception',
    needsMoreInfo: 'General::Emergency::Needs more info',
    notAnEmergency: 'General::Emergency::Not an Emergency',
    downgrade: 'Downgrade emergency ticket',
    postCall: 'Support::Customer Calls::Call Completed - Summary',
    compromisedInstance: 'Incident::Compromised Instance',
    incidentFirstResponse: 'Support::SaaS::Gitlab.com::Incident First Response',
    trialSignOff: 'Trial Subscription - Exclusions Sign Off',
    managerEscalated: 'Support::Managers::Escalated Ticket',
    triggerManual: 'Support::Managers::Trigger manual emergency',
  },
  tags: {
    strict: 'emergency_strict_definition',
    exception: 'emergency_exception',
    needsMoreInfo: 'emergency_needs_more_info',
    notAnEmergency: 'emergency_not_an_emergency',
    needsOrg: 'needs_org',
    belowTier: 'emergency_not_entitled',
    singleSeatSameDay: 'single_seat_same_day',
    compromised: 'compromised_instance',
    usGovAfterHours: 'usgov_off_hours_emergency',
    usGovAfterHoursException: 'usgov_after_hours_exception',
    incidentPrefix: 'incident-',
    saasCategoryPrefix: 'saas_emergency_',
    pairingLabel: 'pairing-customer_emergency',
  },
  downgrade: { form: 'self-managed', priority: 'high', stage: 'next-reply', closeStatus: 'closed' },
  exceptionCriteria: ['financial_impact', 'unusable_for_business', 'legal', 'audit', 'security'],
  mightBecomeEmergencyPriority: 'high',
  usGovernment: {
    zone: 'America/Los_Angeles',
    entitledStart: '05:00',
    entitledEnd: '17:00',
    days: [1, 2, 3, 4, 5, 6, 7],
    offHoursTrigger: 'Off hours emergency request',
  },
  handoff: { reminderMinutesBefore: 30, afterShiftMinMinutes: 15, afterShiftMaxMinutes: 30, unacceptedEscalateMinutes: 15 },
  load: { aqcBaseline: 22, underBaselineFraction: 0.2, emergenciesCountTowardBaseline: true, prepareDaysBefore: 7 },
  incident: {
    detectionThreshold: 5,
    detectionWindowMinutes: 30,
    forms: ['saas', 'dedicated'],
    statusPageUrl: 'https://status.example.com',
    statusSocialHandle: '@gitlabstatus',
  },
  saas: {
    categories: ['regression', 'customer_data', 'access_degradation', 'licence_consumption', 'widespread_incident'],
    courtesyComputeMinutes: 1000,
  },
  licence: {
    weekendInGraceAction: 'close_and_ask_new_ticket',
    trialExtensionDays: 10,
    shortTermLicenceDays: { min: 7, max: 14 },
  },
  stuck: { showCmocForSaasAtWeekend: true, cmocLabel: 'Communications manager on call (CMOC)' },
  runbookDueMinutes: {
    acknowledged: 10,
    entitlement_checked: 15,
    qualified: 30,
    public_reply_sent: 30,
    page_resolved: 30,
    thread_opened: 15,
  },
  runbookAfterCallMinutes: 30,
  csmLabel: 'CSM',
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A workspace's overrides on top of the defaults (arrays replace, objects merge). */
export function emergencyConfig(overrides: DeepPartial<EmergencyConfig> = {}): EmergencyConfig {
  return deepMerge(DEFAULT_EMERGENCY_CONFIG, overrides) as EmergencyConfig;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (Array.isArray(over) || typeof over !== 'object' || over === null) return over;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge((base as Record<string, unknown>)[k], v);
  return out;
}
