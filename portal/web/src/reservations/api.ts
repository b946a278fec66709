import { request } from '../api';
import type { Id } from '../types';
import type { Catalog, FamilyPlanning, OfferAnswer, PeriodPlanning, Preview, RequestHistory, RequestLine, Submitted } from './types';

// The reservation endpoints (docs/API.md, "Reservations (issue 5)"), all scoped by the session.

export const getCatalog = (signal?: AbortSignal) => request<Catalog>('GET', '/api/family/booking/catalog', undefined, signal);

export const getPeriodPlanning = (childId: Id, periodId: Id, signal?: AbortSignal) =>
  request<PeriodPlanning>('GET', `/api/family/booking/planning?childId=${childId}&periodId=${periodId}`, undefined, signal);

export const getFamilyPlanning = (from: string, to: string, signal?: AbortSignal) =>
  request<FamilyPlanning>('GET', `/api/family/planning?from=${from}&to=${to}`, undefined, signal);

export const getRequests = (signal?: AbortSignal) => request<RequestHistory>('GET', '/api/family/requests', undefined, signal);

export const previewRequest = (lines: RequestLine[], signal?: AbortSignal) =>
  request<Preview>('POST', '/api/family/requests/preview', { lines }, signal);

export const submitRequest = (lines: RequestLine[]) => request<Submitted>('POST', '/api/family/requests', { lines });

/** A place offered from the waiting list: « Accepter la place » / « Refuser la place ». */
export const acceptOffer = (bookingId: Id) => request<OfferAnswer>('POST', `/api/family/bookings/${bookingId}/offer/accept`, {});
export const declineOffer = (bookingId: Id) => request<OfferAnswer>('POST', `/api/family/bookings/${bookingId}/offer/decline`, {});

export const createCalendarLink = () => request<{ url: string }>('POST', '/api/family/calendar-link');

/** The server refuses a request of more lines. */
export { MAX_REQUEST_LINES } from '../../../../shared/schemas/bookings';
