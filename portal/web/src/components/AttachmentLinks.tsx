import { attachmentLabel } from '../../../../shared/content/format';
import type { Attachment } from '../types';

/** The files of a news item or an info page, as download links: "Menu de décembre (PDF, 120 Ko)". */
export function AttachmentLinks({ attachments, label = 'Documents à télécharger' }: { attachments: Attachment[]; label?: string }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label={label}>
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <a href={attachment.url} download={attachment.fileName}>
            {attachmentLabel(attachment)}
          </a>
        </li>
      ))}
    </ul>
  );
}
