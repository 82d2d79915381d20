// Text and HTML bodies shared by the channels, so an action link reads the same everywhere.
import { createHash } from 'node:crypto';
import type { DeliveryAction } from './channel.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function actionLines(actions: DeliveryAction[] | undefined): string {
  return (actions ?? []).map((a) => `${a.label}: ${a.url}`).join('\n');
}

/** Plain text with the action links appended, one per line. */
export function textWithActions(text: string, actions: DeliveryAction[] | undefined): string {
  const lines = actionLines(actions);
  return lines ? `${text.replace(/\s+$/, '')}\n\n${lines}\n` : text;
}

export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export function actionsHtml(actions: DeliveryAction[] | undefined): string {
  if (!actions?.length) return '';
  const links = actions.map((a) => `<a href="${escapeHtml(a.url)}">${escapeHtml(a.label)}</a>`).join(' &middot; ');
  return `<p class="hotline-actions">${links}</p>`;
}

/** Short, stable, opaque digest: ids derived from it repeat exactly when the input repeats. */
export function digest(input: string, length = 32): string {
  return createHash('sha256').update(input).digest('hex').slice(0, length);
}
