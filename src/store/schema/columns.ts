// The column types every table uses, the same on both engines (see ../schema.ts).

/** ISO-8601 UTC text (`2026-11-23T09:00:00.000Z`): text on SQLite, timestamptz on PostgreSQL. */
export type Instant = string;
/** 0 or 1: SQLite has no boolean, so neither engine uses one. */
export type Flag = number;
/** JSON text, parsed by the store that owns the table. */
export type Json = string;
