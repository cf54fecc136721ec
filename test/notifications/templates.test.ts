import { hasTemplate, renderNotification, TEMPLATE_NAMES } from '../../workers/notifications';

const CODE = '511999-20260302-00042';
const PHONE = '13812341234';
const ID_NUMBER = '51199919900101123X';

/** The names the workers are told to use (workers/notifications/README.md). */
const CONTRACT = [
  'demand_received',
  'emergency_diverted',
  'emergency_centre_notice',
  'demand_closed_explained',
  'demand_merged',
  'demand_assigned',
  'deadline_warning',
  'deadline_reminder',
  'supervision_order',
  'demand_escalated',
  'extension_told',
  'verification_request',
  'signoff_rejected',
  'demand_archived',
  'spot_check_false_closure',
];

// Every field some template reads, with personal numbers smuggled into the free-text ones.
const FULL_PAYLOAD = {
  demandCode: CODE,
  unitName: '青石镇人民政府',
  dueAt: '2026-03-09T10:00:00Z',
  receivedAt: '2026-03-02T01:13:53Z',
  explanation: `已电话联系您（${PHONE}），该事项属于小区物业合同纠纷。`,
  reasonCode: 'invalid_out_of_scope',
  originalCode: '511999-20260301-00007',
  originalStatus: 'handling',
  emergencyNumber: '119',
  feedbackUrl: 'https://minsheng.example.cn/q',
  extensionDays: 10,
  reason: `需协调供电公司，身份证 ${ID_NUMBER} 已核验`,
  level: 'yellow',
  orderCode: 'DB-2026-016',
  fromTier: 'village',
  toTier: 'township',
  role: 'lead',
  tier: 'village',
  workingDaysLeft: 2,
  overdueDays: 3,
  result: `已修复路灯，联系电话 138 1234 1234`,
  address: '青石镇幸福村3组',
  summary: '厨房燃气泄漏，有人被困',
  citizenPhoneMasked: '138****1234',
  party: 'principal_leader',
};

// 11 digits (a mobile), 15 to 18 (an ID number), also when written in groups; 12-digit runs
// are unit codes.
const FULL_NUMBER = /(?<!\d)(\d{11}|\d{13,}|\d{17}X)(?!\d)|\d{3}[ -]\d{4}[ -]\d{4}/;
const CHINESE = /[\u4e00-\u9fff]{4,}/;

/** Messages to a unit about a ranking period (workers/notifications/README.md): no demand. */
const UNIT_CONTRACT = ['unit_ranking_listed', 'unit_warning', 'unit_fraud_warning'];

