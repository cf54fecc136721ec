import type { EmbeddedPostgres } from '../../platform';

/** What the global setup hands to the teardown (same process) and, via env, to test files. */
export interface TestRun {
  runId: string;
  adminUrl: string;
  templateDb: string;
  embedded: EmbeddedPostgres | undefined;
  tmpDir: string | undefined;
}

export const TEST_ENV = {
  adminUrl: 'MINSHENG_TEST_ADMIN_URL',
  templateDb: 'MINSHENG_TEST_TEMPLATE_DB',
  runId: 'MINSHENG_TEST_RUN_ID',
} as const;
