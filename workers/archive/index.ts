export { archiveRecordHash, GENESIS_HASH } from './archive-hash';
export {
  verifyArchiveChain,
  type ArchiveProgress,
  type ArchiveVerification,
  type BrokenArchiveEntry,
  type VerifyOptions,
} from './verify-chain';
