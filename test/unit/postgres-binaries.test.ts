import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restoreLibrarySymlinks } from '../../platform/postgres/binaries';

describe('embedded PostgreSQL binaries', () => {
  it('recreates the library symlinks that a skipped postinstall script would have made', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-pkg-'));
    try {
      fs.mkdirSync(path.join(dir, 'native', 'lib'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'native', 'lib', 'libpq.so.5.18'), 'library');
      fs.writeFileSync(
        path.join(dir, 'native', 'pg-symlinks.json'),
        JSON.stringify([
          { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so.5' },
          { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so' },
        ]),
      );
      restoreLibrarySymlinks(dir);
      restoreLibrarySymlinks(dir); // idempotent: existing links are left alone

      const link = path.join(dir, 'native', 'lib', 'libpq.so.5');
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
      // Relative, so the package folder can be moved or copied without breaking the links.
      expect(fs.readlinkSync(link)).toBe('libpq.so.5.18');
      expect(fs.readFileSync(path.join(dir, 'native', 'lib', 'libpq.so'), 'utf8')).toBe('library');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
