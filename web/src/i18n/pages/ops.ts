/** The operations page's texts: zh-CN (default) and English with the same keys. */
export const opsZh = {
  title: '运维',
};

export const opsEn: typeof opsZh = {
  title: 'Operations',
};
