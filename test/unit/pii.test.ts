import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createFieldCipher,
  createFieldHasher,
  DataKeyError,
  FieldDecryptionError,
  loadDataKey,
  maskIdNumber,
  maskMobile,
  maskName,
  validateIdNumber,
  validateMobile,
} from '../../domain/pii';

/**
 * ISO 7064 MOD 11-2 from its definition rather than from the standard's tables: digit i (1-based,
 * left to right) weighs 2^(18 - i) mod 11, and the check value is (12 - sum mod 11) mod 11.
 */
function withCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

describe('validateIdNumber', () => {
  const now = new Date('2025-07-01T12:00:00+08:00');

  it('accepts the published example 11010519491231002X', () => {
    expect(validateIdNumber('11010519491231002X', now)).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it('accepts numbers whose check character is computed independently', () => {
    for (const first17 of ['51010419900101123', '44030619851115004', '65010220000229051']) {
      const id = withCheckCharacter(first17);
      expect(validateIdNumber(id, now)).toEqual({ ok: true, value: id });
    }
  });

  it('normalises a lowercase x and grouping spaces', () => {
    expect(validateIdNumber(' 110105 19491231 002x ', now)).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it('refuses the wrong length', () => {
    expect(validateIdNumber('1101051949123100', now)).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber('11010519491231002X1', now)).toEqual({ ok: false, reason: 'length' });
  });

  it('refuses letters anywhere but an X at the end', () => {
    expect(validateIdNumber('11010519491231002Y', now)).toEqual({ ok: false, reason: 'format' });
    expect(validateIdNumber('1101051949123100X2', now)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses impossible, future and pre-1900 birth dates even with a correct checksum', () => {
    const birthdate = { ok: false, reason: 'birthdate' };
    expect(validateIdNumber(withCheckCharacter('11010519491331002'), now)).toEqual(birthdate);
    expect(validateIdNumber(withCheckCharacter('11010519500229002'), now)).toEqual(birthdate);
    expect(validateIdNumber(withCheckCharacter('11010518991231002'), now)).toEqual(birthdate);
    expect(validateIdNumber(withCheckCharacter('11010520250702002'), now)).toEqual(birthdate);
  });

  it('judges "not in the future" by the Beijing date', () => {
    const id = withCheckCharacter('11010520250701002');
    // 16:30 UTC on June 30 is already July 1 in Beijing.
    expect(validateIdNumber(id, new Date('2025-06-30T16:30:00Z')).ok).toBe(true);
    expect(validateIdNumber(id, new Date('2025-06-30T15:30:00Z'))).toEqual({
      ok: false,
      reason: 'birthdate',
    });
  });

  it('refuses a wrong check character', () => {
    expect(validateIdNumber('110105194912310021', now)).toEqual({ ok: false, reason: 'checksum' });
    // Two swapped digits are caught too.
    expect(validateIdNumber('11010519491231020X', now)).toEqual({ ok: false, reason: 'checksum' });
  });
});

describe('validateMobile', () => {
  it.each([
    '13812341234',
    '+86 138 1234 1234',
    '86-138-1234-1234',
    '0086 13812341234',
    '138-1234-1234',
  ])('normalises %s to 11 digits', (input) => {
    expect(validateMobile(input)).toEqual({ ok: true, value: '13812341234' });
  });

  it('refuses numbers outside the mobile ranges, wrong lengths and other characters', () => {
    expect(validateMobile('12812341234')).toEqual({ ok: false, reason: 'prefix' });
    expect(validateMobile('1381234123')).toEqual({ ok: false, reason: 'length' });
    expect(validateMobile('+86 1381234123')).toEqual({ ok: false, reason: 'format' });
    expect(validateMobile('1381234123a')).toEqual({ ok: false, reason: 'format' });
    expect(validateMobile('(138)12341234')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('masks', () => {
  it('shows the first three and last four digits of a mobile', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile('+86 138-1234-1234')).toBe('138****1234');
    expect(maskMobile('12345')).toBe('*****');
  });

  it('shows the first and last four characters of an ID number', () => {
    expect(maskIdNumber('51199919900101123X')).toBe('5119**********123X');
    expect(maskIdNumber('511999199001011')).toBe('5119*******1011');
    expect(maskIdNumber('5119991990')).toBe('**********');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('𠮷田')).toBe('𠮷*');
    expect(maskName('王')).toBe('*');
  });
});

describe('field encryption', () => {
  const key = randomBytes(32);
  const cipher = createFieldCipher(key);
  const address = '张三丰，四川省成都市武侯区人民南路四段1号，电话13812341234';

  it('round-trips Chinese text and the empty string', () => {
    expect(cipher.decrypt(cipher.encrypt(address))).toBe(address);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('writes versioned tokens that differ for the same text', () => {
    const first = cipher.encrypt(address);
    const second = cipher.encrypt(address);
    expect(first).toMatch(/^v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/]+=*$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('13812341234');
  });

  it('detects a tampered ciphertext or tag without revealing the plaintext', () => {
    const [version, iv, tag, body] = cipher.encrypt(address).split(':') as [
      string,
      string,
      string,
      string,
    ];
    const flipped = Buffer.from(body, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tamperedBody = [version, iv, tag, flipped.toString('base64')].join(':');
    const otherTag = randomBytes(16).toString('base64');
    const tamperedTag = [version, iv, otherTag, body].join(':');
    for (const token of [tamperedBody, tamperedTag]) {
      expect(() => cipher.decrypt(token)).toThrow(FieldDecryptionError);
      expect(() => cipher.decrypt(token)).toThrow(/altered/);
      expect(() => cipher.decrypt(token)).not.toThrow(/张三丰|13812341234/);
    }
  });

  it('fails with another key', () => {
    const token = cipher.encrypt(address);
    expect(() => createFieldCipher(randomBytes(32)).decrypt(token)).toThrow(FieldDecryptionError);
  });

  it('refuses malformed tokens and unknown versions', () => {
    expect(() => cipher.decrypt('v1:abc')).toThrow(/malformed/);
    expect(() => cipher.decrypt('plain text')).toThrow(/unsupported format/);
    const token = cipher.encrypt(address).replace(/^v1/, 'v2');
    expect(() => cipher.decrypt(token)).toThrow(/unsupported format/);
  });

  it('requires a 32-byte key', () => {
    expect(() => createFieldCipher(randomBytes(16))).toThrow(/exactly 32 bytes, got 16/);
    expect(() => createFieldCipher(randomBytes(33))).toThrow(RangeError);
  });
});

describe('blind index', () => {
  const key = randomBytes(32);

  it('is stable for a value and differs between values', () => {
    const hash = createFieldHasher(key).hash('13812341234');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(createFieldHasher(Buffer.from(key)).hash('13812341234')).toBe(hash);
    expect(createFieldHasher(key).hash('13812341235')).not.toBe(hash);
  });

  it('depends on the key and does not use the data key itself', () => {
    const hash = createFieldHasher(key).hash('13812341234');
    expect(createFieldHasher(randomBytes(32)).hash('13812341234')).not.toBe(hash);
    expect(createHmac('sha256', key).update('13812341234').digest('hex')).not.toBe(hash);
  });

  it('matches however the number was typed once normalised', () => {
    const hasher = createFieldHasher(key);
    const typed = validateMobile('+86 138-1234-1234');
    const stored = validateMobile('13812341234');
    if (!typed.ok || !stored.ok) throw new Error('test numbers must be valid');
    expect(hasher.hash(typed.value)).toBe(hasher.hash(stored.value));
  });
});

describe('loadDataKey', () => {
  let dataDir: string;
  let warnings: string[];
  const warn = (message: string) => warnings.push(message);

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'minsheng-key-'));
    warnings = [];
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads MINSHENG_DATA_KEY as base64 or hex', () => {
    const key = randomBytes(32);
    for (const text of [key.toString('base64'), key.toString('hex'), key.toString('base64url')]) {
      const loaded = loadDataKey({ env: { MINSHENG_DATA_KEY: text }, dataDir, warn });
      expect(loaded.equals(key)).toBe(true);
    }
    expect(warnings).toEqual([]);
  });

  it('rejects a malformed key without echoing it', () => {
    const bad = [
      randomBytes(16).toString('base64'),
      randomBytes(32).toString('hex').slice(1),
      `${randomBytes(32).toString('base64').slice(0, 42)}!=`,
      'correct horse battery staple',
    ];
    for (const value of bad) {
      const load = () =>
        loadDataKey({ env: { MINSHENG_DATA_KEY: value, NODE_ENV: 'production' }, dataDir, warn });
      expect(load).toThrow(DataKeyError);
      expect(load).toThrow(/MINSHENG_DATA_KEY must be 32 bytes/);
      expect(load).not.toThrow(value);
    }
  });

  it('generates a development key once, owner-only, and reuses it', () => {
    const file = path.join(dataDir, 'data-key');
    const first = loadDataKey({ env: {}, dataDir, warn });
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(/Generated a new development data key/);
    expect(warnings[0]).toContain('Production must set MINSHENG_DATA_KEY');
    expect(warnings[0]).not.toContain(first.toString('base64'));

    const stored = readFileSync(file, 'utf8');
    const second = loadDataKey({ env: { NODE_ENV: 'development' }, dataDir, warn });
    expect(second.equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(stored);
    expect(warnings[1]).toContain(file);
  });

  it('creates the data directory when it does not exist yet', () => {
    const nested = path.join(dataDir, 'not', 'yet');
    const key = loadDataKey({ env: {}, dataDir: nested, warn });
    expect(readFileSync(path.join(nested, 'data-key'), 'utf8').trim()).toBe(key.toString('base64'));
  });

  it('refuses a damaged development key file', () => {
    writeFileSync(path.join(dataDir, 'data-key'), 'not a key\n', { mode: 0o600 });
    expect(() => loadDataKey({ env: {}, dataDir, warn })).toThrow(/is damaged/);
  });

  it('refuses to start in production without a key, and writes no file', () => {
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', MINSHENG_DATA_KEY: ' ' },
    ]) {
      expect(() => loadDataKey({ env, dataDir, warn })).toThrow(/MINSHENG_DATA_KEY is not set/);
    }
    expect(() => statSync(path.join(dataDir, 'data-key'))).toThrow();
  });
});