describe('notification templates', () => {
  it('has exactly one template per contract name', () => {
    expect([...TEMPLATE_NAMES].sort()).toEqual([...CONTRACT, ...UNIT_CONTRACT].sort());
  });

  describe.each(CONTRACT)('%s', (name) => {
    it('renders Chinese text quoting the demand code from a full payload, numbers masked', () => {
      const message = renderNotification(name, FULL_PAYLOAD);
      expect(message.text).toMatch(CHINESE);
      expect(message.text).toContain(CODE);
      expect(message.subject).toContain(CODE);
      for (const rendered of [message.text, message.subject ?? '']) {
        expect(rendered).not.toMatch(FULL_NUMBER);
        expect(rendered).not.toContain(PHONE);
        expect(rendered).not.toContain(ID_NUMBER);
        expect(rendered).not.toMatch(/undefined|null|NaN|\[object/);
        // Free-text fields end their own sentences; the template must not double the stop.
        expect(rendered).not.toMatch(/[。，：][。，]/);
      }
    });

    it('renders from the demand code alone, leaving out what is missing', () => {
      const message = renderNotification(name, { demandCode: CODE });
      expect(message.text).toContain(CODE);
      expect(message.text).toMatch(CHINESE);
      expect(message.text).not.toMatch(/undefined|null|NaN|Invalid|：。|，，|。。/);
    });

    it('refuses a payload without a demand code', () => {
      expect(() => renderNotification(name, { unitName: '青石镇' })).toThrow(/demandCode/);
    });
  });

  it('writes times in Beijing time and codes as words', () => {
    expect(renderNotification('demand_received', FULL_PAYLOAD).text).toBe(
      `【民生诉求】您好！您反映的诉求已受理，编号 ${CODE}。我们将在 2026年3月9日 18:00 前办理并答复您。` +
        '办理进度可凭编号和登记手机号后四位在 https://minsheng.example.cn/q 查询。感谢您的信任与支持。',
    );
    expect(renderNotification('demand_escalated', FULL_PAYLOAD).text).toContain(
      '已由村（社区）提级至乡镇（街道）办理，由 青石镇人民政府 牵头。',
    );
    expect(renderNotification('emergency_diverted', FULL_PAYLOAD).text).toContain(
      '请立即拨打 119（消防救援） 求助。',
    );
    expect(renderNotification('demand_merged', FULL_PAYLOAD).text).toContain(
      '与此前的诉求 511999-20260301-00007 为同一事项，已并入一并办理，该诉求目前办理中。',
    );
    expect(renderNotification('supervision_order', FULL_PAYLOAD).text).toContain(
      '予以黄色督办，督办单号 DB-2026-016。',
    );
  });

  it('keeps unit codes (12 digits) and masks bank-card-length numbers', () => {
    const text = renderNotification('signoff_rejected', {
      demandCode: CODE,
      reason: '请村委会（511999001001）补充照片，退款卡号 6222021234567890123',
    }).text;
    expect(text).toContain('请村委会（511999001001）补充照片，退款卡号 622************0123');
  });

  it('masks a full number the way staff see it, keeping the rest of the sentence', () => {
    const text = renderNotification('demand_closed_explained', FULL_PAYLOAD).text;
    expect(text).toContain('已电话联系您（138****1234），该事项属于小区物业合同纠纷');
    const reason = renderNotification('extension_told', FULL_PAYLOAD).text;
    expect(reason).toContain('身份证 511***********123X 已核验');
  });

  it('knows no template outside the contract', () => {
    expect(hasTemplate('demand_received')).toBe(true);
    expect(hasTemplate('toString')).toBe(false);
    expect(() => renderNotification('birthday_greeting', { demandCode: CODE })).toThrow(
      'unknown template "birthday_greeting"',
    );
  });
});

describe('ranking templates (a unit and a period, no demand)', () => {
  const listed = {
    period: '2026-W10',
    periodKind: 'week',
    unitName: '学府路社区',
    list: 'black',
    rank: 11,
    score: 42.5,
    ladderStep: 'formal_review',
    listingCount: 3,
  };

  it('tells a black-listed unit its place and the step of the ladder it reached', () => {
    expect(renderNotification('unit_ranking_listed', listed)).toEqual({
      subject: '2026年第10周红黑榜：黑榜',
      text:
        '【红黑榜】学府路社区：你单位在2026年第10周诉求办理考评中列入黑榜（同类单位第11名，综合得分42.5）。' +
        '这是你单位第3次列入黑榜，将启动问责审查程序，请单位主要负责人作出书面说明。详情请登录民生诉求系统查看。',
    });
  });

  it('praises a red-listed unit', () => {
    const text = renderNotification('unit_ranking_listed', {
      ...listed,
      period: '2026-03',
      periodKind: 'month',
      list: 'red',
      rank: 1,
      score: 98,
      ladderStep: null,
      listingCount: null,
    }).text;
    expect(text).toBe(
      '【红黑榜】学府路社区：你单位在2026年3月诉求办理考评中列入红榜（同类单位第1名，综合得分98）。' +
        '特此通报表扬，望继续保持。详情请登录民生诉求系统查看。',
    );
  });

  it('gives the reasons of a yellow warning', () => {
    const text = renderNotification('unit_warning', {
      period: '2026-03',
      periodKind: 'month',
      unitName: '东城街道',
      level: 'yellow',
      reason: '2026年3月满意率61.0%，低于80.0%',
    }).text;
    expect(text).toBe(
      '【黄灯预警】东城街道：你单位在2026年3月诉求办理中亮起黄灯：2026年3月满意率61.0%，低于80.0%。请查找原因，限期整改。',
    );
  });

  it('gives the findings of a red warning for data fraud', () => {
    const message = renderNotification('unit_fraud_warning', {
      period: '2026-03',
      periodKind: 'month',
      unitName: '学府路社区',
      level: 'red',
      reasonCode: 'data_fraud',
      signals: ['signer_overlap'],
      reason:
        '2026年3月四方会签一人多签：会签的4件诉求中有1件由同一人签署了经办人、督办领导中的两方以上（诉求 511999-20260302-00001）',
    });
    expect(message).toEqual({
      subject: '2026年3月红灯预警：疑似数据造假',
      text:
        '【红灯预警】学府路社区：你单位2026年3月的诉求办理数据经系统比对疑似造假，亮起红灯：' +
        '2026年3月四方会签一人多签：会签的4件诉求中有1件由同一人签署了经办人、督办领导中的两方以上' +
        '（诉求 511999-20260302-00001）。请如实核查，限期整改并向纪检监察部门书面说明。',
    });
    expect(() =>
      renderNotification('unit_fraud_warning', { period: '2026-03', periodKind: 'month' }),
    ).toThrow(/reason/);
  });

  it('refuses a payload without its period', () => {
    expect(() => renderNotification('unit_warning', { unitName: '东城街道' })).toThrow(/period/);
    expect(() => renderNotification('unit_fraud_warning', { reason: '一人多签' })).toThrow(
      /period/,
    );
    expect(() =>
      renderNotification('unit_ranking_listed', { ...listed, periodKind: 'year' }),
    ).toThrow(/period/);
  });
});
