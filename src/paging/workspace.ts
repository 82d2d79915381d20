// The paging part of a workspace file: escalation policies, services (with their Events API
// integration keys) and notification rules (PG-3, PG-6, PG-8; rules in service-workspace-rules.ts).
import { invalid } from '../kernel/errors.ts';
import { allowOnly, at, int, list, strings, text, type Obj, type WorkspaceSection } from '../workspace/index.ts';
import type { EscalationTarget } from './escalation.ts';
import { savePolicy, saveService } from './service-admin.ts';
import { findPolicies, findServices } from './store.ts';
import { applyNotificationRules, exportNotificationRules } from './service-workspace-rules.ts';
import { pagingSchema } from './workspace-schema.ts';

const TARGET_KINDS = ['user', 'team', 'schedule', 'rotation_group', 'group_dri'] as const;

function readTarget(o: Obj, path: string): EscalationTarget {
  const keys = Object.keys(o);
  const kind = keys[0] as (typeof TARGET_KINDS)[number];
  if (keys.length !== 1 || !TARGET_KINDS.includes(kind)) {
    throw invalid('workspace.bad_field', `${path}: a target is one of ${TARGET_KINDS.map((k) => `{${k}: …}`).join(', ')}.`, { path });
  }
  return { type: kind, id: text(o, kind, path, { required: true })! } as EscalationTarget;
}

export const pagingSection: WorkspaceSection = {
  schema: pagingSchema,
  order: 40,
  async apply(a) {
    for (const [i, p] of list(a.doc, 'escalation_policies').entries()) {
      const path = `escalation_policies[${i}]`;
      allowOnly(p, path, ['id', 'name', 'repeat', 'pageable_by', 'levels']);
      const levels = list(p, 'levels').map((l, j) => {
        const lp = `${path}.levels[${j}]`;
        allowOnly(l, lp, ['delay_minutes', 'targets', 'round_robin']);
        return {
          delayMinutes: int(l, 'delay_minutes', lp) ?? 15,
          targets: list(l, 'targets').map((t, k) => readTarget(t, `${lp}.targets[${k}]`)),
          ...(l.round_robin === true ? { roundRobin: true } : {}),
        };
      });
      const pageableBy = strings(p, 'pageable_by', path);
      const r = await at(path, () =>
        savePolicy(a.ctx, a.actor, { id: text(p, 'id', path), name: text(p, 'name', path, { required: true })!, repeat: int(p, 'repeat', path) ?? 0, levels, ...(pageableBy.length ? { pageableBy } : {}) }, a.tx),
      );
      a.count('escalation_policies', r.created ? 'created' : r.changed ? 'updated' : 'unchanged');
    }
    for (const [i, s] of list(a.doc, 'services').entries()) {
      const path = `services[${i}]`;
      allowOnly(s, path, ['id', 'name', 'description', 'escalation_policy', 'integration_key']);
      const r = await at(path, () =>
        saveService(a.ctx, a.actor, {
          id: text(s, 'id', path),
          name: text(s, 'name', path, { required: true })!,
          description: text(s, 'description', path) ?? null,
          escalationPolicyId: text(s, 'escalation_policy', path) ?? null,
          integrationKey: text(s, 'integration_key', path),
        }, a.tx),
      );
      a.count('services', r.created ? 'created' : r.changed ? 'updated' : 'unchanged');
    }
    await applyNotificationRules(a);
  },
  async export(_ctx, tx) {
    const policies = await findPolicies(tx);
    return {
      escalation_policies: policies.map((p) => ({
        id: p.id,
        name: p.name,
        ...(p.repeat ? { repeat: p.repeat } : {}),
        ...(p.pageableBy ? { pageable_by: [...p.pageableBy] } : {}),
        levels: p.levels.map((l) => ({ delay_minutes: l.delayMinutes, targets: l.targets.map((t) => ({ [t.type]: t.id })), ...(l.roundRobin ? { round_robin: true } : {}) })),
      })),
      services: (await findServices(tx)).map((s) => ({
        id: s.id, name: s.name, ...(s.description ? { description: s.description } : {}),
        ...(s.escalationPolicyId ? { escalation_policy: s.escalationPolicyId } : {}), integration_key: s.integrationKey,
      })),
      notification_rules: await exportNotificationRules(tx),
    };
  },
};
