// SM-1/SM-2: the escalations' settings as the rules read them — the escalations channel the
// announcements go to, the product channels a manager opens help threads in (the seed's three),
// which of them a ticket's form asks for, and the working hours suggestions count as "working now".
// Pure: the workspace's stored values in, the settings with the seed's defaults out.
import { DEFAULT_FIRST_RESPONSE, type FirstResponseSettings } from './first-response.ts';
import { DEFAULT_REDIRECT, type RedirectSettings } from './redirect.ts';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from './skills.ts';
import { DEFAULT_UPGRADE_SETTINGS, type UpgradeSettings } from './upgrade.ts';

export interface EscalationSettings {
  channel: string;
  helpChannels: Record<string, string>;
  workingHours: WorkingHours;
  /** SM-9: where cover requests are posted for the managers (the seed's #spt_managers). */
  coverChannel: string;
  /** SM-10: the first-response watch's margin, rhythm, regions, channels and thresholds. */
  firstResponse: FirstResponseSettings;
  /** SM-4: the redirect reply, its reaction and the form it links. */
  redirect: RedirectSettings;
  /** SM-8: the notice an upgrade-assistance request must give, and the calendar of support hours. */
  upgrade: UpgradeSettings;
}

export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = {
  channel: '#support_escalations',
  // ticket form → product channel; `default` for forms not listed and internal requests
  helpChannels: {
    self_managed: '#support_self-managed',
    saas: '#support_gitlab-com',
    dedicated: '#support_gitlab-com',
    licensing: '#support_licensing-subscription',
    default: '#support_self-managed',
  },
  workingHours: DEFAULT_WORKING_HOURS,
  coverChannel: '#spt_managers',
  firstResponse: DEFAULT_FIRST_RESPONSE,
  redirect: DEFAULT_REDIRECT,
  upgrade: DEFAULT_UPGRADE_SETTINGS,
};

export function escalationSettings(stored: { channel?: string; helpChannels?: Record<string, string>; workingHours?: WorkingHours; coverChannel?: string; firstResponse?: FirstResponseSettings; redirect?: Partial<RedirectSettings>; upgrade?: UpgradeSettings } | null): EscalationSettings {
  const d = DEFAULT_ESCALATION_SETTINGS;
  return {
    channel: stored?.channel ?? d.channel,
    helpChannels: { ...d.helpChannels, ...(stored?.helpChannels ?? {}) },
    workingHours: stored?.workingHours ?? d.workingHours,
    coverChannel: stored?.coverChannel ?? d.coverChannel,
    firstResponse: stored?.firstResponse ?? d.firstResponse,
    redirect: { ...d.redirect, ...(stored?.redirect ?? {}) },
    upgrade: stored?.upgrade ?? d.upgrade,
  };
}

/** SM-2: the product channel for a help thread: the one asked for (if it is a known one), else the form's. */
export function helpChannelFor(s: EscalationSettings, form: string | null, asked?: string): string | null {
  const known = [...new Set(Object.values(s.helpChannels))];
  if (asked !== undefined) {
    const want = asked.startsWith('#') ? asked : `#${asked}`;
    return known.includes(want) ? want : null;
  }
  return s.helpChannels[form ?? 'default'] ?? s.helpChannels.default ?? null;
}
