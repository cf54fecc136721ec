import { flattenOrgTree } from './flatten-org-tree';
import { isDomainIdentifier, TreeChecker, type NodeContext } from './tree-checker';
import {
  DISTRICT_KINDS,
  TOWNSHIP_KINDS,
  VILLAGE_KINDS,
  type CityNode,
  type DepartmentNode,
  type GridNode,
  type OrgTreeFile,
  type OrgTreeParseResult,
  type TownshipNode,
  type VillageNode,
} from './types';

const TOP_LEVEL_ONLY = 'departments and city belong at the top level of the file';
const NO_GRIDS_HERE = 'grids belong on villages/communities (村/社区) only';

/**
 * Checks an org tree file completely and, when it is sound, flattens it into `org_units` rows.
 * Every problem is collected (not just the first), each with its JSON path, so a clerk can fix
 * the whole file in one pass. The returned tree is a clean copy: names trimmed, nothing extra.
 */
export function parseOrgTree(json: unknown): OrgTreeParseResult {
  const checker = new TreeChecker();
  const tree = checkDistrict(checker, json);
  if (!tree || checker.errors.length > 0) return { ok: false, errors: checker.errors };
  return { ok: true, tree, units: flattenOrgTree(tree) };
}

function checkDistrict(checker: TreeChecker, value: unknown): OrgTreeFile | undefined {
  const ctx: NodeContext = { path: '$', names: [] };
  const node = checker.object(value, ctx, 'the file');
  if (!node) return undefined;
  const { name } = checker.name(node, ctx);
  // The district's own name is left out of the breadcrumbs: every node is in it.
  const tierOk = checker.tier(node, ctx, 'district', 'the top of the file is the district (区/县)');
  checker.keys(node, ctx, ['code', 'name', 'tier', 'kind', 'children', 'departments', 'city'], {
    grids: NO_GRIDS_HERE,
  });
  const code = checker.code(node, ctx);
  const kind = checker.kind(node, ctx, DISTRICT_KINDS, '区/县', false);
  const children = checker.list(node, 'children', ctx, (item, at) =>
    checkTownship(checker, item, at),
  );
  const departments = checker.list(node, 'departments', ctx, (item, at) =>
    checkDepartment(checker, item, at),
  );
  const city = node.city === undefined ? undefined : checkCity(checker, node.city, ctx);
  if (!tierOk || code === undefined || name === undefined) return undefined;
  return {
    code,
    name,
    tier: 'district',
    ...(kind && { kind }),
    ...(children && { children }),
    ...(departments && { departments }),
    ...(city && { city }),
  };
}

function checkTownship(
  checker: TreeChecker,
  value: unknown,
  at: NodeContext,
): TownshipNode | undefined {
  const node = checker.object(value, at, 'a township/street');
  if (!node) return undefined;
  const { name, ctx } = checker.name(node, at);
  // A node in the wrong place would drown in follow-on errors; its tier says it all.
  if (!checker.tier(node, ctx, 'township', "a district's children are townships/streets")) {
    return undefined;
  }
  checker.keys(node, ctx, ['code', 'name', 'tier', 'kind', 'children'], {
    grids: NO_GRIDS_HERE,
    departments: TOP_LEVEL_ONLY,
    city: TOP_LEVEL_ONLY,
  });
  const code = checker.code(node, ctx);
  const kind = checker.kind(node, ctx, TOWNSHIP_KINDS, '乡镇/街道', true);
  const children = checker.list(node, 'children', ctx, (item, itemAt) =>
    checkVillage(checker, item, itemAt),
  );
  if (code === undefined || name === undefined || kind === undefined) return undefined;
  const township: TownshipNode = { code, name, tier: 'township', kind };
  if (children) township.children = children;
  return township;
}

