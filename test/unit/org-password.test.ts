import { hashPassword, verifyPassword } from '../../server/auth/password';

describe('password hashes (scrypt)', () => {
  it('stores scrypt$N$r$p$salt$hash and verifies the right password', async () => {
    const hash = await hashPassword('民生-12345');
    expect(hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    await expect(verifyPassword('民生-12345', hash)).resolves.toBe(true);
  });

  it('rejects a wrong password', async () => {
    const hash = await hashPassword('correct horse');
    await expect(verifyPassword('correct hors', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('rejects malformed or hostile stored hashes instead of throwing', async () => {
    const hash = await hashPassword('x');
    const [, , r, p, salt, key] = hash.split('$');
    for (const stored of [
      '',
      'plain-text',
      hash.replace('scrypt', 'bcrypt'),
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$1073741824$${r}$${p}$${salt}$${key}`, // would need gigabytes
      `scrypt$16384$${r}$${p}$${salt}$`,
    ]) {
      await expect(verifyPassword('x', stored)).resolves.toBe(false);
    }
  });
});
