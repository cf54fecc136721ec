import { parseOrgTree, type OrgTreeError } from '../../domain/org';

/** The example of the file format, with a few more nodes around it. */
function goodFile() {
  return {
    code: '511999',
    name: '示范区',
    tier: 'district',
    children: [
      {
        code: '511999001',
        name: '东城街道',
        tier: 'township',
        kind: 'street',
        children: [
          {
            code: '511999001001',
            name: '荧屏社区',
            tier: 'village',
            kind: 'community',
            grids: [
              { code: '511999001001-01', name: '第一网格' },
              { code: '511999001001-02', name: '第二网格' },
            ],
          },
          { code: '511999001002', name: '滨河社区', tier: 'village', kind: 'community' },
        ],
      },
      {
        code: '511999101',
        name: '青山镇',
        tier: 'township',
        kind: 'township',
        children: [
          {
            code: '511999101201',
            name: '王家坝村',
            tier: 'village',
            kind: 'village',
            grids: [{ code: '511999101201-01', name: '第一网格' }],
          },
        ],
      },
    ],
    departments: [
      { code: '511999-ZJ', name: '区住房和城乡建设局', domains: ['housing', 'land'] },
      { code: '511999-JT', name: '区交通运输局', domains: ['transport', 'roads'] },
    ],
    city: { code: '511900', name: '市级部门' },
  };
}

type File = ReturnType<typeof goodFile>;

/** The errors of `file` after `edit`, which must make it invalid. */
function errorsAfter(edit: (file: File & Record<string, unknown>) => void): OrgTreeError[] {
  const file = goodFile();
  edit(file);
  return errorsOf(file);
}

