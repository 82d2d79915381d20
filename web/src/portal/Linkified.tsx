// A reply's text with its web addresses as links (links.ts decides what is one). Everything else is
// rendered as text by React, so markup in a reply is shown, never run.
import { Anchor } from '@mantine/core';
import { linkPieces } from './links.ts';

export function Linkified({ text }: { text: string }) {
  return (
    <>
      {linkPieces(text).map((p, i) => ('href' in p
        ? <Anchor key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow" style={{ overflowWrap: 'anywhere' }}>{p.text}</Anchor>
        : <span key={i}>{p.text}</span>))}
    </>
  );
}
