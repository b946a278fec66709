import type { Selectable } from 'kysely';
import type { ContentAttachmentsTable } from '../db/tables/content.table';
import { newsState, publicAttachmentUrl, staffAttachmentUrl, type NewsState } from './rules';

// Row → DTO, every field listed: nothing else of a row (storage keys, authors) reaches a client.

export interface ServiceRef {
  id: number;
  name: string;
}

export interface AttachmentDto {
  id: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  /** Same-origin address of the file: the public one on the portal, the staff one in the back-office. */
  url: string;
}

export interface StaffNewsDto {
  id: number;
  title: string;
  body: string;
  service: ServiceRef | null;
  publishFrom: string;
  publishUntil: string | null;
  state: NewsState;
  attachments: AttachmentDto[];
  createdAt: string;
  updatedAt: string;
}

export interface StaffInfoPageDto {
  id: number;
  slug: string;
  title: string;
  body: string;
  service: ServiceRef | null;
  published: boolean;
  sortOrder: number;
  attachments: AttachmentDto[];
  createdAt: string;
  updatedAt: string;
}

export interface PublicNewsDto {
  id: number;
  title: string;
  body: string;
  publishedAt: string;
  service: ServiceRef | null;
  attachments: AttachmentDto[];
}

export interface PublicInfoPageSummaryDto {
  id: number;
  slug: string;
  title: string;
  service: ServiceRef | null;
}

export interface PublicInfoPageDto extends PublicInfoPageSummaryDto {
  body: string;
  attachments: AttachmentDto[];
}

export type AttachmentRow = Pick<Selectable<ContentAttachmentsTable>, 'id' | 'file_name' | 'mime_type' | 'size_bytes'>;

export const serviceRef = (id: number | null, name: string | null): ServiceRef | null =>
  id !== null && name !== null ? { id, name } : null;

export function attachmentDto(row: AttachmentRow, audience: 'public' | 'staff'): AttachmentDto {
  return {
    id: row.id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    url: audience === 'public' ? publicAttachmentUrl(row.id, row.file_name) : staffAttachmentUrl(row.id, row.file_name),
  };
}

export interface NewsRow {
  id: number;
  title: string;
  body: string;
  publish_from: string;
  publish_until: string | null;
  created_at: string;
  updated_at: string;
  service_id: number | null;
  service_name: string | null;
}

export function staffNewsDto(row: NewsRow, attachments: AttachmentRow[], nowIso: string): StaffNewsDto {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    service: serviceRef(row.service_id, row.service_name),
    publishFrom: row.publish_from,
    publishUntil: row.publish_until,
    state: newsState(row.publish_from, row.publish_until, nowIso),
    attachments: attachments.map((a) => attachmentDto(a, 'staff')),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function publicNewsDto(row: NewsRow, attachments: AttachmentRow[]): PublicNewsDto {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    publishedAt: row.publish_from,
    service: serviceRef(row.service_id, row.service_name),
    attachments: attachments.map((a) => attachmentDto(a, 'public')),
  };
}

export interface InfoPageRow {
  id: number;
  slug: string;
  title: string;
  body: string;
  published: 0 | 1;
  sort_order: number;
  created_at: string;
  updated_at: string;
  service_id: number | null;
  service_name: string | null;
}

export function staffInfoPageDto(row: InfoPageRow, attachments: AttachmentRow[]): StaffInfoPageDto {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    body: row.body,
    service: serviceRef(row.service_id, row.service_name),
    published: row.published === 1,
    sortOrder: row.sort_order,
    attachments: attachments.map((a) => attachmentDto(a, 'staff')),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function publicInfoPageDto(row: InfoPageRow, attachments: AttachmentRow[]): PublicInfoPageDto {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    body: row.body,
    service: serviceRef(row.service_id, row.service_name),
    attachments: attachments.map((a) => attachmentDto(a, 'public')),
  };
}
