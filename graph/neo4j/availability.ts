/**
 * How the Neo4j adapter behaves when the server goes away: driver timeouts short enough that a
 * request fails in about a second instead of retrying for 15-30 s, and a circuit breaker that,
 * after a connection failure, fails calls at once (with a retry hint) until a probe gets through.
 * Recovery needs nobody: the first call after the cool-down is the probe.
 */
import type { Config } from 'neo4j-driver';
import { type Availability, StoreUnavailableError } from '../port.js';

/** Driver settings for a loopback or LAN server; NEO4J_CONNECTION_TIMEOUT_MS raises them for slow links. */
export function driverTimeouts(
  env: NodeJS.ProcessEnv = process.env,
): Pick<Config, 'connectionTimeout' | 'connectionAcquisitionTimeout' | 'maxTransactionRetryTime'> {
  const raw = env.NEO4J_CONNECTION_TIMEOUT_MS?.trim();
  const connect = raw ? Number(raw) : 1000;
  if (!Number.isInteger(connect) || connect <= 0)
    throw new StoreUnavailableError(
      `NEO4J_CONNECTION_TIMEOUT_MS: expected a positive whole number of milliseconds (got "${raw}")`,
    );
  return {
    connectionTimeout: connect,
    // Waiting for a pooled connection includes opening one: a little more than the connect timeout.
    connectionAcquisitionTimeout: connect + 500,
    // Transient errors (deadlocks, leader switches) are retried briefly; an outage is not waited out.
    maxTransactionRetryTime: 1000,
  };
}

export interface BreakerOptions {
  /** How long calls fail fast after a failure before one probe is let through. */
  coolDownMs?: number;
  now?: () => number;
}

/** Closed → (a failure) → open for `coolDownMs` → half-open: one call probes; success closes it. */
export class CircuitBreaker {
  private openUntil = 0;
  private lastFailure: StoreUnavailableError | null = null;
  private probing = false;
  private readonly coolDownMs: number;
  private readonly now: () => number;

  constructor(
    private readonly dependency: string,
    options: BreakerOptions = {},
  ) {
    this.coolDownMs = options.coolDownMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs `work` unless the circuit is open. `classify` turns an error into a StoreUnavailableError
   * when it means the server is unreachable (those open the circuit); other errors pass through.
   */
  async run<T>(
    work: () => Promise<T>,
    classify: (error: unknown) => StoreUnavailableError | null,
  ): Promise<T> {
    if (this.lastFailure) {
      if (this.now() < this.openUntil || this.probing) throw this.refusal();
      this.probing = true;
    }
    const wasProbe = this.probing;
    try {
      const result = await work();
      if (wasProbe || this.lastFailure) this.close();
      return result;
    } catch (error) {
      const unavailable = classify(error);
      if (unavailable) {
        this.open(unavailable);
        throw this.refusal(unavailable.message);
      }
      if (wasProbe) this.close(); // the server answered, even if with an error of the query's own
      throw error;
    } finally {
      if (wasProbe) this.probing = false;
    }
  }

  status(): Availability {
    if (!this.lastFailure) return { dependency: this.dependency, available: true };
    return {
      dependency: this.dependency,
      available: false,
      detail: this.lastFailure.message,
      retryAfterSeconds: this.retryAfter(),
    };
  }

  private open(failure: StoreUnavailableError) {
    this.lastFailure = failure;
    this.openUntil = this.now() + this.coolDownMs;
  }

  private close() {
    this.lastFailure = null;
    this.openUntil = 0;
  }

  private retryAfter(): number {
    return Math.max(1, Math.ceil((this.openUntil - this.now()) / 1000));
  }

  private refusal(message = this.lastFailure?.message ?? `${this.dependency} is unavailable`) {
    const error = new StoreUnavailableError(message);
    error.retryAfterSeconds = this.retryAfter();
    return error;
  }
}
