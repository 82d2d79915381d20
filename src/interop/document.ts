// What an import produces: a Hotline workspace document (the plain shape `hotline apply -f` reads)
// and a report that says, item by item, what mapped, what was approximated (and how) and what could
// not be mapped. The vendor mappers fill both; nothing is dropped without a line in the report.

export type Plain = Record<string, unknown>;

export interface WorkspaceDoc {
  users: Plain[];
  teams: Plain[];
  rotations: Plain[];
  schedules: Plain[];
  schedule_overrides: Plain[];
  escalation_policies: Plain[];
  services: Plain[];
}

export interface Mapped { kind: string; source: string; target: string }
export interface Approximated { kind: string; source: string; how: string }
export interface NotMapped { kind: string; source: string; why: string }

/** One instant where the vendor's rendered schedule and Hotline's disagree. */
export interface Difference { at: string; vendor: string[]; hotline: string[] }

export interface ScheduleProof {
  schedule: string;
  source: string;
  from: string;
  to: string;
  /** Hand-off instants compared (both sides' boundaries inside the window). */
  instants: number;
  differences: Difference[];
}

export interface ImportReport {
  vendor: string;
  asOf: string;
  counts: Record<string, number>;
  mapped: Mapped[];
  approximated: Approximated[];
  notMapped: NotMapped[];
  proof: ScheduleProof[];
}

/** A vendor's rendered final schedule: who is on, piece by piece (the proof's reference). */
export interface RenderedEntry { start: string; end: string; user: string }
export interface RenderedSchedule { scheduleId: string; source: string; from: string; to: string; entries: RenderedEntry[] }

export interface ImportResult {
  doc: WorkspaceDoc;
  report: ImportReport;
  rendered: RenderedSchedule[];
}

export function emptyDoc(): WorkspaceDoc {
  return { users: [], teams: [], rotations: [], schedules: [], schedule_overrides: [], escalation_policies: [], services: [] };
}

export function emptyReport(vendor: string, asOf: string): ImportReport {
  return { vendor, asOf, counts: {}, mapped: [], approximated: [], notMapped: [], proof: [] };
}

/** Hotline ids are lower-case slugs; a vendor name becomes one, made unique within its kind. */
export function slugger(): (name: string, fallback: string) => string {
  const taken = new Set<string>();
  return (name, fallback) => {
    const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || fallback.toLowerCase();
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
    taken.add(id);
    return id;
  };
}

export function count(report: ImportReport, key: string, n = 1): void {
  report.counts[key] = (report.counts[key] ?? 0) + n;
}
