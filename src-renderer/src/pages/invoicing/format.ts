import { formatEuros } from '../../../../shared/tariffs/money';

export { formatEuros };

export const frDate = (d: string | null): string => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

export const period = (from: string | null, to: string | null): string =>
  from && to ? (from === to ? `le ${frDate(from)}` : `du ${frDate(from)} au ${frDate(to)}`) : '';
