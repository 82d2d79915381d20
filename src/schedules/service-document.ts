// The schedules as stored: the definitions document as it was written (rotations, schedules,
// rotation groups) and the validated model with the overrides and swaps in force. What-if staffing
// (RP-2) starts a proposal from the document and replays history against the model.
import type { Tx } from '../store/tx.ts';
import type { SchedulesWorkspace } from './config.ts';
import { EMPTY_DOCUMENT, findDefinitions, loadSchedules, type DefinitionsDocument } from './store.ts';

export type { DefinitionsDocument };

export async function currentSchedules(tx: Tx): Promise<{ document: DefinitionsDocument; workspace: SchedulesWorkspace; version: number }> {
  const defs = await findDefinitions(tx);
  const { version, ...workspace } = await loadSchedules(tx);
  return { document: defs?.document ?? EMPTY_DOCUMENT, workspace, version };
}
