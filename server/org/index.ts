export { importOrgTree, type OrgImportCounts } from './import-org-tree';
export { OrgImportError, formatOrgTreeErrors } from './org-import-error';
export { seedDemoIfEmpty, type DemoLogin, type SeedDemoOptions } from './seed-demo';
export { resolveUnitPlaces, onlyDistrictCode, type UnitPlaces } from './unit-places';
export { seedDemoHistory, DEMO_HISTORY_MONTHS } from './seed-demo-history';
