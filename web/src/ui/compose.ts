// What a compose box holds once its message went out. The box stays editable while sending, so
// whatever was typed meanwhile must survive: only the text that was sent is taken away, and only
// when the box still starts with exactly it.
export function afterSent(current: string, sent: string): string {
  if (current === sent) return '';
  if (sent && current.startsWith(sent)) return current.slice(sent.length).replace(/^\s+/, '');
  return current;
}
