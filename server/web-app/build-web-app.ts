import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIR, WEB_DIST_DIR } from './web-paths';

export interface WebBuild {
  /** Resolves when the build is in place; rejects with the build's output when it failed. */
  done: Promise<void>;
  /** Stops a build still running (Ctrl-C during `npm start`). */
  stop(): void;
}

const viteBin = () => path.resolve(require.resolve('vite/package.json'), '../bin/vite.js');

/**
 * `vite build` of web/ (or `appDir`: web-modeler/) into a folder of its own, then moved to `distDir` in one rename: a
 * server never serves a half-written build, and two builds at once (test files, a second
 * `npm start`) do not write into each other's files.
 */
export function buildWebApp(distDir: string = WEB_DIST_DIR, appDir: string = WEB_DIR): WebBuild {
  const tmpDir = path.join(
    path.dirname(distDir),
    `.dist-${process.pid}-${Date.now().toString(36)}`,
  );
  let child: ChildProcess | undefined;
  const done = new Promise<void>((resolve, reject) => {
    child = spawn(
      process.execPath,
      [
        viteBin(),
        'build',
        '--config',
        path.join(appDir, 'vite.config.ts'),
        '--outDir',
        tmpDir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: appDir, env: { ...process.env, NODE_ENV: 'production' } },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      try {
        if (code !== 0) {
          removeQuietly(tmpDir);
          const tail = output.trim().split('\n').slice(-15).join('\n');
          throw new Error(`vite build ended with ${signal ?? `exit code ${code}`}\n${tail}`);
        }
        moveIntoPlace(tmpDir, distDir);
        resolve();
      } catch (error) {
        reject(error as Error);
      }
    });
  });
  return { done, stop: () => void child?.kill('SIGTERM') };
}

/** Removes a folder that may be half there; a failure to tidy up must not hide the build's. */
function removeQuietly(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // nothing to tidy, or nothing we can do about it
  }
}

function moveIntoPlace(built: string, distDir: string): void {
  const old = `${built}-old`;
  try {
    if (fs.existsSync(distDir)) fs.renameSync(distDir, old);
    fs.renameSync(built, distDir);
  } catch (error) {
    // Another build got there first: its result is as good as ours.
    if (!fs.existsSync(path.join(distDir, 'index.html'))) throw error;
    removeQuietly(built);
  } finally {
    removeQuietly(old);
  }
}

/** Whether `distDir` holds a build (its index.html). */
export function webAppBuilt(distDir: string = WEB_DIST_DIR): boolean {
  return fs.existsSync(path.join(distDir, 'index.html'));
}
