import { parisDateOf } from '../calendar/dates';
import type { DocumentType } from '../db/tables/families.table';
import type { Commune } from '../settings/definitions';
import { compose, portalLink, type EmailText } from '../validation/emails';
import { DOCUMENT_TYPE_LABELS, frenchDate } from './rules';

/** What the family recognises its document by: its kind, its file name, the day it was sent. */
export interface DocumentMention {
  type: DocumentType;
  fileName: string;
  uploadedAt: string;
}

const describe = (doc: DocumentMention): string =>
  `« ${DOCUMENT_TYPE_LABELS[doc.type]} » (fichier « ${doc.fileName} », transmis le ${frenchDate(parisDateOf(doc.uploadedAt))})`;

export function documentAcceptedText(commune: Commune, hello: string, doc: DocumentMention, validUntil: string, publicUrl: string): EmailText {
  return compose(commune, `Document accepté : ${DOCUMENT_TYPE_LABELS[doc.type]}`, hello, [
    `Le pôle enfance-jeunesse a accepté votre document ${describe(doc)}.`,
    `Il est valable jusqu’au ${frenchDate(validUntil)}.`,
    `Vous retrouvez vos documents et leur état dans la rubrique « Documents » de votre espace famille : ${portalLink(publicUrl)}`,
  ]);
}

export function documentRefusedText(commune: Commune, hello: string, doc: DocumentMention, reason: string, publicUrl: string): EmailText {
  return compose(commune, `Document refusé : ${DOCUMENT_TYPE_LABELS[doc.type]}`, hello, [
    `Le pôle enfance-jeunesse n’a pas pu accepter votre document ${describe(doc)}, pour la raison suivante :`,
    `« ${reason} »`,
    `Merci de transmettre un nouveau document depuis la rubrique « Documents » de votre espace famille : ${portalLink(publicUrl)}`,
  ]);
}
