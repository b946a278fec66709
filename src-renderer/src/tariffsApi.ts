/** Staff endpoints of the tariffs (docs/API.md, "Tariffs (issue 4)"). */
import type { TariffGridCopyInput, TariffGridCreateInput, TariffGridInput } from '../../shared/schemas/tariffs';
import type {
  TariffBracketDto,
  TariffGridDto,
  TariffGridStatus,
  TariffGridSummaryDto,
  TariffOverviewDto,
  TariffServiceDto,
  TariffUnitDto,
} from '../../shared/tariffs/grids';
import { request } from './api';

export type {
  TariffBracketDto,
  TariffGridDto,
  TariffGridStatus,
  TariffGridSummaryDto,
  TariffOverviewDto,
  TariffServiceDto,
  TariffUnitDto,
};

const grid = (gridId: number): string => `/api/staff/tariffs/grids/${encodeURIComponent(String(gridId))}`;

export const tariffsApi = {
  overview: (): Promise<TariffOverviewDto> => request<TariffOverviewDto>('GET', '/api/staff/tariffs'),
  grid: (gridId: number): Promise<TariffGridDto> => request<TariffGridDto>('GET', grid(gridId)),
  create: (body: TariffGridCreateInput): Promise<TariffGridDto> => request<TariffGridDto>('POST', '/api/staff/tariffs/grids', { body }),
  save: (gridId: number, body: TariffGridInput): Promise<TariffGridDto> => request<TariffGridDto>('PUT', grid(gridId), { body }),
  remove: (gridId: number): Promise<void> => request<undefined>('DELETE', grid(gridId)),
  copy: (gridId: number, body: TariffGridCopyInput): Promise<TariffGridDto> =>
    request<TariffGridDto>('POST', `${grid(gridId)}/copy`, { body }),
};
