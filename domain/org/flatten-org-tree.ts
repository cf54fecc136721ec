import type { FlatUnit, OrgTreeFile } from './types';

/**
 * The `org_units` rows of a (valid) tree, level by level: district, city, departments,
 * townships, villages, grids. Level order guarantees every parent precedes its children, so the
 * rows can be written in this order with the foreign key checked as they go.
 *
 * `sortOrder` is the position within the node's own list in the file, so townships and
 * departments (both under the district) are each numbered from 0: screens list them apart.
 */
export function flattenOrgTree(tree: OrgTreeFile): FlatUnit[] {
  const district: FlatUnit = {
    code: tree.code,
    name: tree.name,
    tier: 'district',
    kind: tree.kind ?? null,
    parentCode: null,
    sortOrder: 0,
  };
  const units: FlatUnit[] = [district];
  if (tree.city) {
    // The city sits above the district but is not its parent in our data: it is only a
    // destination for demands passed upwards, so it has no parent either.
    const { code, name } = tree.city;
    units.push({ code, name, tier: 'city', kind: null, parentCode: null, sortOrder: 0 });
  }
  (tree.departments ?? []).forEach(({ code, name }, sortOrder) => {
    units.push({ code, name, tier: 'department', kind: null, parentCode: tree.code, sortOrder });
  });

  const townships = tree.children ?? [];
  townships.forEach(({ code, name, kind }, sortOrder) => {
    units.push({ code, name, tier: 'township', kind, parentCode: tree.code, sortOrder });
  });
  const villages = townships.flatMap((township) => township.children ?? []);
  for (const township of townships) {
    (township.children ?? []).forEach(({ code, name, kind }, sortOrder) => {
      units.push({ code, name, tier: 'village', kind, parentCode: township.code, sortOrder });
    });
  }
  for (const village of villages) {
    (village.grids ?? []).forEach(({ code, name }, sortOrder) => {
      units.push({ code, name, tier: 'grid', kind: null, parentCode: village.code, sortOrder });
    });
  }
  return units;
}
