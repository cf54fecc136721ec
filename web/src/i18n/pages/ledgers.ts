/** The ledgers page's texts: zh-CN (default) and English with the same keys. */
export const ledgersZh = {
  title: '台账',
  tiers: {
    district: '区县总台账',
    township: '乡镇分台账',
    village: '村级微台账',
  },
  unit: '单位',
  ownUnit: '本单位',
  month: '月份',
  filter: '筛选',
  filterHint: '编号、内容或办理进度',
  export: '导出 Excel',
  summary: '{unit}{title}（{month}），共 {count} 条',
  count: '{count} 条',
  townshipOwn: '乡镇本级',
  empty: '本月暂无台账记录',
  chooseUnit: '请选择或输入要查看的单位编码',
};

export const ledgersEn: typeof ledgersZh = {
  title: 'Ledgers',
  tiers: {
    district: 'District master ledger',
    township: 'Township sub-ledger',
    village: 'Village micro-ledger',
  },
  unit: 'Unit',
  ownUnit: 'My unit',
  month: 'Month',
  filter: 'Filter',
  filterHint: 'Code, content or progress',
  export: 'Export Excel',
  summary: '{unit} {title} ({month}): {count} entries',
  count: '{count} entries',
  townshipOwn: 'Township itself',
  empty: 'No ledger entries this month',
  chooseUnit: 'Choose or type the code of the unit to read',
};
