// The `macros` section of a workspace file (TK-3). Macros named here replace the demo macro with
// the same id; the demo set fills in the rest.
import type { WorkspaceSection } from '../workspace/section.ts';
import { allowOnly, at, bool, list, text, type Obj } from '../workspace/fields.ts';
import { invalid } from '../kernel/errors.ts';
import type { Macro, MacroAction } from './macro.ts';
import { saveMacro } from './service-macros.ts';

export const macrosSection: WorkspaceSection = {
  keys: ['macros'],
  order: 40,
  async apply(a) {
    for (const [i, o] of list(a.doc, 'macros').entries()) {
      const path = `macros[${i}]`;
      allowOnly(o, path, ['id', 'title', 'description', 'active', 'actions']);
      const actions = (o as Obj).actions;
      if (!Array.isArray(actions)) throw invalid('workspace.bad_field', `${path}.actions must be a list of actions.`, { path });
      const m: Macro = {
        id: text(o, 'id', path, { required: true })!, title: text(o, 'title', path, { required: true })!,
        description: text(o, 'description', path), active: bool(o, 'active', path) ?? true, actions: actions as MacroAction[],
      };
      const outcome = await at(path, () => saveMacro(a.tx, m, i, a.ctx.clock.now()));
      a.count('macros', outcome);
    }
  },
  async export(_ctx, tx) {
    const rows = await tx.db.selectFrom('ticket_macros').selectAll().orderBy('position').execute();
    if (rows.length === 0) return {};
    return {
      macros: rows.map((r) => ({ id: r.id, title: r.title, ...(r.description ? { description: r.description } : {}), active: Number(r.active) === 1, actions: JSON.parse(r.actions) })),
    };
  },
};
