// The `emergencies` section of a workspace file: the workflow's configuration (any subset of the
// handbook's numbers and names; the seeds' values are the defaults) and the WF-16 planned-work
// notes an ASE leaves on an account, shown the moment that account raises an emergency.
//
//   emergencies:
//     config:
//       silence: { follow_up_after_minutes: 15, bridge_close_after_follow_up_minutes: 15 }
//       bridge_url_template: https://meet.example.com/hotline-{ticket}   # WF-5, optional
//       load: { aqc_baseline: 22 }
//       rotations: { us_government_managers: us-government-managers }   # a schedule (WF-6, SCH-5)
//     planned_work:
//       - { organization: Acme Robotics, author: ase@example.com, text: "Database migration Saturday", until: 2026-12-01T00:00:00Z }
import { invalid } from '../kernel/errors.ts';
import { Temporal, isoUtc } from '../kernel/time.ts';
import { findOrganization, findOrganizations } from '../people/index.ts';
import { whoIsOnCall } from '../schedules/index.ts';
import { allowOnly, text, type Obj, type WorkspaceSection } from '../workspace/index.ts';
import { readEmergencyConfig } from './config-doc.ts';
import { readStoredSettings, saveEmergencySettings, type StoredPlannedWork } from './service-settings.ts';
import { emergenciesSchema } from './workspace-schema.ts';

function instantField(o: Obj, key: string, path: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  const s = v instanceof Date ? v.toISOString() : String(v);
  try {
    return isoUtc(Temporal.Instant.from(s));
  } catch {
    throw invalid('workspace.bad_field', `${path}.${key}: "${s}" is not an instant such as 2026-12-01T00:00:00Z.`, { path: `${path}.${key}` });
  }
}

export const emergenciesSection: WorkspaceSection = {
  schema: emergenciesSchema,
  order: 70, // after organisations, whose names the planned-work notes use
  async apply(a) {
    const doc = a.doc.emergencies;
    if (doc === undefined || doc === null) return;
    if (typeof doc !== 'object' || Array.isArray(doc)) throw invalid('workspace.bad_field', 'emergencies: must be a map with config and planned_work.', { path: 'emergencies' });
    const e = doc as Obj;
    allowOnly(e, 'emergencies', ['config', 'planned_work']);
    // validates; the file's own spelling is what is kept and exported
    const usGovManagers = readEmergencyConfig(e.config ?? {}).config.rotations.usGovernmentManagers;
    if (usGovManagers && !(await whoIsOnCall(a.ctx, {}, a.tx)).schedules.some((s) => s.scheduleId === usGovManagers)) {
      const path = 'emergencies.config.rotations.us_government_managers';
      throw invalid('workspace.unknown_schedule', `${path}: no schedule "${usGovManagers}"; add it under schedules first.`, { path });
    }
    const config = (e.config ?? {}) as Record<string, unknown>;
    const notes = e.planned_work ?? [];
    if (!Array.isArray(notes)) throw invalid('workspace.bad_field', 'emergencies.planned_work: must be a list of notes.', { path: 'emergencies.planned_work' });
    const plannedWork: StoredPlannedWork[] = [];
    for (const [i, raw] of notes.entries()) {
      const path = `emergencies.planned_work[${i}]`;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('workspace.bad_field', `${path}: must be a map.`, { path });
      const n = raw as Obj;
      allowOnly(n, path, ['organization', 'author', 'text', 'from', 'until']);
      const orgRef = text(n, 'organization', path, { required: true })!;
      const org = (await findOrganization(a.tx, { name: orgRef })) ?? (await findOrganization(a.tx, { slug: orgRef })) ?? (await findOrganization(a.tx, { id: orgRef }));
      if (!org) throw invalid('workspace.unknown_organization', `${path}.organization: no organisation "${orgRef}"; add it under organizations first.`, { path });
      const from = instantField(n, 'from', path);
      const until = instantField(n, 'until', path);
      if (from && until && from >= until) throw invalid('workspace.bad_field', `${path}: from must be before until.`, { path });
      plannedWork.push({ orgId: org.id, author: text(n, 'author', path, { required: true })!, text: text(n, 'text', path, { required: true })!, from, until });
    }
    a.count('emergencies', await saveEmergencySettings(a.tx, { config, plannedWork }, a.ctx.clock.now()));
  },
  async export(_ctx, tx) {
    const s = await readStoredSettings(tx);
    if (!s) return {};
    const orgs = await findOrganizations(tx, { ids: [...new Set(s.plannedWork.map((n) => n.orgId))] });
    const planned = s.plannedWork.map((n) => ({
      organization: orgs.find((o) => o.id === n.orgId)?.name ?? n.orgId, author: n.author, text: n.text,
      ...(n.from ? { from: n.from } : {}), ...(n.until ? { until: n.until } : {}),
    }));
    return { emergencies: { ...(Object.keys(s.config).length ? { config: s.config } : {}), ...(planned.length ? { planned_work: planned } : {}) } };
  },
};
