// People from a vendor become Hotline people, matched to people the workspace already has by
// e-mail (case- and space-insensitive), so an import never makes a second account for anyone.
import { count, type ImportReport, type Plain, type WorkspaceDoc } from './document.ts';

export interface VendorPerson {
  id: string;
  name: string;
  email: string | null;
  timeZone?: string | null;
  role: 'admin' | 'manager' | 'engineer';
  contacts: { kind: string; address: string }[];
}

export const emailKey = (e: string): string => e.replace(/\s+/g, '').toLowerCase();

const E164 = /^\+[1-9]\d{6,14}$/;

/** Vendor id → the Hotline e-mail that stands for that person (existing spelling kept). */
export type PeopleMap = Map<string, string>;

export function mapPeople(vendor: readonly VendorPerson[], existing: readonly string[], doc: WorkspaceDoc, report: ImportReport): PeopleMap {
  const known = new Map(existing.map((e) => [emailKey(e), e]));
  const out: PeopleMap = new Map();
  for (const p of vendor) {
    if (!p.email || !p.email.includes('@')) {
      report.notMapped.push({ kind: 'user', source: `${p.name} (${p.id})`, why: 'no e-mail address: Hotline people are keyed by e-mail' });
      continue;
    }
    const key = emailKey(p.email);
    const have = known.get(key);
    if (have) {
      out.set(p.id, have);
      report.mapped.push({ kind: 'user', source: p.email, target: `existing person ${have}` });
      count(report, 'users_matched');
      continue;
    }
    const email = key;
    known.set(key, email);
    out.set(p.id, email);
    const contact: Plain[] = [];
    for (const c of p.contacts) {
      const ok = c.kind === 'email' ? c.address.includes('@') : c.kind === 'sms' || c.kind === 'voice' ? E164.test(c.address) : false;
      if (ok && !contact.some((x) => x.kind === c.kind && x.address === c.address)) contact.push({ kind: c.kind, address: c.address });
      else if (!ok) report.notMapped.push({ kind: 'contact_method', source: `${email}: ${c.kind} ${c.address}`, why: c.kind === 'sms' || c.kind === 'voice' ? 'not an E.164 phone number' : `Hotline has no ${c.kind} contact method` });
    }
    doc.users.push({ email, name: p.name || email, role: p.role, ...(p.timeZone ? { time_zone: p.timeZone } : {}), ...(contact.length ? { contact } : {}) });
    report.mapped.push({ kind: 'user', source: p.email, target: `new person ${email}` });
    count(report, 'users_created');
  }
  return out;
}
