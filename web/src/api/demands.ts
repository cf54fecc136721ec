import { queryString, request } from './http';
import type { CitizenContact, DemandDetail, DemandPage } from './types';

/** The filters of `GET /api/demands` as the server reads them (lists comma-separated). */
export interface DemandQuery {
  q?: string;
  status?: string;
  category?: string;
  domain?: string;
  tier?: string;
  unit?: string;
  from?: string;
  to?: string;
  overdue?: 'true' | 'false';
  page?: number;
  pageSize?: number;
}

/** `GET /api/demands`: the demands the caller may see, one page of them. */
export function listDemands(query: DemandQuery): Promise<DemandPage> {
  return request<DemandPage>('GET', `/demands${queryString({ ...query })}`);
}

/** `GET /api/demands/{code}`: the demand with masked personal data. */
export function getDemand(code: string): Promise<DemandDetail> {
  return request<DemandDetail>('GET', `/demands/${encodeURIComponent(code)}`);
}

/** `GET /api/demands/{code}/citizen`: full contact values; the server logs the read. */
export function revealCitizen(code: string): Promise<CitizenContact> {
  return request<CitizenContact>(
    'GET',
    `/demands/${encodeURIComponent(code)}/citizen${queryString({ purpose: 'contact_citizen' })}`,
  );
}

export interface SplitResult {
  code: string;
  status: string;
  restarted: boolean;
}

/** `POST /api/demands/{code}/split`: takes `code` out of the duplicate group of `from`. */
export function splitDemand(code: string, from: string): Promise<SplitResult> {
  return request<SplitResult>('POST', `/demands/${encodeURIComponent(code)}/split`, { from });
}
