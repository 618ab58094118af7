/**
 * One bounded pool for the heavy readers (OCR engine processes, LibreOffice conversions): at most as many
 * run at once as the machine has cores (DUTYGRAPH_OCR_WORKERS), whichever files they belong to.
 */
import { availableParallelism } from 'node:os';

export function heavyWorkers(): number {
  const raw = process.env.DUTYGRAPH_OCR_WORKERS;
  if (raw === undefined || raw.trim() === '') return Math.max(1, availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`DUTYGRAPH_OCR_WORKERS must be a whole number ≥ 1, got "${raw}"`);
  return n;
}

/** A counting semaphore. */
export class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: () => number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size()) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export const heavySlots = new Slots(heavyWorkers);
