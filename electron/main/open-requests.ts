/**
 * The pipelines the OS asks Duto to open, between the OS and the renderer.
 * A request can come before any renderer listens (a launch by double-click,
 * macOS `open-file` before `ready`), so until one takes what waits
 * (`app.pendingOpens`) the request is kept; afterwards each is sent as it
 * comes. Duto shows one pipeline at a time, so only the newest waits.
 */
export interface OpenRequests {
  add(path: string): void;
  /** What waits, for the renderer that now listens; later requests are sent to it. */
  take(): string[];
  /** The renderer that listened is gone (its window closed): keep requests for the next one. */
  stopListening(): void;
}

export function createOpenRequests(send: (path: string) => void): OpenRequests {
  let waiting: string | null = null;
  let listening = false;
  return {
    add(path) {
      if (listening) send(path);
      else waiting = path;
    },
    take() {
      listening = true;
      const taken = waiting === null ? [] : [waiting];
      waiting = null;
      return taken;
    },
    stopListening() {
      listening = false;
    },
  };
}