function checkVillage(
  checker: TreeChecker,
  value: unknown,
  at: NodeContext,
): VillageNode | undefined {
  const node = checker.object(value, at, 'a village/community');
  if (!node) return undefined;
  const { name, ctx } = checker.name(node, at);
  if (!checker.tier(node, ctx, 'village', "a township's children are villages/communities")) {
    return undefined;
  }
  checker.keys(node, ctx, ['code', 'name', 'tier', 'kind', 'grids'], {
    children: 'a village/community has no "children"; list its grids under "grids"',
    departments: TOP_LEVEL_ONLY,
    city: TOP_LEVEL_ONLY,
  });
  const code = checker.code(node, ctx);
  const kind = checker.kind(node, ctx, VILLAGE_KINDS, '村/社区', true);
  const grids = checker.list(node, 'grids', ctx, (item, itemAt) =>
    checkGrid(checker, item, itemAt),
  );
  if (code === undefined || name === undefined || kind === undefined) return undefined;
  const village: VillageNode = { code, name, tier: 'village', kind };
  if (grids) village.grids = grids;
  return village;
}

function checkGrid(checker: TreeChecker, value: unknown, at: NodeContext): GridNode | undefined {
  const node = checker.object(value, at, 'a grid');
  if (!node) return undefined;
  const { name, ctx } = checker.name(node, at);
  const tierOk = node.tier === undefined || checker.tier(node, ctx, 'grid', 'a grid');
  checker.keys(node, ctx, ['code', 'name', 'tier'], {
    children: 'a grid (网格) is the lowest level and has no children',
    grids: 'a grid (网格) is the lowest level and has no grids',
  });
  const code = checker.code(node, ctx);
  return tierOk && code !== undefined && name !== undefined ? { code, name } : undefined;
}

function checkDepartment(
  checker: TreeChecker,
  value: unknown,
  at: NodeContext,
): DepartmentNode | undefined {
  const node = checker.object(value, at, 'a department');
  if (!node) return undefined;
  const { name, ctx } = checker.name(node, at);
  const tierOk = node.tier === undefined || checker.tier(node, ctx, 'department', 'a department');
  checker.keys(node, ctx, ['code', 'name', 'tier', 'domains'], {
    children: 'departments have no children in the org tree',
    grids: NO_GRIDS_HERE,
  });
  const code = checker.code(node, ctx);
  const domains = checkDomains(checker, node.domains, ctx);
  if (!tierOk || code === undefined || name === undefined || !domains) return undefined;
  const department: DepartmentNode = { code, name, domains };
  return department;
}

/** Domains drive routing, so each must be a clean identifier and listed once per department. */
function checkDomains(
  checker: TreeChecker,
  value: unknown,
  ctx: NodeContext,
): string[] | undefined {
  const expected = 'domains must be a non-empty list of lowercase identifiers like ["housing"]';
  if (!Array.isArray(value) || value.length === 0) {
    checker.report(ctx, 'domains', value === undefined ? 'domains are required' : expected);
    return undefined;
  }
  let ok = true;
  const seen = new Set<string>();
  value.forEach((domain: unknown, index) => {
    const at = { path: `${ctx.path}.domains[${index}]`, names: ctx.names };
    if (!isDomainIdentifier(domain)) {
      ok = false;
      checker.report(
        at,
        undefined,
        `a domain must be a lowercase identifier (a-z, 0-9, _), got ${JSON.stringify(domain)}`,
      );
    } else if (seen.has(domain)) {
      ok = false;
      checker.report(at, undefined, `domain "${domain}" is listed twice`);
    } else {
      seen.add(domain);
    }
  });
  return ok ? (value as string[]).slice() : undefined;
}

function checkCity(
  checker: TreeChecker,
  value: unknown,
  parent: NodeContext,
): CityNode | undefined {
  const at = { path: '$.city', names: parent.names };
  const node = checker.object(value, at, 'city');
  if (!node) return undefined;
  const { name, ctx } = checker.name(node, at);
  const tierOk = node.tier === undefined || checker.tier(node, ctx, 'city', 'the city level');
  checker.keys(node, ctx, ['code', 'name', 'tier'], {
    children: 'the city level has no children in the org tree',
  });
  const code = checker.code(node, ctx);
  if (!tierOk || code === undefined || name === undefined) return undefined;
  const city: CityNode = { code, name };
  return city;
}
