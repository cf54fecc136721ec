export { demandRouter, demandNotFound, type DemandRoutesOptions } from './demand-routes';
export { loadViewer, withholdsCitizen, type Viewer } from './viewer';
export {
  citizenView,
  citizenCell,
  createCitizenRedactor,
  NO_REDACTION,
  type CitizenColumns,
  type CitizenRedactor,
  type CitizenView,
} from './citizen-view';
export { findDemandByCode, findDemandRows, placementOf, type DemandRow } from './demand-rows';
export {
  demandSummary,
  citizenFor,
  unitRef,
  type DemandSummary,
  type UnitRef,
  type ViewContext,
} from './demand-summary';
export { demandDetail } from './demand-detail';
export { historyOf, type HistoryEntry } from './demand-records';
export { CITIZEN_CONTACT_ROLES } from './citizen-read';
export { SPLIT_ROLES, splitDemand, type SplitResult } from './demand-split';
export { single, timeBound, positiveInteger, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './list-query';
