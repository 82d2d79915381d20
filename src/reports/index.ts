// The reports' face: the report names and the shape every report answers in, running one (RP-1);
// what-if staffing (RP-2) — the pure replay and its shapes, the use case; and the command line.
export { REPORTS, REPORT_NAMES, GROUPS, parseFilters, toCsv, type ReportName, type ReportFilters, type ReportTable } from './report.ts';
export { runReport } from './service.ts';
export { registerReportCommands } from './cli.ts';
export { whatIf, routeArrivals, type WhatIfInput, type WhatIfResult, type Arrival, type Figures, type Load, type Outcome, type Routed } from './whatif.ts';
export { whatIfCsv, whatIfPeopleCsv } from './whatif-csv.ts';
export { runWhatIf, whatIfStart, type WhatIfRequest } from './service-whatif.ts';
export { registerWhatIfCommands } from './cli-whatif.ts';
