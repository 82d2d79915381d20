import type { Capability } from '../runtime/capability.ts';
import { schedulesSection } from './workspace.ts';

export const schedulesCapability: Capability = {
  name: 'schedules',
  workspace: schedulesSection,
};
