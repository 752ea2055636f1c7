/** Counts open connections per client address, bounded by the number of open connections. */
export class ConnectionCounter {
  readonly #counts = new Map<string, number>();
  #total = 0;
  readonly #perAddress: number;
  readonly #overall: number;

  /**
   * @param perAddress - most connections from one address
   * @param overall - most connections in total
   */
  constructor(perAddress: number, overall: number) {
    this.#perAddress = perAddress;
    this.#overall = overall;
  }

  /** Takes a slot for `address`; `false` when a limit is reached. */
  acquire(address: string): boolean {
    const count = this.#counts.get(address) ?? 0;
    if (count >= this.#perAddress || this.#total >= this.#overall) return false;
    this.#counts.set(address, count + 1);
    this.#total++;
    return true;
  }

  /** Gives back a slot taken by {@link ConnectionCounter.acquire}. */
  release(address: string): void {
    const count = this.#counts.get(address) ?? 0;
    if (count <= 1) this.#counts.delete(address);
    else this.#counts.set(address, count - 1);
    this.#total = Math.max(0, this.#total - 1);
  }

  /** Open connections in total. */
  get size(): number {
    return this.#total;
  }
}
