// The `escalations:` and `skills:` sections of a workspace file (SM-1, SM-2): where escalations are
// announced and help threads opened, and the skills-by-subject directory a manager assigns from.
//
//   escalations:
//     channel: '#support_escalations'
//     help_channels: { self_managed: '#support_self-managed', saas: '#support_gitlab-com', licensing: '#support_licensing-subscription' }
//     working_hours: '09:00-17:00'          # weekdays, in each person's own time zone
//     cover_channel: '#spt_managers'         # SM-9: where cover requests are posted
//     redirect: { reaction: escalate, form_url: 'https://…', text: '… {form} … {channel}' }  # SM-4
//     upgrade_assistance: { min_notice_hours: 168, support_hours: 24x5 }  # SM-8: support_hours names one of sla.calendars
//     first_response: { margin_minutes: 60, every_minutes: 5, regions: { EMEA: { channel: '#support_team-chat', zones: [Europe/], threshold: 5 } } }  # SM-10
//   skills:
//     - { person: lena.fox@example.com, region: EMEA, subjects: { licensing: expert, self_managed: proficient } }
import { invalid } from '../kernel/errors.ts';
import { findUser, findUsers } from '../people/index.ts';
import { loadTicketSettings } from '../tickets/index.ts';
import type { Tx } from '../store/tx.ts';
import { allowOnly, list, text, type Obj, type WorkspaceSection } from '../workspace/index.ts';
import { DEFAULT_FIRST_RESPONSE, type FirstResponseSettings } from './first-response.ts';
import type { RedirectSettings } from './redirect.ts';
import { armFirstResponseWatch } from './service-watch.ts';
import { SKILL_LEVELS, type SkillLevel } from './skills.ts';
import { DEFAULT_UPGRADE_SETTINGS, type UpgradeSettings } from './upgrade.ts';
import { listSkills, readEscalationSettings, saveEscalationSettings, saveSkills, type SkillRow, type StoredEscalationSettings } from './store.ts';
import { escalationsSchema } from './workspace-schema.ts';

const HOURS = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
const isMap = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

