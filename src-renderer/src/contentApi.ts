/** Staff endpoints of the portal content (docs/API.md, "Portal content (issue 4)"). */
import type {
  AttachmentDto,
  ServiceRef,
  StaffInfoPageDto,
  StaffNewsDto,
} from '../../shared/content/presenters';
import type { InfoPageBody, NewsBody } from '../../shared/schemas/content';
import { request } from './api';

// Response shapes come from the server's presenters (type-only imports: nothing of shared/ is bundled here).
export type { AttachmentDto as ContentAttachment, ServiceRef, StaffInfoPageDto as InfoPage, StaffNewsDto as News };
export type { NewsState } from '../../shared/content/rules';

const id = (value: number): string => encodeURIComponent(String(value));

export type ContentKind = 'news' | 'info-pages';

const base = (kind: ContentKind, itemId: number): string => `/api/staff/${kind}/${id(itemId)}`;

export const contentApi = {
  services: (): Promise<{ items: ServiceRef[] }> => request('GET', '/api/staff/content/services'),

  newsList: (): Promise<{ items: StaffNewsDto[] }> => request('GET', '/api/staff/news'),
  news: (newsId: number): Promise<StaffNewsDto> => request('GET', base('news', newsId)),
  createNews: (body: NewsBody): Promise<StaffNewsDto> => request('POST', '/api/staff/news', { body }),
  saveNews: (newsId: number, body: NewsBody): Promise<StaffNewsDto> => request('PUT', base('news', newsId), { body }),
  deleteNews: (newsId: number): Promise<void> => request('DELETE', base('news', newsId)),

  infoPages: (): Promise<{ items: StaffInfoPageDto[] }> => request('GET', '/api/staff/info-pages'),
  infoPage: (pageId: number): Promise<StaffInfoPageDto> => request('GET', base('info-pages', pageId)),
  createInfoPage: (body: InfoPageBody): Promise<StaffInfoPageDto> => request('POST', '/api/staff/info-pages', { body }),
  saveInfoPage: (pageId: number, body: InfoPageBody): Promise<StaffInfoPageDto> =>
    request('PUT', base('info-pages', pageId), { body }),
  deleteInfoPage: (pageId: number): Promise<void> => request('DELETE', base('info-pages', pageId)),

  uploadAttachment: (kind: ContentKind, itemId: number, file: File): Promise<AttachmentDto> => {
    const form = new FormData();
    form.set('file', file, file.name);
    return request('POST', `${base(kind, itemId)}/attachments`, { form });
  },
  deleteAttachment: (kind: ContentKind, itemId: number, attachmentId: number): Promise<void> =>
    request('DELETE', `${base(kind, itemId)}/attachments/${id(attachmentId)}`),
};
