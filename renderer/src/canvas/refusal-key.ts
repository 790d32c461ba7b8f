import type { MessageKey } from '../i18n/messages.en';
import type { ConnectRefusal } from '../store/doc-ops';

/** The message for a wire the canvas refuses: shown both by a drag on the canvas and by Quick add. */
export const refusalKey: Readonly<Record<ConnectRefusal, MessageKey>> = {
  self: 'connect.self',
  sinkOutput: 'connect.sinkOutput',
  unknownPort: 'connect.unknownPort',
  unknownNode: 'connect.unknownNode',
  portTaken: 'connect.portTaken',
  duplicate: 'connect.duplicate',
  cycle: 'connect.cycle',
};
