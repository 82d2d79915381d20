// How the on-call screens show a person: by name (never a raw e-mail when the name is known), and in
// a colour of their own. The colour comes from the person's id alone, so adding someone (an
// override, a new member) never recolours anyone else. No person's colour is red or pink: red
// hatching means "nobody on call".
import type { People } from './api.ts';

/** Light tints (dark text on them reads at well over 4.5:1) with a darker edge of the same hue. */
export const PERSON_COLOURS: readonly { bg: string; edge: string }[] = [
  { bg: '#a5d8ff', edge: '#1971c2' }, // blue
  { bg: '#b2f2bb', edge: '#2f9e44' }, // green
  { bg: '#ffec99', edge: '#e67700' }, // yellow
  { bg: '#d0bfff', edge: '#6741d9' }, // violet
  { bg: '#99e9f2', edge: '#0c8599' }, // cyan
  { bg: '#ffd8a8', edge: '#d9480f' }, // orange
  { bg: '#96f2d7', edge: '#099268' }, // teal
  { bg: '#bac8ff', edge: '#3b5bdb' }, // indigo
  { bg: '#d8f5a2', edge: '#5c940d' }, // lime
  { bg: '#dee2e6', edge: '#495057' }, // grey
  { bg: '#e9d8c4', edge: '#8a5a2b' }, // sand
  { bg: '#c5f6fa', edge: '#1098ad' }, // ice
];
export const BAND_TEXT = '#1a1b1e';
/** Nobody on call: red and white hatching, unlike any person's flat tint. */
export const GAP_FILL = 'repeating-linear-gradient(-45deg, #c92a2a 0 3px, #fff 3px 8px)';

/** FNV-1a: a small, stable string hash. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function personColour(people: People, email: string): { bg: string; edge: string } {
  return PERSON_COLOURS[hash(people[email]?.id ?? email) % PERSON_COLOURS.length];
}

/** The person's name; for someone Hotline does not know by name, the part before the @. */
export function nameOf(people: People, email: string | null | undefined): string {
  if (!email) return 'nobody';
  return people[email]?.name ?? email.split('@')[0];
}

export const namesOf = (people: People, emails: readonly string[]) => emails.map((e) => nameOf(people, e)).join(', ');
