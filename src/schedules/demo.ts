// The demo workspace's schedules (the seeds' rotations, roster of examples/demo.yaml) as the plain
// data a workspace file gives; examples/demo.yaml carries the same keys.
import { DEMO_AMER_DRI, DEMO_AMER_WINDOWS, DEMO_AMER_ZONE, DEMO_FALLBACK_USER, DEMO_HANDOFF_REMINDER_MINUTES, DEMO_USGOV_SHIFTS, DEMO_USGOV_ZONE } from './config.ts';

const AMER_MEMBERS: Record<string, string[]> = {
  'amer-1': ['alice.nguyen@example.com', 'bruno.costa@example.com'],
  'amer-2': ['carmen.diaz@example.com', 'dmitri.volkov@example.com'],
  'amer-3': ['elena.park@example.com', 'frank.osei@example.com'],
};

/** Monday 2026-01-05: weekly hand-offs happen on Mondays at midnight in each rotation's zone. */
export const DEMO_ROTATION_START = '2026-01-05T00:00';

const weekly = { every: 1, unit: 'weeks' };

export const DEMO_SCHEDULES_DOCUMENT = {
  rotations: [
    // SCH-2: three overlapping 6-hour AMER schedules.
    ...DEMO_AMER_WINDOWS.map((w) => ({
      id: w.id,
      name: w.name,
      time_zone: DEMO_AMER_ZONE,
      start: DEMO_ROTATION_START,
      handoff: weekly,
      restrictions: [`${w.from}-${w.to}`],
      members: AMER_MEMBERS[w.id],
    })),
    // SCH-4: follow-the-sun with AMER (12:00–20:00 New York): EMEA 08:00–17:00 London and APAC
    // 08:00–17:00 Tokyo overlap it in every DST combination, so the three give 24x7.
    { id: 'emea', name: 'EMEA', time_zone: 'Europe/London', start: DEMO_ROTATION_START, handoff: weekly, restrictions: ['08:00-17:00'], members: ['greta.muller@example.com', 'hamid.rahimi@example.com', 'ines.laurent@example.com', 'jonas.berg@example.com'] },
    { id: 'apac', name: 'APAC', time_zone: 'Asia/Tokyo', start: DEMO_ROTATION_START, handoff: weekly, restrictions: ['08:00-17:00'], members: ['kenji.sato@example.com', 'lakshmi.iyer@example.com', 'mei.chen@example.com', 'noah.williams@example.com'] },
    // SCH-4: the support manager on call, around the clock including weekends.
    { id: 'support-managers', name: 'Support managers', time_zone: 'America/New_York', start: DEMO_ROTATION_START, handoff: weekly, members: ['tara.brooks@example.com', 'walter.kim@example.com', 'umar.farouk@example.com', 'valerie.ng@example.com'] },
    { id: 'directors', name: 'Directors', time_zone: 'America/New_York', start: DEMO_ROTATION_START, handoff: weekly, members: ['xena.powell@example.com', 'yusuf.demir@example.com'] },
    // PG-3: APAC weekend backup pool — volunteers, all paged together at weekends.
    { id: 'apac-backup', name: 'APAC weekend backup pool', time_zone: 'Asia/Singapore', start: DEMO_ROTATION_START, handoff: weekly, mode: 'all', restrictions: [{ days: 'weekends', from: '00:00', to: '00:00' }], members: ['oliver.tan@example.com', 'priya.nair@example.com'] },
    // SCH-5: US government, 7 days, three 8-hour shifts.
    { id: 'us-government', name: 'US Government', time_zone: DEMO_USGOV_ZONE, start: DEMO_ROTATION_START, windows: [...DEMO_USGOV_SHIFTS], members: ['quinn.harris@example.com', 'rosa.martinez@example.com', 'sam.taylor@example.com'] },
    // SCH-5/WF-6: the managers on call for US-government emergencies, around the clock.
    { id: 'us-government-managers', name: 'US Government managers', time_zone: DEMO_USGOV_ZONE, start: DEMO_ROTATION_START, handoff: weekly, members: ['walter.kim@example.com', 'tara.brooks@example.com'] },
    // SCH-7: the shadow schedule: paged alongside AMER hours, never owns a page.
    { id: 'customer-emergencies-shadow', name: 'Customer emergencies shadow', time_zone: 'America/Toronto', start: DEMO_ROTATION_START, handoff: weekly, restrictions: [{ days: 'weekdays', from: '12:00', to: '20:00' }], members: [{ user: 'cody.lee@example.com', shadow: true }] },
  ],
  schedules: [
    ...DEMO_AMER_WINDOWS.map((w) => ({ id: w.id, name: w.name, time_zone: DEMO_AMER_ZONE, layers: [{ id: 'primary', name: 'Primary', rotation: w.id }] })),
    { id: 'emea', name: 'EMEA', time_zone: 'Europe/London', layers: [{ id: 'primary', name: 'Primary', rotation: 'emea' }] },
    { id: 'apac', name: 'APAC', time_zone: 'Asia/Tokyo', layers: [{ id: 'primary', name: 'Primary', rotation: 'apac' }] },
    { id: 'support-managers', name: 'Support manager on call', time_zone: 'America/New_York', layers: [{ id: 'primary', name: 'Primary', rotation: 'support-managers' }] },
    { id: 'directors', name: 'Directors', time_zone: 'America/New_York', layers: [{ id: 'primary', name: 'Primary', rotation: 'directors' }] },
    { id: 'apac-backup', name: 'APAC weekend backup pool', time_zone: 'Asia/Singapore', layers: [{ id: 'pool', name: 'Pool', rotation: 'apac-backup' }] },
    {
      id: 'us-government',
      name: 'US Government',
      time_zone: DEMO_USGOV_ZONE,
      layers: [{ id: 'shifts', name: 'Three 8-hour shifts', rotation: 'us-government' }],
      // SCH-6: a weekday day shift given up falls back to the bot.
      fallback: { user: DEMO_FALLBACK_USER, coverable: [{ days: 'weekdays', from: '05:00', to: '13:00' }] },
    },
    { id: 'us-government-managers', name: 'US Government manager on call', time_zone: DEMO_USGOV_ZONE, layers: [{ id: 'primary', name: 'Primary', rotation: 'us-government-managers' }] },
    { id: 'customer-emergencies-shadow', name: 'Customer emergencies shadow', time_zone: 'America/Toronto', layers: [{ id: 'shadows', name: 'Shadows', rotation: 'customer-emergencies-shadow' }] },
  ],
  rotation_groups: [
    {
      id: 'amer',
      name: 'AMER',
      time_zone: DEMO_AMER_ZONE,
      schedules: DEMO_AMER_WINDOWS.map((w) => w.id),
      coverage: ['12:00-20:00'],
      dri: DEMO_AMER_DRI.map((d) => ({ schedule: d.schedule, from: d.from, to: d.to })),
      handoff_reminder_minutes: DEMO_HANDOFF_REMINDER_MINUTES,
    },
    {
      id: 'customer-emergencies',
      name: 'Customer emergencies (follow the sun)',
      time_zone: 'UTC',
      schedules: [...DEMO_AMER_WINDOWS.map((w) => w.id), 'emea', 'apac'],
      // SCH-3 within follow-the-sun: AMER's DRI plan in New York time, else whoever is on EMEA / APAC.
      dri: [
        ...DEMO_AMER_DRI.map((d) => ({ schedule: d.schedule, from: d.from, to: d.to, time_zone: DEMO_AMER_ZONE })),
        { schedule: 'emea', from: '08:00', to: '17:00', time_zone: 'Europe/London' },
        { schedule: 'apac', from: '08:00', to: '17:00', time_zone: 'Asia/Tokyo' },
      ],
      handoff_reminder_minutes: DEMO_HANDOFF_REMINDER_MINUTES,
    },
    { id: 'us-government', name: 'US Government', time_zone: DEMO_USGOV_ZONE, schedules: ['us-government'], handoff_reminder_minutes: DEMO_HANDOFF_REMINDER_MINUTES },
    { id: 'support-managers', name: 'Support managers', time_zone: 'America/New_York', schedules: ['support-managers'], handoff_reminder_minutes: DEMO_HANDOFF_REMINDER_MINUTES },
  ],
  schedule_overrides: [
    // SCH-6: Quinn gives up a weekday day shift; the bot covers it.
    { id: 'usgov-dayshift-to-bot', schedule: 'us-government', start: '2026-12-01T05:00', end: '2026-12-01T13:00', replaces: 'quinn.harris@example.com' },
  ],
  schedule_swaps: [],
};
