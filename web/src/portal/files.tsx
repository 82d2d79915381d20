// TK-2 / TK-8: files a customer attaches to a request or a reply. The browser sends them as
// base64 in the JSON body; the server checks each file against the attachment limit.
import { FileInput } from '@mantine/core';
import type { AttachmentUpload } from '../api/tickets.ts';

export const MAX_FILES = 20;

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error(`Could not read ${file.name}`));
    r.readAsDataURL(file);
  });
}

export async function toUploads(files: File[]): Promise<AttachmentUpload[]> {
  return Promise.all(files.map(async (f) => ({ filename: f.name, ...(f.type ? { contentType: f.type } : {}), contentBase64: await base64Of(f) })));
}

export function AttachFiles({ value, onChange, label = 'Attachments' }: { value: File[]; onChange: (files: File[]) => void; label?: string }) {
  return (
    <FileInput multiple clearable label={label} placeholder="Logs, screenshots… (optional)" value={value}
      onChange={(files) => onChange((files ?? []).slice(0, MAX_FILES))}
      description={`Up to ${MAX_FILES} files.`} data-testid="attach-files" />
  );
}
