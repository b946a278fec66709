import { detectFileType, SNIFF_BYTES } from '../../../../../../shared/documents/file-type';
import { MAX_DOCUMENT_BYTES } from '../../../../../../shared/documents/rules';

export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const FILE_RULES = 'PDF, JPEG ou PNG, 10 Mo au maximum.';

/**
 * Why the server would refuse this file (same limit and same content check as the server,
 * from shared/documents), or null: the parent learns it before a long upload on a phone.
 */
export async function fileProblem(file: File | null): Promise<string | null> {
  if (!file) return 'Choisissez le fichier à transmettre.';
  if (file.size === 0) return 'Ce fichier est vide.';
  if (file.size > MAX_DOCUMENT_BYTES) {
    return 'Ce fichier dépasse 10 Mo : réduisez-le (ou numérisez le document en qualité moindre) puis recommencez.';
  }
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  if (!detectFileType(head)) {
    return 'Ce fichier n’est ni un PDF, ni une image JPEG ou PNG (son contenu est vérifié, pas seulement son nom).';
  }
  return null;
}
