/**
 * A value read from somewhere costly (the database), shared: callers within `ttlMs` of the last
 * read get its value, and callers during a read wait for that read instead of starting another.
 * A failed read is not kept. `reads` counts the reads actually made. `now` (ms, any origin)
 * measures only how old the value is.
 */
export class CachedReading<T> {
  private value: { at: number; value: T } | null = null;
  private pending: Promise<T> | null = null;
  reads = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly load: () => Promise<T>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(): Promise<T> {
    if (this.value && this.now() - this.value.at < this.ttlMs) return Promise.resolve(this.value.value);
    if (this.pending) return this.pending;
    this.reads += 1;
    this.pending = this.load().then(
      (value) => {
        this.value = { at: this.now(), value };
        this.pending = null;
        return value;
      },
      (error: unknown) => {
        this.pending = null;
        throw error;
      },
    );
    return this.pending;
  }
}
