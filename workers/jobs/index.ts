import type { JobDefinition } from '../job-types';
import { demandArchive } from './demand-archive';
import { demandAssign } from './demand-assign';
import { demandClose } from './demand-close';
import { demandDivertEmergency } from './demand-divert-emergency';
import { demandMerge } from './demand-merge';
import { demandPause } from './demand-pause';
import { demandRecordDiscipline } from './demand-record-discipline';
import { demandRecordHandling } from './demand-record-handling';
import { demandRecordScreening } from './demand-record-screening';
import { demandRecordSignoff } from './demand-record-signoff';
import { demandRecordVerification } from './demand-record-verification';
import { demandRegister } from './demand-register';
import { demandRemind } from './demand-remind';
import { demandRequestVerification } from './demand-request-verification';
import { demandSchedule } from './demand-schedule';
import { demandSignoffStart } from './demand-signoff-start';
import { demandSupervise } from './demand-supervise';
import { demandWarn } from './demand-warn';
import { spotCheckRecord } from './spot-check-record';
import { spotCheckSample } from './spot-check-sample';
import { unitRankingCompute } from './unit-ranking-compute';
import { unitRankingNotify } from './unit-ranking-notify';

/**
 * Every job type of `demand-handling`, `four-party-signoff`, `unit-ranking` and `spot-check`, one module each.
 */
export const ALL_JOBS = [
  demandRegister,
  demandDivertEmergency,
  demandRecordScreening,
  demandClose,
  demandMerge,
  demandAssign,
  demandSchedule,
  demandRecordDiscipline,
  demandRecordHandling,
  demandPause,
  demandWarn,
  demandRemind,
  demandSupervise,
  demandRequestVerification,
  demandRecordVerification,
  demandSignoffStart,
  demandRecordSignoff,
  demandArchive,
  unitRankingCompute,
  unitRankingNotify,
  spotCheckSample,
  spotCheckRecord,
] as unknown as ReadonlyArray<JobDefinition<never, never>>;
