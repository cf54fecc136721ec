import {
  detectCopiedResults,
  detectDataFraud,
  detectHastyClosures,
  detectSignerOverlap,
  detectSpotCheckContradictions,
  loadDataFraudPolicy,
  parseDataFraudPolicy,
  DataFraudPolicyError,
  type ClosureFact,
  type DataFraudPolicy,
  type SignatureFact,
  type VisitFact,
} from '../../domain/data-fraud';

const policy = loadDataFraudPolicy();
const MARCH = '2026年3月';
const at = (text: string) => new Date(`${text}+08:00`);
const code = (n: number) => `511999-20260302-${String(n).padStart(5, '0')}`;
const A = '511999001001';
const B = '511999001002';

/** A policy with one section changed, as the process owner might edit the file. */
const edited = (patch: Record<string, unknown>): unknown => ({
  ...JSON.parse(JSON.stringify(policy)),
  ...patch,
});

describe('the data-fraud policy', () => {
  it('loads the shipped file: months only, every signal on', () => {
    expect(policy.periodKinds).toEqual(['month']);
    expect(policy.signerOverlap).toEqual({ demandsAtLeast: 1 });
    expect(policy.hastyClosure?.minutesByCategory.consultation).toBeNull();
    expect(policy.hastyClosure?.minutesByCategory.complaint).toBe(120);
    expect(policy.copiedResults).not.toBeNull();
    expect(policy.spotCheckContradictions).not.toBeNull();
  });

  it('switches a signal off with null', () => {
    expect(parseDataFraudPolicy(edited({ copiedResults: null })).copiedResults).toBeNull();
  });

  it('names every bad field at once', () => {
    const bad = edited({
      periodKinds: ['year'],
      hastyClosure: {
        minutesByCategory: { complaint: -5, petition: 10 },
        demandsAtLeast: 0,
        shareAtLeast: 1.5,
      },
      spotCheckContradictions: undefined,
    });
    let error: unknown;
    try {
      parseDataFraudPolicy(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFraudPolicyError);
    expect((error as DataFraudPolicyError).errors.map((e) => e.field).sort()).toEqual([
      'hastyClosure.demandsAtLeast',
      'hastyClosure.minutesByCategory.complaint',
      'hastyClosure.minutesByCategory.petition',
      'hastyClosure.shareAtLeast',
      'periodKinds[0]',
      'spotCheckContradictions',
    ]);
    expect((error as Error).message).toContain(
      'hastyClosure.shareAtLeast: must be a number from 0 to 1',
    );
  });

  it('refuses a file that is not JSON, naming the file', () => {
    expect(() => loadDataFraudPolicy(__filename)).toThrow(/data-fraud\.test\.ts/);
  });
});

describe('one person signing several parts of the sign-off (一人多签)', () => {
  const sign = (
    demand: number,
    party: SignatureFact['party'],
    signerId: string,
    round = 1,
    unitCode = A,
  ): SignatureFact => ({ unitCode, demandCode: code(demand), round, party, signerId });

  it('warns the unit whose handler also signed as the supervising leader', () => {
    const findings = detectSignerOverlap(
      [
        sign(1, 'handler', '7'),
        sign(1, 'supervising_leader', '7'),
        sign(1, 'principal_leader', '9'),
        sign(2, 'handler', '7'),
        sign(2, 'supervising_leader', '8'),
        sign(2, 'principal_leader', '9'),
      ],
      policy,
      MARCH,
    );
    expect(findings).toEqual([
      {
        unitCode: A,
        signal: 'signer_overlap',
        reason: `${MARCH}四方会签一人多签：会签的2件诉求中有1件由同一人签署了经办人、督办领导中的两方以上（诉求 ${code(1)}）`,
        evidence: { demandCodes: [code(1)], count: 1, of: 2 },
      },
    ]);
  });

  it('lets one leader supervise one demand and handle another, or sign again in a new round', () => {
    const findings = detectSignerOverlap(
      [
        sign(1, 'handler', '7'),
        sign(1, 'supervising_leader', '8'),
        sign(2, 'handler', '8'),
        sign(2, 'supervising_leader', '7'),
        sign(3, 'handler', '7', 1),
        sign(3, 'supervising_leader', '7', 2),
      ],
      policy,
      MARCH,
    );
    expect(findings).toEqual([]);
  });

  it('holds each overlap against the demand’s own unit only', () => {
    const findings = detectSignerOverlap(
      [
        sign(1, 'handler', '7', 1, B),
        sign(1, 'principal_leader', '7', 1, B),
        sign(2, 'handler', '5'),
      ],
      policy,
      MARCH,
    );
    expect(findings.map((f) => f.unitCode)).toEqual([B]);
    expect(findings[0]!.reason).toContain('经办人、主要领导');
  });
});

describe('closures implausibly fast for their category (办结过快)', () => {
  const closure = (n: number, category: string | null, minutes: number, unitCode = A) => ({
    unitCode,
    demandCode: code(n),
    category,
    assignedAt: at('2026-03-02T09:00:00'),
    resolvedAt: new Date(at('2026-03-02T09:00:00').getTime() + minutes * 60_000),
    result: null,
  });
  const slow = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => closure(from + i, 'complaint', 3 * 24 * 60));

  it('warns a unit that closed three complaints within minutes of receiving them', () => {
    const findings = detectHastyClosures(
      [
        closure(1, 'complaint', 4),
        closure(2, 'complaint', 11),
        closure(3, 'request', 2),
        ...slow(4, 7),
      ],
      policy,
      MARCH,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence).toEqual({
      demandCodes: [code(1), code(2), code(3)],
      count: 3,
      of: 10,
    });
    expect(findings[0]!.reason).toBe(
      `${MARCH}办结过快：办结的10件诉求中有3件（30.0%）在交办后短于规定最短办理时间即办结` +
        `（诉求 ${code(1)}、${code(2)}、${code(3)}），最快的求助诉求 ${code(3)} 用时2分钟，规定不少于60分钟`,
    );
  });

  it('never counts a consultation answered at once, or a demand without a category', () => {
    const quick = Array.from({ length: 5 }, (_, i) => closure(i + 1, 'consultation', 1));
    expect(detectHastyClosures([...quick, closure(9, null, 1)], policy, MARCH)).toEqual([]);
  });

  it('needs both the count and the share: two fast ones, or three among twenty, are no pattern', () => {
    const two = [closure(1, 'complaint', 5), closure(2, 'complaint', 5), ...slow(3, 2)];
    expect(detectHastyClosures(two, policy, MARCH)).toEqual([]);
    const threeOfTwenty = [
      closure(1, 'complaint', 5),
      closure(2, 'complaint', 5),
      closure(3, 'complaint', 5),
      ...slow(4, 17),
    ];
    expect(detectHastyClosures(threeOfTwenty, policy, MARCH)).toEqual([]);
  });

  it('counts a closure exactly at the minimum as plausible', () => {
    const atMinimum = [1, 2, 3].map((n) => closure(n, 'complaint', 120));
    expect(detectHastyClosures(atMinimum, policy, MARCH)).toEqual([]);
  });
});

