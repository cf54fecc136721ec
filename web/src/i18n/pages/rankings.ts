/** The rankings page's texts: zh-CN (default) and English with the same keys. */
export const rankingsZh = {
  title: '红黑榜',
};

export const rankingsEn: typeof rankingsZh = {
  title: 'Rankings',
};
