// Defaults of the schedules capability, from the newest seed (001_…); workspaces override them.

/** SCH-10: "plan for an additional 15-30 minutes after your shift ends" — remind 30 minutes before. */
export const DEMO_HANDOFF_REMINDER_MINUTES = 30;
/** SCH-10: the range the seed gives for the hand-off reminder. */
export const HANDOFF_REMINDER_RANGE_MINUTES = { min: 15, max: 30 } as const;
/** How often a rotation that follows an iCalendar feed reads it again, unless it says otherwise. */
export const ICAL_REFRESH_MINUTES = 15;
