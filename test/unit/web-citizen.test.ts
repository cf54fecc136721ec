import { ApiError, PROBLEM } from '../../web/src/api/http';
import {
  characters,
  citizenFailure,
  isMobile,
  isPhoneLast4,
} from '../../web/src/citizen/citizen-rules';
import { stepOf } from '../../web/src/citizen/progress-steps';
import zhCN from '../../web/src/i18n/zh-CN';

/** The citizen page's rules that need no browser: input checks, failures in Chinese, steps. */
function t(key: string, values: Record<string, unknown> = {}): string {
  let found: unknown = zhCN;
  for (const part of key.split('.')) {
    found = (found as Record<string, unknown> | undefined)?.[part];
  }
  if (typeof found !== 'string') return key;
  return found.replace(/\{(\w+)\}/g, (_all, name: string) => String(values[name]));
}

describe('citizen input checks', () => {
  it('takes a mainland mobile number, with spaces or dashes, and nothing else', () => {
    expect(isMobile('13912345678')).toBe(true);
    expect(isMobile('139 1234-5678')).toBe(true);
    expect(isMobile('12912345678')).toBe(false);
    expect(isMobile('1391234567')).toBe(false);
    expect(isPhoneLast4('5678')).toBe(true);
    expect(isPhoneLast4('567a')).toBe(false);
  });

  it('counts characters as the server does (an emoji is one)', () => {
    expect(characters(' 路灯😀 ')).toBe(3);
  });
});

describe('failures told to citizens', () => {
  it('says how long to wait after too many submissions', () => {
    const tooMany = new ApiError({ type: PROBLEM.rateLimited, status: 429, retryAfterSeconds: 90 });
    expect(citizenFailure(tooMany, t)).toBe('提交太频繁，请 2 分钟后再试。');
    const noTime = new ApiError({ type: PROBLEM.rateLimited, status: 429 });
    expect(citizenFailure(noTime, t)).toBe('提交太频繁，请稍后再试。');
  });

  it('names the fields to correct in Chinese, never the server’s English', () => {
    const invalid = new ApiError({
      type: PROBLEM.invalidInput,
      status: 400,
      errors: [
        { field: 'citizen.phone', message: 'Must be a mainland mobile number.' },
        { field: 'content', message: 'Must not be empty.' },
      ],
    });
    expect(citizenFailure(invalid, t)).toBe('填写内容有误：手机号、诉求内容');
  });

  it('asks to reload an expired page, and calls other failures busy or offline', () => {
    expect(citizenFailure(new ApiError({ type: PROBLEM.csrf, status: 403 }), t)).toBe(
      '页面已过期，请刷新页面后重试。',
    );
    expect(citizenFailure(new ApiError({ type: 'x', status: 503 }), t)).toBe(
      '系统暂时繁忙，请稍后重试。',
    );
    expect(citizenFailure(new ApiError({ type: 'network', status: 0 }), t)).toBe(
      '无法连接服务器，请检查网络后重试。',
    );
  });
});

describe('progress steps', () => {
  it('places each status of the handling path on a step, and none for the early ends', () => {
    expect(
      ['received', 'screening', 'handling', 'awaiting_verification', 'archived'].map(stepOf),
    ).toEqual([0, 1, 2, 3, 4]);
    expect(stepOf('paused')).toBe(2);
    expect(['diverted', 'merged', 'closed_invalid'].map(stepOf)).toEqual([null, null, null]);
  });
});
