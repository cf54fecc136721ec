export {
  createChannelKey,
  revokeChannelKey,
  findChannelCaller,
  ChannelKeyError,
  type ChannelCaller,
} from './channel-keys';
export { requireChannelKey, channelOf } from './channel-auth';
