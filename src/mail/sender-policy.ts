// Who may open tickets by e-mail (TK-8). An empty or absent list lets everyone in; otherwise an
// entry is a full address (`ana@acme.test`), a domain (`acme.test` or `@acme.test`), or a domain
// with its subdomains (`*.acme.test`). Pure: no I/O.

export function isSenderAllowed(address: string | null | undefined, allowList: readonly string[] | undefined): boolean {
  if (!allowList || allowList.length === 0) return true;
  if (!address) return false;
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const full = address.toLowerCase();
  const domain = full.slice(at + 1);
  return allowList.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry.startsWith('*.')) return domain.endsWith(entry.slice(1)) || domain === entry.slice(2);
    if (entry.startsWith('@')) return domain === entry.slice(1);
    if (entry.includes('@')) return full === entry;
    return domain === entry;
  });
}

export function isRecipientDomainAccepted(address: string, domains: readonly string[] | undefined): boolean {
  if (!domains || domains.length === 0) return true;
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((d) => d.toLowerCase() === domain);
}
