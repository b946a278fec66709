/** Staff API of the bookings made for a family, exceptional absences and exports (docs/API.md, issue 6). */
import type { ChildPlanningDto, CatalogDto } from '../../shared/bookings/planning';
import type { RequestRecapDto, SubmittedRequestDto, RequestLineDto } from '../../shared/bookings/requests';
import type { ExportOptionsDto } from '../../shared/bookings/exports';
import type { BookingEventDto, FamilyBookingsDto, StaffBookingDto } from '../../shared/bookings/staff';
import type { RequestLineInput } from '../../shared/schemas/bookings';
import { ApiError, NETWORK_ERROR_MESSAGE, request } from './api';

export type {
  BookingEventDto,
  CatalogDto,
  ChildPlanningDto,
  ExportOptionsDto,
  FamilyBookingsDto,
  RequestLineDto,
  RequestLineInput,
  RequestRecapDto,
  StaffBookingDto,
  SubmittedRequestDto,
};

export interface StaffRequestBody {
  lines: RequestLineInput[];
  reason: string;
  billed?: boolean;
}

export interface ExportQuery {
  serviceId: number;
  from: string;
  to: string;
  groupId?: number | null;
}

const family = (familyId: number) => `/api/staff/bookings/families/${encodeURIComponent(String(familyId))}`;

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function exportUrl(q: ExportQuery): string {
  return `/api/staff/bookings/export${query({ serviceId: q.serviceId, from: q.from, to: q.to, groupId: q.groupId ?? null })}`;
}

/** The file name the server gives in Content-Disposition. */
function fileNameOf(response: Response): string {
  const header = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(header)?.[1] ?? 'reservations.xlsx';
}

export const staffBookingsApi = {
  list: (familyId: number, params: { month: string | null; childId?: number | null; serviceId?: number | null }) =>
    request<FamilyBookingsDto>('GET', `${family(familyId)}${query(params)}`),
  catalog: (familyId: number) => request<CatalogDto>('GET', `${family(familyId)}/catalog`),
  planning: (familyId: number, childId: number, periodId: number) =>
    request<ChildPlanningDto>('GET', `${family(familyId)}/planning${query({ childId, periodId })}`),
  history: (familyId: number, bookingId: number) =>
    request<{ items: BookingEventDto[] }>('GET', `${family(familyId)}/bookings/${bookingId}/history`),
  setExceptionalAbsence: (familyId: number, bookingId: number, body: { exceptional: boolean; reason: string }) =>
    request<StaffBookingDto>('PUT', `${family(familyId)}/bookings/${bookingId}/exceptional-absence`, { body }),
  preview: (familyId: number, body: StaffRequestBody) => request<RequestRecapDto>('POST', `${family(familyId)}/requests/preview`, { body }),
  submit: (familyId: number, body: StaffRequestBody) => request<SubmittedRequestDto>('POST', `${family(familyId)}/requests`, { body }),

  exportOptions: () => request<ExportOptionsDto>('GET', '/api/staff/bookings/export/options'),

  /** Downloads the .xlsx (a JSON error answer becomes an ApiError with its French message). */
  exportFile: async (q: ExportQuery): Promise<{ blob: Blob; fileName: string }> => {
    let response: Response;
    try {
      response = await fetch(exportUrl(q), { credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
    }
    if (!response.ok) {
      let message = `L’export n’a pas pu être produit (HTTP ${response.status}).`;
      let code = 'http';
      try {
        const body = (await response.json()) as { error?: unknown; message?: unknown };
        if (typeof body.message === 'string') message = body.message;
        if (typeof body.error === 'string') code = body.error;
      } catch {
        // Not JSON: keep the generic sentence.
      }
      throw new ApiError(response.status, code, message);
    }
    return { blob: await response.blob(), fileName: fileNameOf(response) };
  },
};

/** Saves a downloaded file through a temporary link (the browser's usual download). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
