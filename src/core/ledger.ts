/**
 * One ledger for every model call at every depth. Calls reserve an upper
 * estimate of their tokens and cost before they are sent and settle with the
 * real usage afterwards, so 32 sub-calls fired at once see each other's
 * reservations: a parallel fan-out cannot blow through the cap the way a
 * check-after-the-fact budget does (the reference implementation only
 * counted the root's own calls).
 */
import type { LimitName, ModelUsageSummary } from '../rlm-options.js';
import type { TokenUsage } from '../models/types.js';

/** costOf(model, usage): USD, or null when the model's price is unknown. */
export type CostFunction = (model: string, usage: TokenUsage) => number | null;

export interface LedgerLimits {
  maxTokens?: number | undefined;
  maxCostUsd?: number | undefined;
}

export interface CallEstimate {
  model: string;
  promptChars: number;
  maxOutputTokens: number;
}

export interface Reservation {
  readonly id: number;
  readonly tokens: number;
  /** null when the price is unknown (nothing reserved against the cost cap). */
  readonly costUsd: number | null;
}

export type ReserveOutcome =
  { ok: true; reservation: Reservation } | { ok: false; limit: LimitName; message: string };

/**
 * Characters per token for the estimate. Real tokenisers give ~4 for English;
 * 3 keeps the estimate an upper bound for code and non-English text too.
 */
const CHARS_PER_TOKEN = 3;

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

const EMPTY_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

export class UsageLedger {
  private readonly usage: TokenUsage = { ...EMPTY_USAGE };
  private costUsd = 0;
  private unknownPriceModels = new Set<string>();
  private readonly byModel = new Map<string, ModelUsageSummary>();
  private readonly open = new Map<number, Reservation>();
  private reservedTokens = 0;
  private reservedCostUsd = 0;
  private nextId = 1;
  private calls = 0;

  constructor(
    private readonly costOf: CostFunction,
    private readonly limits: LedgerLimits,
  ) {}

  /** Admits a call only if it fits in what is left after spending and other open reservations. */
  reserve(estimate: CallEstimate): ReserveOutcome {
    const tokens = estimateTokens(estimate.promptChars) + estimate.maxOutputTokens;
    const maxTokens = this.limits.maxTokens;
    if (maxTokens !== undefined && this.totalTokens + this.reservedTokens + tokens > maxTokens) {
      return {
        ok: false,
        limit: 'max_tokens',
        message: `token budget exhausted: ${this.totalTokens} used + ${this.reservedTokens} reserved + ~${tokens} for this call > max_tokens ${maxTokens}`,
      };
    }
    const costUsd = this.costOf(estimate.model, {
      inputTokens: estimateTokens(estimate.promptChars),
      outputTokens: estimate.maxOutputTokens,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    const maxCost = this.limits.maxCostUsd;
    if (
      maxCost !== undefined &&
      costUsd !== null &&
      this.costUsd + this.reservedCostUsd + costUsd > maxCost
    ) {
      return {
        ok: false,
        limit: 'max_cost_usd',
        message: `cost budget exhausted: $${this.costUsd.toFixed(6)} spent + $${this.reservedCostUsd.toFixed(6)} reserved + ~$${costUsd.toFixed(6)} for this call > max_cost_usd $${maxCost}`,
      };
    }
    const reservation: Reservation = { id: this.nextId++, tokens, costUsd };
    this.open.set(reservation.id, reservation);
    this.reservedTokens += tokens;
    this.reservedCostUsd += costUsd ?? 0;
    return { ok: true, reservation };
  }

  /** Frees a reservation whose call failed before it cost anything. */
  release(reservation: Reservation): void {
    if (!this.open.delete(reservation.id)) return;
    this.reservedTokens -= reservation.tokens;
    this.reservedCostUsd -= reservation.costUsd ?? 0;
  }

  /** Books a finished call (with or without a reservation) and returns its cost. */
  settle(model: string, usage: TokenUsage, reservation?: Reservation): number | null {
    if (reservation) this.release(reservation);
    const cost = this.costOf(model, usage);
    this.calls += 1;
    addUsage(this.usage, usage);
    if (cost === null) this.unknownPriceModels.add(model);
    else this.costUsd += cost;
    const summary = this.byModel.get(model) ?? { calls: 0, usage: { ...EMPTY_USAGE }, costUsd: 0 };
    summary.calls += 1;
    addUsage(summary.usage, usage);
    summary.costUsd = cost === null || summary.costUsd === null ? null : summary.costUsd + cost;
    this.byModel.set(model, summary);
    return cost;
  }

  get totalTokens(): number {
    return this.usage.inputTokens + this.usage.outputTokens;
  }

  /** null once any call had an unknown price: a partial sum would read as a real total. */
  get totalCostUsd(): number | null {
    return this.unknownPriceModels.size > 0 ? null : this.costUsd;
  }

  /** Spent on calls with a known price (what the cost cap is checked against). */
  get knownCostUsd(): number {
    return this.costUsd;
  }

  get unpricedModels(): string[] {
    return [...this.unknownPriceModels];
  }

  get callCount(): number {
    return this.calls;
  }

  get totals(): TokenUsage {
    return { ...this.usage };
  }

  get usageByModel(): Record<string, ModelUsageSummary> {
    return Object.fromEntries(
      [...this.byModel].map(([model, summary]) => [model, { ...summary, usage: { ...summary.usage } }]),
    );
  }
}

function addUsage(target: TokenUsage, usage: TokenUsage): void {
  target.inputTokens += usage.inputTokens;
  target.outputTokens += usage.outputTokens;
  target.cacheReadTokens += usage.cacheReadTokens;
  target.cacheWriteTokens += usage.cacheWriteTokens;
}
