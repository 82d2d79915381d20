// The reports' face (RP-1): the report names and the shape every report answers in, running one,
// and the command line.
export { REPORTS, REPORT_NAMES, GROUPS, parseFilters, toCsv, type ReportName, type ReportFilters, type ReportTable } from './report.ts';
export { runReport } from './service.ts';
export { registerReportCommands } from './cli.ts';
