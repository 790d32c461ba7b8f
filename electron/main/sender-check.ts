import { isAppUrl } from './app-origin';

/**
 * Whether an IPC message may be answered: it must come from a window we
 * created, from a frame showing our own `app://duto` pages (not a page it
 * navigated to, not a subframe from elsewhere). Plain data in, so it is
 * tested without Electron.
 */
export interface SenderInfo {
  /** URL of the frame that sent the message; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** `webContents.id` of the sender. */
  webContentsId: number;
}

export function isTrustedSender(sender: SenderInfo, ourWebContents: ReadonlySet<number>, appOrigin: string): boolean {
  return ourWebContents.has(sender.webContentsId) && isAppUrl(sender.frameUrl, appOrigin);
}
