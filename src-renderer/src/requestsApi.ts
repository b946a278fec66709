/** Staff API of the requests to process and the scheduled jobs (docs/API.md, "Requests to process (issue 6)"). */
import { request } from './api';

export type LineStatus = 'pending' | 'waitlisted' | 'accepted' | 'refused' | 'cancellation_pending' | 'cancelled';

export interface ProcessingLine {
  bookingId: number;
  version: number;
  kind: 'book' | 'cancel';
  status: LineStatus;
  requestId: number | null;
  familyId: number;
  familyName: string;
  childId: number;
  childName: string;
  age: number;
  serviceId: number;
  serviceName: string;
  unitId: number;
  unitName: string;
  groupId: number | null;
  groupName: string | null;
  date: string;
  arrivedAt: string;
  placesLeft: number | null;
  reason: string | null;
  stillBilledIfCancelled: boolean;
  offerExpiresAt: string | null;
}

export interface ProcessingList {
  lines: ProcessingLine[];
  waitlisted: ProcessingLine[];
  truncated: boolean;
}

export interface ProcessingOptions {
  services: {
    id: number;
    name: string;
    periods: { id: number; name: string; startDate: string; endDate: string }[];
    groups: { id: number; name: string }[];
  }[];
  reasons: string[];
  reasonMaxLength: number;
}

export interface ProcessingFilters {
  serviceId?: number;
  periodId?: number;
  groupId?: number;
  date?: string;
}

export interface DecisionResult {
  accepted: number;
  cancelled: number;
  refused: number;
  cancellationsRefused: number;
  notAccepted: { bookingId: number; message: string }[];
  promoted: number;
  offered: number;
  emails: number;
  message: string;
}

export interface LineRef {
  bookingId: number;
  version: number;
}

export interface ScheduledJob {
  name: string;
  label: string;
  lastRunAt: string | null;
  status: 'ok' | 'failed' | null;
  result: string | null;
}

function query(filters: ProcessingFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const requestsApi = {
  list: (filters: ProcessingFilters): Promise<ProcessingList> => request<ProcessingList>('GET', `/api/staff/requests${query(filters)}`),
  options: (): Promise<ProcessingOptions> => request<ProcessingOptions>('GET', '/api/staff/requests/options'),
  accept: (lines: LineRef[]): Promise<DecisionResult> => request<DecisionResult>('POST', '/api/staff/requests/accept', { body: { lines } }),
  refuse: (lines: LineRef[], reason: string): Promise<DecisionResult> =>
    request<DecisionResult>('POST', '/api/staff/requests/refuse', { body: { lines, reason } }),
  jobs: (): Promise<{ jobs: ScheduledJob[] }> => request<{ jobs: ScheduledJob[] }>('GET', '/api/staff/jobs'),
};
