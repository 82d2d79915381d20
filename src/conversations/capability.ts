// Conversations plug into the node: the chat mirror job (WF-1), which posts thread entries to chat
// in order under one chat thread per ticket.
import type { Capability } from '../runtime/capability.ts';
import { registerMirrorJob } from './service-mirror.ts';

export const conversationsCapability: Capability = {
  name: 'conversations',
  jobs: (ctx) => registerMirrorJob(ctx),
};