describe('result texts copied word for word (办理结果雷同)', () => {
  const TEXT = '经现场核实，已督促物业公司修复楼道照明，居民表示满意。';
  const closure = (n: number, result: string | null, unitCode = A): ClosureFact => ({
    unitCode,
    demandCode: code(n),
    category: 'request',
    assignedAt: at('2026-03-02T09:00:00'),
    resolvedAt: at('2026-03-05T09:00:00'),
    result,
  });

  it('warns a unit that pasted one result on four demands, spaces and stops aside', () => {
    const findings = detectCopiedResults(
      [
        closure(1, TEXT),
        closure(2, ` ${TEXT}`),
        closure(3, TEXT.replace('，', ', ')),
        closure(4, TEXT.replace('。', '')),
        closure(5, '已为居民更换漏水水表，费用由供水公司承担。'),
      ],
      policy,
      MARCH,
    );
    expect(findings).toEqual([
      {
        unitCode: A,
        signal: 'copied_results',
        reason: `${MARCH}办理结果雷同：办结的5件诉求中，4件诉求的办理结果一字不差（诉求 ${code(1)}、${code(2)}、${code(3)}、${code(4)}）`,
        evidence: { demandCodes: [code(1), code(2), code(3), code(4)], count: 4, of: 5 },
      },
    ]);
  });

  it('leaves stock phrases, three copies, and copies spread over two units alone', () => {
    const stock = [1, 2, 3, 4, 5, 6].map((n) => closure(n, '已办结。'));
    const three = [7, 8, 9].map((n) => closure(n, TEXT));
    const spread = [10, 11, 12, 13].map((n) => closure(n, TEXT, n % 2 ? B : '511999001003'));
    expect(detectCopiedResults([...stock, ...three, ...spread], policy, MARCH)).toEqual([]);
  });

  it('never quotes the text itself, which may hold a citizen’s number', () => {
    const withPhone = `已电话联系居民（13812341234）并上门维修完毕。`;
    const [finding] = detectCopiedResults(
      [1, 2, 3, 4].map((n) => closure(n, withPhone)),
      policy,
      MARCH,
    );
    expect(finding!.reason).not.toMatch(/\d{11}/);
  });
});