function errorsOf(file: unknown): OrgTreeError[] {
  const result = parseOrgTree(file);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

const paths = (errors: OrgTreeError[]) => errors.map((e) => e.path);

/** Lets a test put anything at any place, as a hand-edited file can. */
const loose = (value: object) => value as Record<string, unknown>;

describe('parseOrgTree: a good file', () => {
  it('accepts it and flattens it with parents and sibling positions', () => {
    const result = parseOrgTree(goodFile());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const byCode = new Map(result.units.map((u) => [u.code, u]));
    expect(result.units).toHaveLength(1 + 1 + 2 + 2 + 3 + 3);
    expect(byCode.get('511999')).toEqual({
      code: '511999',
      name: '示范区',
      tier: 'district',
      kind: null,
      parentCode: null,
      sortOrder: 0,
    });
    expect(byCode.get('511900')).toMatchObject({ tier: 'city', parentCode: null });
    expect(byCode.get('511999-JT')).toMatchObject({
      tier: 'department',
      parentCode: '511999',
      sortOrder: 1,
    });
    expect(byCode.get('511999101')).toMatchObject({
      tier: 'township',
      kind: 'township',
      parentCode: '511999',
      sortOrder: 1,
    });
    expect(byCode.get('511999001002')).toMatchObject({
      tier: 'village',
      kind: 'community',
      parentCode: '511999001',
      sortOrder: 1,
    });
    expect(byCode.get('511999001001-02')).toMatchObject({
      tier: 'grid',
      kind: null,
      parentCode: '511999001001',
      sortOrder: 1,
    });
  });

  it('lists every parent before its children', () => {
    const result = parseOrgTree(goodFile());
    if (!result.ok) throw new Error('rejected');
    const seen = new Set<string>();
    for (const unit of result.units) {
      if (unit.parentCode !== null) expect(seen.has(unit.parentCode)).toBe(true);
      seen.add(unit.code);
    }
  });

  it('returns a clean copy of the tree with names trimmed', () => {
    const file = goodFile();
    file.name = '  示范区 ';
    const result = parseOrgTree(file);
    if (!result.ok) throw new Error('rejected');
    expect(result.tree.name).toBe('示范区');
    expect(result.tree.departments?.[0]).toEqual(goodFile().departments[0]);
  });

  it('accepts a file without city, departments or villages', () => {
    const { code, name, tier } = goodFile();
    const township = { code: '511999001', name: '东城街道', tier: 'township', kind: 'street' };
    expect(parseOrgTree({ code, name, tier, children: [township] }).ok).toBe(true);
    expect(parseOrgTree({ code, name, tier }).ok).toBe(true);
  });

  it('accepts an explicit tier where the position already implies it', () => {
    const file = goodFile();
    loose(file.children[1]!.children[0]!.grids![0]!).tier = 'grid';
    loose(file.departments[0]!).tier = 'department';
    loose(file.city).tier = 'city';
    expect(parseOrgTree(file).ok).toBe(true);
    loose(file.city).tier = 'district';
    expect(paths(errorsOf(file))).toEqual(['$.city.tier']);
  });
});

describe('parseOrgTree: errors are reported at their JSON path', () => {
  it('rejects something that is not an object at the root', () => {
    for (const value of [null, [], 'text', 42]) {
      const result = parseOrgTree(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(paths(result.errors)).toEqual(['$']);
    }
  });

  it('requires the root to be the district', () => {
    expect(paths(errorsAfter((f) => (f.tier = 'township')))).toEqual(['$.tier']);
  });

  it('requires the district children to be townships', () => {
    const errors = errorsAfter((f) => {
      f.children.push(
        loose({ code: 'V1', name: '孤村', tier: 'village', kind: 'village' }) as never,
      );
    });
    expect(errors).toEqual([
      {
        path: '$.children[2].tier',
        message: expect.stringMatching(/district's children are townships.*"village".*孤村/),
      },
    ]);
  });

  it('requires the township children to be villages', () => {
    const errors = errorsAfter((f) => {
      loose(f.children[0]!.children[1]!).tier = 'township';
    });
    expect(paths(errors)).toEqual(['$.children[0].children[1].tier']);
  });

  it('allows grids only on villages', () => {
    const errors = errorsAfter((f) => {
      loose(f.children[1]!).grids = [{ code: 'X-1', name: '网格' }];
      loose(f).grids = [];
    });
    expect(paths(errors).sort()).toEqual(['$.children[1].grids', '$.grids']);
    expect(errors[0]?.message).toMatch(/villages/);
  });

  it('rejects children under a village or a grid', () => {
    const errors = errorsAfter((f) => {
      const village = loose(f.children[0]!.children[0]!);
      village.children = [];
      loose(f.children[0]!.children[0]!.grids![1]!).children = [];
    });
    expect(paths(errors)).toEqual([
      '$.children[0].children[0].children',
      '$.children[0].children[0].grids[1].children',
    ]);
  });

  it('checks the kinds of townships and villages', () => {
    const errors = errorsAfter((f) => {
      loose(f.children[0]!).kind = 'town';
      loose(f.children[1]!.children[0]!).kind = 'street';
      delete loose(f.children[0]!.children[1]!).kind;
    });
    expect(errors).toEqual([
      { path: '$.children[0].kind', message: expect.stringMatching(/"township" or "street"/) },
      { path: '$.children[0].children[1].kind', message: expect.stringMatching(/required/) },
      {
        path: '$.children[1].children[0].kind',
        message: expect.stringMatching(/"village" or "community".*"street"/),
      },
    ]);
  });

  it('checks codes: required, non-empty, letters, digits and "-" only', () => {
    const errors = errorsAfter((f) => {
      loose(f.children[0]!).code = '';
      loose(f.children[1]!).code = 511999101;
      loose(f.departments[0]!).code = '511999 ZJ';
      delete loose(f.city).code;
    });
    expect(paths(errors)).toEqual([
      '$.children[0].code',
      '$.children[1].code',
      '$.departments[0].code',
      '$.city.code',
    ]);
  });

  it('checks names are non-empty strings', () => {
    const errors = errorsAfter((f) => {
      loose(f.children[0]!.children[0]!).name = '   ';
      loose(f.departments[1]!).name = 7;
    });
    expect(paths(errors)).toEqual(['$.children[0].children[0].name', '$.departments[1].name']);
  });

  it('reports a bad node deep in the tree by path and by the names leading to it', () => {
    const errors = errorsAfter((f) => {
      f.children[0]!.children[0]!.grids![1]!.code = '511999001001_02';
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('$.children[0].children[0].grids[1].code');
    expect(errors[0]?.message).toContain('东城街道 › 荧屏社区 › 第二网格');
  });

  it('reports both places of a duplicate code, across the whole file', () => {
    const errors = errorsAfter((f) => {
      f.children[1]!.children[0]!.grids![0]!.code = '511999-ZJ';
    });
    // Departments are checked after the townships, so the grid is the first occurrence.
    expect(errors).toEqual([
      {
        path: '$.children[1].children[0].grids[0].code',
        message: expect.stringContaining('$.departments[0].code'),
      },
      {
        path: '$.departments[0].code',
        message: expect.stringContaining('$.children[1].children[0].grids[0].code'),
      },
    ]);
  });

  it('checks department domains', () => {
    const errors = errorsAfter((f) => {
      f.departments[0]!.domains = [];
      f.departments[1]!.domains = ['transport', 'Roads', 'transport'];
      f.departments.push(loose({ code: 'D3', name: '区教育局' }) as never);
    });
    expect(paths(errors)).toEqual([
      '$.departments[0].domains',
      '$.departments[1].domains[1]',
      '$.departments[1].domains[2]',
      '$.departments[2].domains',
    ]);
    expect(errors[2]?.message).toMatch(/listed twice/);
  });

  it('rejects unknown keys and suggests the key that was meant', () => {
    const errors = errorsAfter((f) => {
      const township = loose(f.children[0]!);
      township.chidren = township.children;
      delete township.children;
      loose(f.children[1]!.children[0]!.grids![0]!)['grid name'] = 'x';
      loose(f).departmnts = [];
    });
    expect(errors).toEqual([
      {
        path: '$.departmnts',
        message: expect.stringContaining('unknown key "departmnts" (did you mean "departments"?)'),
      },
      {
        path: '$.children[0].chidren',
        message: expect.stringContaining('(did you mean "children"?)'),
      },
      { path: '$.children[1].children[0].grids[0]["grid name"]', message: expect.any(String) },
    ]);
  });

  it('rejects lists that are not lists and nodes that are not objects', () => {
    const errors = errorsAfter((f) => {
      loose(f).departments = { code: 'x' };
      loose(f.children[0]!).children = ['荧屏社区'];
    });
    expect(paths(errors)).toEqual(['$.children[0].children[0]', '$.departments']);
  });

  it('collects every error in one pass', () => {
    const errors = errorsAfter((f) => {
      f.code = '';
      loose(f.children[1]!).kind = 'xiang';
      f.city.name = '';
    });
    expect(paths(errors)).toEqual(['$.code', '$.children[1].kind', '$.city.name']);
  });
});
