// The `escalations:` and `skills:` sections of a workspace file (SM-1, SM-2): where escalations are
// announced and help threads opened, and the skills-by-subject directory a manager assigns from.
//
//   escalations:
//     channel: '#support_escalations'
//     help_channels: { self_managed: '#support_self-managed', saas: '#support_gitlab-com', licensing: '#support_licensing-subscription' }
//     working_hours: '09:00-17:00'          # weekdays, in each person's own time zone
//     cover_channel: '#spt_managers'         # SM-9: where cover requests are posted
//   skills:
//     - { person: lena.fox@example.com, region: EMEA, subjects: { licensing: expert, self_managed: proficient } }
import { invalid } from '../kernel/errors.ts';
import { findUser, findUsers } from '../people/index.ts';
import { allowOnly, list, text, type Obj, type WorkspaceSection } from '../workspace/index.ts';
import { SKILL_LEVELS, type SkillLevel } from './skills.ts';
import { listSkills, readEscalationSettings, saveEscalationSettings, saveSkills, type SkillRow, type StoredEscalationSettings } from './store.ts';

const HOURS = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
const isMap = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function readSettings(doc: unknown): StoredEscalationSettings {
  if (!isMap(doc)) throw invalid('workspace.bad_field', 'escalations: must be a map with channel, help_channels and working_hours.', { path: 'escalations' });
  allowOnly(doc, 'escalations', ['channel', 'help_channels', 'working_hours', 'cover_channel']);
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
  const hours = text(doc, 'working_hours', 'escalations');
  if (hours !== undefined) {
    if (!HOURS.test(hours) || hours.slice(6) <= hours.slice(0, 5)) throw invalid('workspace.bad_field', `escalations.working_hours: "${hours}" is not a range such as 09:00-17:00.`, { path: 'escalations.working_hours' });
    out.workingHours = { from: hours.slice(0, 5), to: hours.slice(6) };
  }
  return out;
}

export const escalationsSection: WorkspaceSection = {
  keys: ['escalations', 'skills'],
  order: 75, // after people, whose e-mails the directory names
  async apply(a) {
    if (a.doc.escalations !== undefined && a.doc.escalations !== null) {
      a.count('escalations', await saveEscalationSettings(a.tx, readSettings(a.doc.escalations), a.ctx.clock.now()));
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
      ...(s ? { escalations: { ...(s.channel ? { channel: s.channel } : {}), ...(s.helpChannels ? { help_channels: s.helpChannels } : {}), ...(s.workingHours ? { working_hours: `${s.workingHours.from}-${s.workingHours.to}` } : {}), ...(s.coverChannel ? { cover_channel: s.coverChannel } : {}) } } : {}),
      ...(skills.length ? { skills: skills.map((p) => ({ person: users.find((u) => u.id === p.userId)?.email ?? p.userId, ...(p.region ? { region: p.region } : {}), subjects: p.subjects })) } : {}),
    };
  },
};
