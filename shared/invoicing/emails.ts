/** The e-mails of invoicing: a new invoice (PDF attached or a link, per the family's choice) and a reminder. */
import type { Commune } from '../settings/definitions';
import { formatEuros } from '../tariffs/money';
import { compose, type EmailText } from '../validation/emails';
import { ofMonthLabel } from './compute';

const fr = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const facturesUrl = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, '')}/espace/factures`;

export function newInvoiceText(
  commune: Commune,
  hello: string,
  invoice: { number: string; monthLabel: string; totalCents: number; dueDate: string; directDebit: boolean },
  delivery: 'email_pdf' | 'email_link',
  publicUrl: string,
): EmailText {
  return compose(commune, `Votre facture ${ofMonthLabel(invoice.monthLabel)} (n° ${invoice.number})`, hello, [
    `Votre facture n° ${invoice.number} des activités ${ofMonthLabel(invoice.monthLabel)} est disponible. Son montant est de ${formatEuros(invoice.totalCents)}.`,
    delivery === 'email_pdf'
      ? `Vous la trouverez en pièce jointe (PDF), ainsi que dans votre espace famille, rubrique « Factures » : ${facturesUrl(publicUrl)}`
      : `Vous pouvez la consulter et la télécharger dans votre espace famille, rubrique « Factures » : ${facturesUrl(publicUrl)}`,
    invoice.directDebit
      ? `Elle sera prélevée sur votre compte à l'échéance (mandat de prélèvement SEPA) : vous n'avez rien à faire.`
      : `Merci de la régler avant le ${fr(invoice.dueDate)} : en ligne depuis votre espace famille (bouton « Régler »), ou à la mairie.`,
  ]);
}

export function reminderText(
  commune: Commune,
  hello: string,
  invoice: { number: string; monthLabel: string; amountDueCents: number; dueDate: string },
  publicUrl: string,
): EmailText {
  return compose(commune, `Rappel : facture n° ${invoice.number} à régler`, hello, [
    `Sauf erreur de notre part, votre facture n° ${invoice.number} des activités ${ofMonthLabel(invoice.monthLabel)}, arrivée à échéance le ${fr(invoice.dueDate)}, reste à régler pour ${formatEuros(invoice.amountDueCents)}.`,
    `Vous pouvez la régler en ligne depuis votre espace famille, rubrique « Factures » : ${facturesUrl(publicUrl)}, ou à la mairie.`,
    'Si vous avez réglé cette facture entre-temps, merci de ne pas tenir compte de ce message.',
  ]);
}

export function creditNoteText(
  commune: Commune,
  hello: string,
  number: string,
  invoiceNumber: string,
  totalCents: number,
  publicUrl: string,
  delivery: 'email_pdf' | 'email_link',
): EmailText {
  return compose(commune, `Avoir n° ${number} sur votre facture n° ${invoiceNumber}`, hello, [
    `Nous avons émis l'avoir n° ${number} de ${formatEuros(totalCents)} sur votre facture n° ${invoiceNumber} : ce montant est déduit de ce que vous devez.`,
    delivery === 'email_pdf'
      ? `Vous le trouverez en pièce jointe (PDF), ainsi que dans votre espace famille, rubrique « Factures » : ${facturesUrl(publicUrl)}`
      : `Vous pouvez le consulter dans votre espace famille, rubrique « Factures » : ${facturesUrl(publicUrl)}`,
  ]);
}
