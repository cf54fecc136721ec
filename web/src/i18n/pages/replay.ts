/** The history replay page's texts: zh-CN (default) and English with the same keys. */
export const replayZh = {
  title: '历史回放',
};

export const replayEn: typeof replayZh = {
  title: 'History replay',
};
