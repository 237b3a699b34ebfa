/**
 * Collects a machine's COM1 output: keeps every byte for the result, notes
 * when the first one arrived, and forwards each chunk to the caller's
 * listener and, in interactive runs, to stdout.
 */

/** Where serial output goes besides the recording. */
export interface SerialSinks {
  onSerial?: (bytes: Uint8Array) => void;
  /** Copy output to process.stdout (interactive runs). */
  echo: boolean;
}

/** Records one run's COM1 output. */
export class SerialRecorder {
  private readonly chunks: Buffer[] = [];
  private firstByteAt: number | null = null;

  /** @param startedAt performance.now() at the start of the run. */
  constructor(
    private readonly startedAt: number,
    private readonly sinks: SerialSinks,
  ) {}

  /** Takes the next chunk of output. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.firstByteAt === null) this.firstByteAt = performance.now();
    this.chunks.push(Buffer.from(bytes));
    if (this.sinks.echo) process.stdout.write(bytes);
    this.sinks.onSerial?.(bytes);
  }

  /** Milliseconds from the start of the run to the first byte, if any. */
  get firstByteMs(): number | null {
    return this.firstByteAt === null ? null : this.firstByteAt - this.startedAt;
  }

  /** All output so far, decoded as UTF-8. */
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}
