import type { Generated } from 'kysely';
import type { Bool, Id, IsoInstant } from './common';

export interface NewsTable {
  id: Id;
  service_id: number | null;
  title: string;
  body: string;
  publish_from: IsoInstant;
  publish_until: IsoInstant | null;
  created_by: number | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface InfoPagesTable {
  id: Id;
  service_id: number | null;
  slug: string;
  title: string;
  body: string;
  published: Generated<Bool>;
  sort_order: Generated<number>;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface ContentAttachmentsTable {
  id: Id;
  news_id: number | null;
  info_page_id: number | null;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  storage_key: string;
  created_at: IsoInstant;
}
