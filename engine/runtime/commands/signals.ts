import type { CommandProcessor } from '../../processing/stream-processor';
import { broadcastSignal } from '../behaviors/signals';

export interface BroadcastSignalCommand {
  signalName: string;
  variables: Record<string, unknown>;
  tenantId: string;
}

/** SIGNAL BROADCAST (BroadcastSignal, `POST /v2/signals/broadcast`). */
const broadcast: CommandProcessor = (command, ctx) => {
  const v = command.value as BroadcastSignalCommand;
  const tenantId = v.tenantId || '<default>';
  const key = broadcastSignal(ctx, v.signalName, v.variables, tenantId);
  ctx.respond(key, { key, tenantId });
};

export const signalCommands: Record<string, CommandProcessor> = {
  'SIGNAL:BROADCAST': broadcast,
};
