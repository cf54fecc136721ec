/** The ledgers page's texts: zh-CN (default) and English with the same keys. */
export const ledgersZh = {
  title: '台账',
};

export const ledgersEn: typeof ledgersZh = {
  title: 'Ledgers',
};
