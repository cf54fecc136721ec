export {
  DISTRICT_KINDS,
  TOWNSHIP_KINDS,
  VILLAGE_KINDS,
  type CityNode,
  type DepartmentNode,
  type DistrictKind,
  type FlatUnit,
  type GridNode,
  type OrgTier,
  type OrgTreeError,
  type OrgTreeFile,
  type OrgTreeParseResult,
  type TownshipKind,
  type TownshipNode,
  type VillageKind,
  type VillageNode,
} from './types';
export { parseOrgTree } from './parse-org-tree';
export { flattenOrgTree } from './flatten-org-tree';
export {
  generateDemoDistrict,
  DEMO_DISTRICT_CODE,
  DEMO_DISTRICT_NAME,
  DEMO_TOWNSHIP_COUNT,
  DEMO_VILLAGE_COUNT,
} from './demo-district';
export { demoUsers, type DemoUser, type RoleCode } from './demo-users';
export { mulberry32 } from './seeded-random';
