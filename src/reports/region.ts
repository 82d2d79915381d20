// RP-1: which region a ticket counts for — its requester's own region when the directory has one,
// else the region of their time zone's continent (America/ → AMER; Europe/, Africa/ → EMEA; Asia/,
// Australia/, Pacific/ → APAC), else AMER, the same default the first-response watch uses (SM-10).
// The store turns the same table into SQL, so a filter in the database and a label here agree.

export const ZONE_REGIONS: readonly { prefix: string; region: string }[] = [
  { prefix: 'America/', region: 'AMER' },
  { prefix: 'Europe/', region: 'EMEA' },
  { prefix: 'Africa/', region: 'EMEA' },
  { prefix: 'Asia/', region: 'APAC' },
  { prefix: 'Australia/', region: 'APAC' },
  { prefix: 'Pacific/', region: 'APAC' },
];
export const FALLBACK_REGION = 'AMER';

export function regionOf(person: { region: string | null; zone: string | null }): string {
  if (person.region) return person.region;
  return ZONE_REGIONS.find((z) => person.zone?.startsWith(z.prefix))?.region ?? FALLBACK_REGION;
}

/** The zone a region's hours are read in, when the caller names no zone (heat map, shifts). */
export const REGION_ZONES: Readonly<Record<string, string>> = {
  AMER: 'America/New_York',
  EMEA: 'Europe/London',
  APAC: 'Australia/Sydney',
  USGOV: 'America/Los_Angeles',
};
