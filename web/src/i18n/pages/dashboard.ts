/** The dashboard page's texts: zh-CN (default) and English with the same keys. */
export const dashboardZh = {
  title: '数据看板',
};

export const dashboardEn: typeof dashboardZh = {
  title: 'Dashboard',
};