describe('spot checks contradicting many closures (抽查否定率)', () => {
  const visit = (n: number, result: VisitFact['result'], unitCode = A): VisitFact => ({
    unitCode,
    demandCode: code(n),
    result,
  });

  it('warns a unit whose citizens contradicted two of five visited closures', () => {
    const findings = detectSpotCheckContradictions(
      [
        visit(1, 'contradicted'),
        visit(2, 'confirmed'),
        visit(3, 'contradicted'),
        visit(4, 'confirmed'),
        visit(5, 'confirmed'),
      ],
      policy,
      MARCH,
    );
    expect(findings).toEqual([
      {
        unitCode: A,
        signal: 'spot_check_contradictions',
        reason: `${MARCH}抽查回访否定率过高：回访核实5件，群众否定办结2件（40.0%，达到30.0%；诉求 ${code(1)}、${code(3)}）`,
        evidence: { demandCodes: [code(1), code(3)], count: 2, of: 5 },
      },
    ]);
  });

  it('leaves out visits that reached nobody', () => {
    const visits = [
      visit(1, 'contradicted'),
      visit(2, 'confirmed'),
      visit(3, 'confirmed'),
      ...[4, 5, 6, 7].map((n) => visit(n, 'unreachable')),
    ];
    const [finding] = detectSpotCheckContradictions(visits, policy, MARCH);
    expect(finding!.evidence).toEqual({ demandCodes: [code(1)], count: 1, of: 3 });
  });

  it('does not judge on too few visits or a share below the threshold', () => {
    const few = [visit(1, 'contradicted'), visit(2, 'contradicted')];
    const low = [visit(3, 'contradicted', B), ...[4, 5, 6].map((n) => visit(n, 'confirmed', B))];
    expect(detectSpotCheckContradictions([...few, ...low], policy, MARCH)).toEqual([]);
  });
});

describe('detectDataFraud', () => {
  const facts = {
    signatures: [
      { unitCode: A, demandCode: code(1), round: 1, party: 'handler' as const, signerId: '7' },
      {
        unitCode: A,
        demandCode: code(1),
        round: 1,
        party: 'principal_leader' as const,
        signerId: '7',
      },
    ],
    closures: [],
    visits: [],
  };

  it('checks the periods the policy names only', () => {
    expect(detectDataFraud(facts, { kind: 'week', period: '2026-W10' }, policy)).toEqual([]);
    const weekly: DataFraudPolicy = { ...policy, periodKinds: ['week', 'month'] };
    expect(
      detectDataFraud(facts, { kind: 'week', period: '2026-W10' }, weekly).map((f) => f.reason),
    ).toEqual([expect.stringMatching(/^2026年第10周四方会签一人多签/)]);
  });

  it('runs every signal the policy has on', () => {
    const findings = detectDataFraud(facts, { kind: 'month', period: '2026-03' }, policy);
    expect(findings.map((f) => [f.unitCode, f.signal])).toEqual([[A, 'signer_overlap']]);
    expect(
      detectDataFraud(
        facts,
        { kind: 'month', period: '2026-03' },
        { ...policy, signerOverlap: null },
      ),
    ).toEqual([]);
  });
});
