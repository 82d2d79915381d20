// RP-1: the reports over the API. Every report is one table (columns, rows) the screen charts; the
// same query with format=csv is the download.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../api/answer.ts';
import { API_BASE, request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

export type ReportTable = components['schemas']['Report'];
export type Cell = ReportTable['rows'][number][number];
type ReportList = Answer<'/api/v1/reports'>;
export type ReportInfo = ReportList['items'][number];
export interface ReportQuery { since: string; until: string; region?: string; group?: string }

export function useReportList() {
  return useQuery({ queryKey: ['reports'], queryFn: () => request<ReportList>('GET', '/reports').then((r) => r.items) });
}

const params = (q: ReportQuery) => {
  const p = new URLSearchParams({ since: q.since, until: q.until });
  if (q.region) p.set('region', q.region);
  if (q.group) p.set('group', q.group);
  return p;
};

export function useReport(name: string, q: ReportQuery) {
  return useQuery({ queryKey: ['reports', name, q], queryFn: () => request<ReportTable>('GET', `/reports/${name}?${params(q)}`) });
}

/** The address of the same report as CSV (the session cookie signs the download). */
export const csvUrl = (name: string, q: ReportQuery) => `${API_BASE}/reports/${name}?${params(q)}&format=csv`;
