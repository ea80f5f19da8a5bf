/** Where progress goes: stderr, so that stdout stays the command's output (an export's JSONL). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * The command's progress on stderr: drawn as a bar when the user watches a terminal (stdout is
 * one, as the issue puts it, and so is stderr), plain lines otherwise, e.g. `export > log.jsonl`.
 */
export const consoleProgress: ProgressStream = {
  get isTTY() {
    return process.stdout.isTTY === true && process.stderr.isTTY === true;
  },
  write: (text: string) => process.stderr.write(text),
};

const BAR_WIDTH = 30;
/** A line every so many events when nobody watches a terminal: logs stay short. */
const LINE_EVERY = 1000;

/**
 * A progress bar redrawn in place on a terminal; plain lines (`label: 2000/5000 events`) when
 * the stream is a pipe or a file, as in CI logs.
 */
export class Progress {
  private done = 0;
  private drawn = -1;

  constructor(
    private readonly label: string,
    private readonly total: number | undefined,
    private readonly stream: ProgressStream = consoleProgress,
  ) {}

  /** Whether the stream is a terminal, where a bar can be redrawn. */
  get interactive(): boolean {
    return this.stream.isTTY === true;
  }

  advance(count = 1): void {
    this.done += count;
    if (this.interactive) this.drawBar();
    else if (Math.floor(this.done / LINE_EVERY) > Math.floor((this.done - count) / LINE_EVERY)) this.writeLine();
  }

  /** Starts over: the work is done a second time, from the first event. */
  restart(): void {
    this.done = 0;
    this.drawn = -1;
  }

  /** Ends the bar (or writes the last line) with a summary. */
  finish(summary: string): void {
    if (this.interactive) {
      this.drawBar(true);
      this.stream.write('\n');
    }
    this.stream.write(`${this.label}: ${summary}\n`);
  }

  private drawBar(force = false): void {
    const total = this.total && this.total > 0 ? this.total : undefined;
    const permille = total ? Math.min(1000, Math.floor((this.done / total) * 1000)) : this.done;
    // Redraw only when the bar can have changed, so a million events are not a million writes.
    if (!force && permille === this.drawn) return;
    this.drawn = permille;
    if (!total) {
      this.stream.write(`\r${this.label}: ${this.done} events`);
      return;
    }
    const filled = Math.round((permille / 1000) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    this.stream.write(`\r${this.label} ${bar} ${(permille / 10).toFixed(1).padStart(5)}% ${this.done}/${total} events`);
  }

  private writeLine(): void {
    this.stream.write(`${this.label}: ${this.done}${this.total !== undefined ? `/${this.total}` : ''} events\n`);
  }
}
