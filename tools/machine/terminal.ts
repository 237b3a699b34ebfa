/**
 * Connects the host terminal to a machine's serial line for interactive
 * runs: stdin in raw mode, every byte forwarded, one optional quit byte.
 */

/** Ctrl-], the quit key of machines without their own escape (v86). */
export const CTRL_RIGHT_BRACKET = 0x1d;

/** What to do with typed bytes. */
export interface TerminalHandlers {
  /** Receives typed bytes, quit byte excluded. */
  onInput: (bytes: Uint8Array) => void;
  /** Byte that ends the session instead of being forwarded. */
  quitByte?: number;
  /** Called once when quitByte is typed. */
  onQuit?: () => void;
}

/**
 * Starts forwarding stdin and returns the function that stops it and
 * restores the terminal mode.
 */
export function attachTerminal(handlers: TerminalHandlers): () => void {
  const stdin = process.stdin;
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  if (stdin.isTTY) stdin.setRawMode(true);

  const onData = (data: Buffer): void => {
    const quitAt = handlers.quitByte === undefined ? -1 : data.indexOf(handlers.quitByte);
    const forwarded = quitAt < 0 ? data : data.subarray(0, quitAt);
    if (forwarded.length > 0) handlers.onInput(forwarded);
    if (quitAt >= 0) handlers.onQuit?.();
  };
  stdin.on("data", onData);
  stdin.resume();

  return () => {
    stdin.off("data", onData);
    stdin.pause();
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
  };
}
