/**
 * Mean and deviation in one pass with Welford's update, which stays accurate
 * where sum-of-squares loses every digit (values like 1e9 ± 1).
 */
export class RunningStats {
  n = 0;
  mean = 0;
  min = Infinity;
  max = -Infinity;
  private m2 = 0;

  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Population standard deviation (divides by n), as standard scaling uses. */
  get std(): number {
    return this.n > 0 ? Math.sqrt(this.m2 / this.n) : 0;
  }
}
