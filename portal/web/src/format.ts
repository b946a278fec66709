const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/** `YYYY-MM-DD` or an ISO timestamp → `dd/mm/yyyy` (timestamps read in French time). */
export function formatDate(value: string): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** `tel:` link target from a displayed phone number. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

const isoDayFormat = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/Paris',
});

/** Today in France, `YYYY-MM-DD`: the `today` of the shared schemas' date rules. */
export function todayInFrance(): string {
  return isoDayFormat.format(new Date());
}

/** A form's text → the API's value: trimmed, `null` when empty. */
export function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A form's number field → integer or null (the shared schema says what is wrong with the rest). */
export function numberOrNull(value: string): number | null {
  const trimmed = value.trim().replace(/\s+/g, '');
  return trimmed === '' ? null : Number(trimmed.replace(',', '.'));
}
