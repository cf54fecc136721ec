/**
 * The org tree file staff maintain: district → township/street → village/community → grid, plus
 * the district departments (with the demand domains they own) and the city level. Codes are the
 * keys everywhere; names are what people read.
 */

export type OrgTier = 'district' | 'township' | 'village' | 'grid' | 'department' | 'city';

/** A county-level unit is either an urban district (区) or a county (县). */
export type DistrictKind = 'district' | 'county';
/** 乡镇 (township/town) or 街道 (urban street office). */
export type TownshipKind = 'township' | 'street';
/** 村 (village) or 社区 (urban community). */
export type VillageKind = 'village' | 'community';

export const DISTRICT_KINDS: readonly DistrictKind[] = ['district', 'county'];
export const TOWNSHIP_KINDS: readonly TownshipKind[] = ['township', 'street'];
export const VILLAGE_KINDS: readonly VillageKind[] = ['village', 'community'];

export interface GridNode {
  code: string;
  name: string;
}

export interface VillageNode {
  code: string;
  name: string;
  tier: 'village';
  kind: VillageKind;
  grids?: GridNode[];
}

export interface TownshipNode {
  code: string;
  name: string;
  tier: 'township';
  kind: TownshipKind;
  children?: VillageNode[];
}

export interface DepartmentNode {
  code: string;
  name: string;
  /** Demand domains (housing, transport, …) routed to this department. */
  domains: string[];
}

export interface CityNode {
  code: string;
  name: string;
}

/** The whole file. Every list is optional: a file may update only the departments, say. */
export interface OrgTreeFile {
  code: string;
  name: string;
  tier: 'district';
  kind?: DistrictKind;
  children?: TownshipNode[];
  departments?: DepartmentNode[];
  city?: CityNode;
}

/** One row of `org_units`, in an order where every parent comes before its children. */
export interface FlatUnit {
  code: string;
  name: string;
  tier: OrgTier;
  kind: string | null;
  parentCode: string | null;
  /** Position among the node's siblings in the same list of the file. */
  sortOrder: number;
}

/** One problem in a file, located by its JSON path, e.g. `$.children[0].grids[1].code`. */
export interface OrgTreeError {
  path: string;
  message: string;
}

export type OrgTreeParseResult =
  { ok: true; tree: OrgTreeFile; units: FlatUnit[] } | { ok: false; errors: OrgTreeError[] };