async function readSettings(tx: Tx, doc: unknown): Promise<StoredEscalationSettings> {
  if (!isMap(doc)) throw invalid('workspace.bad_field', 'escalations: must be a map with channel, help_channels and working_hours.', { path: 'escalations' });
  allowOnly(doc, 'escalations', ['channel', 'help_channels', 'working_hours', 'cover_channel', 'first_response', 'redirect', 'upgrade_assistance']);
  const out: StoredEscalationSettings = {};
  const channel = text(doc, 'channel', 'escalations');
  if (channel !== undefined) {
    if (!/^#\S+$/.test(channel)) throw invalid('workspace.bad_field', `escalations.channel: "${channel}" is not a channel such as #support_escalations.`, { path: 'escalations.channel' });
    out.channel = channel;
  }
  const cover = text(doc, 'cover_channel', 'escalations');
  if (cover !== undefined) {
    if (!/^#\S+$/.test(cover)) throw invalid('workspace.bad_field', `escalations.cover_channel: "${cover}" is not a channel such as #spt_managers.`, { path: 'escalations.cover_channel' });
    out.coverChannel = cover;
  }
  if (doc.help_channels !== undefined) {
    if (!isMap(doc.help_channels)) throw invalid('workspace.bad_field', 'escalations.help_channels: must map a ticket form to a channel.', { path: 'escalations.help_channels' });
    out.helpChannels = {};
    for (const form of Object.keys(doc.help_channels)) {
      const c = text(doc.help_channels, form, 'escalations.help_channels', { required: true })!;
      if (!/^#\S+$/.test(c)) throw invalid('workspace.bad_field', `escalations.help_channels.${form}: "${c}" is not a channel.`, { path: `escalations.help_channels.${form}` });
      out.helpChannels[form] = c;
    }
  }
  if (doc.first_response !== undefined && doc.first_response !== null) out.firstResponse = readFirstResponse(doc.first_response);
  if (doc.redirect !== undefined && doc.redirect !== null) out.redirect = readRedirect(doc.redirect);
  if (doc.upgrade_assistance !== undefined && doc.upgrade_assistance !== null) out.upgrade = await readUpgrade(tx, doc.upgrade_assistance);
  const hours = text(doc, 'working_hours', 'escalations');
  if (hours !== undefined) {
    if (!HOURS.test(hours) || hours.slice(6) <= hours.slice(0, 5)) throw invalid('workspace.bad_field', `escalations.working_hours: "${hours}" is not a range such as 09:00-17:00.`, { path: 'escalations.working_hours' });
    out.workingHours = { from: hours.slice(0, 5), to: hours.slice(6) };
  }
  return out;
}

const bad = (path: string, message: string) => invalid('workspace.bad_field', `escalations.first_response${path}: ${message}`, { path: `escalations.first_response${path}` });
const whole = (v: unknown, path: string, min: number, max: number): number => {
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) throw bad(path, `must be a whole number from ${min} to ${max}.`);
  return v as number;
};

/** SM-10: `first_response: { margin_minutes, every_minutes, regions: { AMER: { channel, zones, threshold } } }`. */
function readFirstResponse(doc: unknown): FirstResponseSettings {
  if (!isMap(doc)) throw bad('', 'must be a map with margin_minutes, every_minutes and regions.');
  allowOnly(doc, 'escalations.first_response', ['margin_minutes', 'every_minutes', 'regions']);
  const d = DEFAULT_FIRST_RESPONSE;
  const out: FirstResponseSettings = { marginMinutes: doc.margin_minutes === undefined ? d.marginMinutes : whole(doc.margin_minutes, '.margin_minutes', 1, 7 * 24 * 60), everyMinutes: doc.every_minutes === undefined ? d.everyMinutes : whole(doc.every_minutes, '.every_minutes', 1, 24 * 60), regions: d.regions };
  if (doc.regions !== undefined) {
    if (!isMap(doc.regions) || !Object.keys(doc.regions).length) throw bad('.regions', 'must map each region (AMER, EMEA, APAC …) to its channel, zones and threshold.');
    out.regions = {};
    for (const [name, r] of Object.entries(doc.regions)) {
      const path = `.regions.${name}`;
      if (!isMap(r)) throw bad(path, 'must be a map with channel, zones and threshold.');
      allowOnly(r, `escalations.first_response${path}`, ['channel', 'zones', 'threshold']);
      const channel = r.channel;
      if (typeof channel !== 'string' || !/^#\S+$/.test(channel)) throw bad(`${path}.channel`, `"${String(channel)}" is not a channel such as #support_team-chat.`);
      const zones = r.zones ?? [];
      if (!Array.isArray(zones) || zones.some((z) => typeof z !== 'string' || !z)) throw bad(`${path}.zones`, 'must list time-zone prefixes such as America/ (or * for every zone not listed elsewhere).');
      out.regions[name] = { channel, zones: zones as string[], threshold: whole(r.threshold, `${path}.threshold`, 1, 10_000) };
    }
  }
  return out;
}

/**
 * SM-8: `upgrade_assistance: { min_notice_hours, support_hours }`. The support hours are one of the
 * TK-7 business-hours calendars (sla.calendars, or the built-in 24x7), so the SLA clocks and the
 * upgrade check never disagree about when support works; without it, the SLA policy's calendar.
 */
async function readUpgrade(tx: Tx, doc: unknown): Promise<UpgradeSettings> {
  const path = 'escalations.upgrade_assistance';
  if (!isMap(doc)) throw invalid('workspace.bad_field', `${path}: must be a map with min_notice_hours and support_hours.`, { path });
  allowOnly(doc, path, ['min_notice_hours', 'support_hours']);
  const out: UpgradeSettings = { ...DEFAULT_UPGRADE_SETTINGS };
  if (doc.min_notice_hours !== undefined && doc.min_notice_hours !== null) {
    const n = doc.min_notice_hours;
    if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > 24 * 366) throw invalid('workspace.bad_field', `${path}.min_notice_hours: ${JSON.stringify(n)} must be a whole number of hours from 0 to ${24 * 366}.`, { path: `${path}.min_notice_hours` });
    out.minNoticeHours = n as number;
  }
  const cal = doc.support_hours === undefined || doc.support_hours === null ? undefined : String(doc.support_hours);
  if (cal !== undefined) {
    const ids = (await loadTicketSettings(tx)).sla.calendars.map((c) => c.id);
    if (!ids.includes(cal)) throw invalid('workspace.bad_field', `${path}.support_hours: "${cal}" is not a business-hours calendar; name one of ${ids.join(', ')} (define more under sla.calendars).`, { path: `${path}.support_hours` });
    out.supportHours = cal;
  }
  return out;
}

/** SM-4: `redirect: { reaction, text, form_url }`, each optional (the seed's reply and reaction by default). */
function readRedirect(doc: unknown): Partial<RedirectSettings> {
  const path = 'escalations.redirect';
  if (!isMap(doc)) throw invalid('workspace.bad_field', `${path}: must be a map with reaction, text and form_url.`, { path });
  allowOnly(doc, path, ['reaction', 'text', 'form_url']);
  const out: Partial<RedirectSettings> = {};
  const reaction = text(doc, 'reaction', path);
  if (reaction !== undefined) {
    if (!/^:?[a-z0-9_+'-]+:?$/.test(reaction)) throw invalid('workspace.bad_field', `${path}.reaction: "${reaction}" is not a reaction name such as escalate.`, { path: `${path}.reaction` });
    out.reaction = reaction.replace(/^:|:$/g, '');
  }
  const reply = text(doc, 'text', path);
  if (reply !== undefined) {
    if (!reply.includes('{form}')) throw invalid('workspace.bad_field', `${path}.text: the reply must link the form: put {form} where its address goes.`, { path: `${path}.text` });
    out.text = reply;
  }
  const form = text(doc, 'form_url', path);
  if (form !== undefined) {
    if (!/^https?:\/\/\S+$/.test(form)) throw invalid('workspace.bad_field', `${path}.form_url: "${form}" is not an http(s) address.`, { path: `${path}.form_url` });
    out.formUrl = form;
  }
  return out;
}

export const escalationsSection: WorkspaceSection = {
  schema: escalationsSchema,
  order: 75, // after people, whose e-mails the directory names
  async apply(a) {
    if (a.doc.escalations !== undefined && a.doc.escalations !== null) {
      a.count('escalations', await saveEscalationSettings(a.tx, await readSettings(a.tx, a.doc.escalations), a.ctx.clock.now()));
      await armFirstResponseWatch(a.tx, a.ctx.clock.now()); // SM-10: the watch looks from now on, at its rhythm
    }
    if (a.doc.skills === undefined || a.doc.skills === null) return;
    const people: SkillRow[] = [];
    for (const [i, p] of list(a.doc, 'skills').entries()) {
      const path = `skills[${i}]`;
      allowOnly(p, path, ['person', 'region', 'subjects']);
      const email = text(p, 'person', path, { required: true })!;
      const u = await findUser(a.tx, { email });
      if (!u || u.role === 'customer') throw invalid('workspace.unknown_user', `${path}.person: no staff member "${email}"; add them under users first.`, { path: `${path}.person` });
      if (people.some((x) => x.userId === u.id)) throw invalid('workspace.duplicate', `${path}.person: ${email} is listed twice; give them one entry with all their subjects.`, { path: `${path}.person` });
      if (!isMap(p.subjects) || !Object.keys(p.subjects).length) throw invalid('workspace.bad_field', `${path}.subjects: map each subject to a level (${SKILL_LEVELS.join(', ')}).`, { path: `${path}.subjects` });
      const subjects: Record<string, SkillLevel> = {};
      for (const [subject, level] of Object.entries(p.subjects)) {
        if (!SKILL_LEVELS.includes(level as SkillLevel)) throw invalid('workspace.bad_field', `${path}.subjects.${subject}: "${String(level)}" is not a level; use ${SKILL_LEVELS.join(', ')}.`, { path: `${path}.subjects.${subject}` });
        subjects[subject] = level as SkillLevel;
      }
      people.push({ userId: u.id, region: text(p, 'region', path) ?? u.region ?? null, subjects });
    }
    a.count('skills', await saveSkills(a.tx, people));
  },
  async export(_ctx, tx) {
    const s = await readEscalationSettings(tx);
    const skills = await listSkills(tx);
    const users = skills.length ? await findUsers(tx, { ids: skills.map((p) => p.userId) }) : [];
    return {
      ...(s ? { escalations: { ...(s.channel ? { channel: s.channel } : {}), ...(s.helpChannels ? { help_channels: s.helpChannels } : {}), ...(s.workingHours ? { working_hours: `${s.workingHours.from}-${s.workingHours.to}` } : {}), ...(s.coverChannel ? { cover_channel: s.coverChannel } : {}), ...(s.redirect ? { redirect: { ...(s.redirect.reaction ? { reaction: s.redirect.reaction } : {}), ...(s.redirect.text ? { text: s.redirect.text } : {}), ...(s.redirect.formUrl ? { form_url: s.redirect.formUrl } : {}) } } : {}), ...(s.upgrade ? { upgrade_assistance: { min_notice_hours: s.upgrade.minNoticeHours, ...(s.upgrade.supportHours ? { support_hours: s.upgrade.supportHours } : {}) } } : {}), ...(s.firstResponse ? { first_response: { margin_minutes: s.firstResponse.marginMinutes, every_minutes: s.firstResponse.everyMinutes, regions: Object.fromEntries(Object.entries(s.firstResponse.regions).map(([k, r]) => [k, { channel: r.channel, zones: r.zones, threshold: r.threshold }])) } } : {}) } } : {}),
      ...(skills.length ? { skills: skills.map((p) => ({ person: users.find((u) => u.id === p.userId)?.email ?? p.userId, ...(p.region ? { region: p.region } : {}), subjects: p.subjects })) } : {}),
    };
  },
};
