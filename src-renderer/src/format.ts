/** French display helpers: dates dd/mm/yyyy, labels of codes. */
import type { OutboxStatus, StaffRole } from './types';

const pad = (value: number): string => String(value).padStart(2, '0');

function parse(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `YYYY-MM-DD` or an ISO timestamp → `dd/mm/yyyy` (local time for timestamps). */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  }
  const date = parse(value);
  if (!date) return typeof value === 'string' ? value : '';
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
}

/** ISO timestamp → `dd/mm/yyyy HH:mm` in local time. */
export function formatDateTime(value: string | Date): string {
  const date = parse(value);
  if (!date) return typeof value === 'string' ? value : '';
  return `${formatDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const ROLE_LABELS: Record<StaffRole, string> = {
  admin: 'Administrateur',
  agent: 'Agent',
  animateur: 'Animateur',
};

export function roleLabel(role: StaffRole): string {
  return ROLE_LABELS[role] ?? role;
}

const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: 'En attente',
  sent: 'Envoyé',
  failed: 'Échec',
};

export function outboxStatusLabel(status: OutboxStatus): string {
  return OUTBOX_STATUS_LABELS[status] ?? status;
}

export const OUTBOX_STATUS_COLORS: Record<OutboxStatus, string> = {
  pending: 'yellow',
  sent: 'green',
  failed: 'red',
};

/** Bytes → `12,3 Mo` (French decimal comma). */
export function formatSize(bytes: number): string {
  const units = ['octets', 'Ko', 'Mo', 'Go'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString('fr-FR', { maximumFractionDigits: digits })} ${units[unit]}`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('fr-FR');
}
