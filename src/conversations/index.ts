// The conversations capability's face (WF-1): threads, mentions and the chat mirror, usable by any
// capability that keeps a thread. Emergencies write their thread through it.
export type { ThreadEntry, ChatRoot } from './store.ts';
export { addThreadEntry, findThreadEntry, listThread } from './store.ts';
export { deliverMention, mentionedUserIds } from './service-mentions.ts';
export { JOB_MIRROR, queueMirror, chatLine } from './service-mirror.ts';
