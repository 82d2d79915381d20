// Web addresses inside a reply's plain text, for the portal to make clickable. Only http(s): a
// "javascript:" or "data:" text stays text. Punctuation that ends a sentence is not part of the link.
export type Piece = { text: string } | { href: string; text: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

export function linkPieces(body: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of body.matchAll(URL_RE)) {
    let url = m[0];
    // Keep a closing bracket that belongs to the address, e.g. https://en.wikipedia.org/wiki/X_(y)
    const trail = TRAILING.exec(url)?.[0] ?? '';
    if (trail) url = url.slice(0, url.length - trail.length);
    let parsed: URL | null = null;
    try { parsed = new URL(url); } catch { parsed = null; }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) continue;
    if (m.index! > at) out.push({ text: body.slice(at, m.index) });
    out.push({ href: parsed.href, text: url });
    at = m.index! + url.length;
  }
  if (at < body.length) out.push({ text: body.slice(at) });
  return out;
}
