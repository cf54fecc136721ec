export {
  loadSpotCheckPolicy,
  parseSpotCheckPolicy,
  SPOT_CHECK_POLICY_FILE,
  SpotCheckPolicyError,
  type SpotCheckPolicy,
} from './policy';
export { sampleClosures, sampleSize, type Closure } from './sample';
