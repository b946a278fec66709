// How both UIs name an attachment: "Menu de décembre (PDF, 120 Ko)".

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** 123 456 bytes → "121 Ko"; 1 300 000 → "1,2 Mo" (French units, at least 1 Ko). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
  const mo = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return `${mo.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The name without its extension, then the type and size: the text of a download link. */
export function attachmentLabel(attachment: { fileName: string; mimeType: string; sizeBytes: number }): string {
  const dot = attachment.fileName.lastIndexOf('.');
  const name = dot > 0 ? attachment.fileName.slice(0, dot) : attachment.fileName;
  const type = TYPE_LABELS[attachment.mimeType] ?? 'fichier';
  return `${name} (${type}, ${formatFileSize(attachment.sizeBytes)})`;
}
