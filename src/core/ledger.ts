/**
 * One ledger for every model call at every depth. Calls reserve tokens and
 * cost before they are sent and settle with the real usage afterwards, so
 * 32 sub-calls fired at once see each other's reservations: a parallel
 * fan-out cannot blow through the cap the way a check-after-the-fact budget
 * does (the reference implementation only counted the root's own calls).
 *
 * Two estimates per call. The *bound* can only be exceeded by a provider that
 * ignores max_tokens: input tokens <= UTF-8 bytes of the prompt (every
 * byte-level BPE token covers at least one byte) plus a per-message overhead.
 * The *likely* cost uses about 3 characters per token. A call is admitted on
 * its likely cost only when no other call is in flight; next to open
 * reservations it must fit on its bound. So only a call that ran alone can
 * cost more than was reserved for it: the overshoot is at most one call's,
 * however wide the fan-out. A call that would fit alone but not next to the
 * calls in flight waits for them to settle instead of being refused.
 */
import type { LimitName, ModelUsageSummary } from '../rlm-options.js';
import type { TokenUsage } from '../models/types.js';
import { capExhausted, type CostCap } from './cost-caps.js';

/** costOf(model, usage): USD, or null when the model's price is unknown. */
export type CostFunction = (model: string, usage: TokenUsage) => number | null;

export interface LedgerLimits {
  maxTokens?: number | undefined;
  maxCostUsd?: number | undefined;
  /** Caps on part of the spending (a depth, a model), checked like max_cost_usd for the calls they cover. */
  costCaps?: readonly CostCap[] | undefined;
}

export interface CallEstimate {
  model: string;
  /** Characters of the prompt (system + messages). */
  promptChars: number;
  /** UTF-8 bytes of the prompt; defaults to 4 per character (the most UTF-8 needs per UTF-16 unit). */
  promptBytes?: number;
  /** Messages sent (system included); each costs a few framing tokens. Default 1. */
  messages?: number;
  maxOutputTokens: number;
  /** Depth of the call, for depth caps; without it no depth cap applies. */
  depth?: number;
}

export interface Reservation {
  readonly id: number;
  /** Upper bound of the call's tokens (what other calls see while it is in flight). */
  readonly tokens: number;
  /** Upper bound of its cost; null when the price is unknown (nothing reserved against the cost cap). */
  readonly costUsd: number | null;
  /** Keys of the cost caps that cover the call: its cost is booked under each. */
  readonly capKeys: readonly string[];
}

export type ReserveOutcome =
  | {
      ok: true;
      reservation: Reservation;
      /** True when admit() had to wait for calls in flight (the run may have stopped meanwhile). */
      waited?: boolean;
    }
  | { ok: false; limit: LimitName; message: string };

/** The likely estimate. Real tokenisers give ~4 characters per token for English; 3 leaves a margin. */
const CHARS_PER_TOKEN = 3;
/** Framing tokens per message (role markers, separators) and per request, counted into the bound. */
const TOKENS_PER_MESSAGE = 8;

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** Input tokens a prompt of this many UTF-8 bytes can take at most. */
export function boundTokens(bytes: number, messages: number): number {
  return bytes + TOKENS_PER_MESSAGE * (messages + 1);
}

const EMPTY_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

interface Sized {
  likelyTokens: number;
  boundTokens: number;
  likelyCostUsd: number | null;
  boundCostUsd: number | null;
  caps: readonly CostCap[];
}

type Decision =
  | { kind: 'admit'; reservation: Reservation }
  | { kind: 'refuse'; limit: LimitName; message: string }
  | { kind: 'wait' };

interface Waiter {
  sized: Sized;
  settle: (outcome: ReserveOutcome) => void;
}

export class UsageLedger {
  private readonly usage: TokenUsage = { ...EMPTY_USAGE };
  private costUsd = 0;
  private unknownPriceModels = new Set<string>();
  private readonly byModel = new Map<string, ModelUsageSummary>();
  private readonly open = new Map<number, Reservation>();
  private readonly waiters: Waiter[] = [];
  private reservedTokens = 0;
  private reservedCostUsd = 0;
  private readonly capSpentUsd = new Map<string, number>();
  private readonly capReservedUsd = new Map<string, number>();
  private nextId = 1;
  private calls = 0;

  constructor(
    private readonly costOf: CostFunction,
    private readonly limits: LedgerLimits,
  ) {}

  /**
   * Admits a call now, or refuses it when it cannot fit even alone. When it would fit alone but not next
   * to the calls in flight, it is refused here too: use admit() to wait for them instead.
   */
  reserve(estimate: CallEstimate): ReserveOutcome {
    const decision = this.decide(this.size(estimate));
    if (decision.kind === 'admit') return { ok: true, reservation: decision.reservation };
    if (decision.kind === 'refuse') return { ok: false, limit: decision.limit, message: decision.message };
    return this.busyRefusal(this.size(estimate));
  }

  /** Like reserve(), but a call that only has to wait for calls in flight waits for them to settle. */
  admit(estimate: CallEstimate, signal?: AbortSignal): Promise<ReserveOutcome> {
    signal?.throwIfAborted();
    const sized = this.size(estimate);
    const decision = this.waiters.length > 0 ? ({ kind: 'wait' } as const) : this.decide(sized);
    if (decision.kind === 'admit') return Promise.resolve({ ok: true, reservation: decision.reservation });
    if (decision.kind === 'refuse')
      return Promise.resolve({ ok: false, limit: decision.limit, message: decision.message });
    return new Promise<ReserveOutcome>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index !== -1) this.waiters.splice(index, 1);
        reject(signal?.reason);
        this.wake();
      };
      const waiter: Waiter = {
        sized,
        settle: (outcome) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      // Nothing in flight to wait for (a refusal or admission decided by the queue alone): decide now.
      this.wake();
    });
  }

  /** Frees a reservation whose call failed before it cost anything. */
  release(reservation: Reservation): void {
    if (!this.open.delete(reservation.id)) return;
    this.reservedTokens -= reservation.tokens;
    this.reservedCostUsd -= reservation.costUsd ?? 0;
    for (const key of reservation.capKeys) addTo(this.capReservedUsd, key, -(reservation.costUsd ?? 0));
    this.wake();
  }

  /** Calls waiting in admit() for the calls in flight to settle. */
  get waiting(): number {
    return this.waiters.length;
  }

  private size(estimate: CallEstimate): Sized {
    const messages = estimate.messages ?? 1;
    const likelyInput = estimateTokens(estimate.promptChars);
    const boundInput = Math.max(
      likelyInput,
      boundTokens(estimate.promptBytes ?? estimate.promptChars * 4, messages),
    );
    const price = (inputTokens: number) =>
      this.costOf(estimate.model, {
        inputTokens,
        outputTokens: estimate.maxOutputTokens,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      });
    const scope = { depth: estimate.depth ?? -1, model: estimate.model };
    return {
      likelyTokens: likelyInput + estimate.maxOutputTokens,
      boundTokens: boundInput + estimate.maxOutputTokens,
      likelyCostUsd: price(likelyInput),
      boundCostUsd: price(boundInput),
      caps: (this.limits.costCaps ?? []).filter((cap) => cap.covers(scope)),
    };
  }

  /** Admit (alone: on the likely estimate; next to others: on the bound), refuse (cannot fit alone), or wait. */
  private decide(sized: Sized): Decision {
    const { maxTokens, maxCostUsd } = this.limits;
    if (maxTokens !== undefined && this.totalTokens + sized.likelyTokens > maxTokens) {
      return {
        kind: 'refuse',
        limit: 'max_tokens',
        message: `token budget exhausted: ${this.totalTokens} used + ~${sized.likelyTokens} for this call > max_tokens ${maxTokens}`,
      };
    }
    if (
      maxCostUsd !== undefined &&
      sized.likelyCostUsd !== null &&
      this.costUsd + sized.likelyCostUsd > maxCostUsd
    ) {
      return {
        kind: 'refuse',
        limit: 'max_cost_usd',
        message: `cost budget exhausted: $${this.costUsd.toFixed(6)} spent + ~$${sized.likelyCostUsd.toFixed(6)} for this call > max_cost_usd $${maxCostUsd}`,
      };
    }
    for (const cap of sized.caps) {
      const spent = this.capSpentUsd.get(cap.key) ?? 0;
      if (sized.likelyCostUsd !== null && spent + sized.likelyCostUsd > cap.maxUsd) {
        return { kind: 'refuse', ...capExhausted(cap, spent, sized.likelyCostUsd) };
      }
    }
    if (this.open.size > 0) {
      const capsFit = sized.caps.every(
        (cap) =>
          sized.boundCostUsd === null ||
          (this.capSpentUsd.get(cap.key) ?? 0) +
            (this.capReservedUsd.get(cap.key) ?? 0) +
            sized.boundCostUsd <=
            cap.maxUsd,
      );
      if (!capsFit) return { kind: 'wait' };
      const tokensFit =
        maxTokens === undefined || this.totalTokens + this.reservedTokens + sized.boundTokens <= maxTokens;
      const costFit =
        maxCostUsd === undefined ||
        sized.boundCostUsd === null ||
        this.costUsd + this.reservedCostUsd + sized.boundCostUsd <= maxCostUsd;
      if (!tokensFit || !costFit) return { kind: 'wait' };
    }
    const reservation: Reservation = {
      id: this.nextId++,
      tokens: sized.boundTokens,
      costUsd: sized.boundCostUsd,
      capKeys: sized.caps.map((cap) => cap.key),
    };
    this.open.set(reservation.id, reservation);
    this.reservedTokens += reservation.tokens;
    this.reservedCostUsd += reservation.costUsd ?? 0;
    for (const key of reservation.capKeys) addTo(this.capReservedUsd, key, reservation.costUsd ?? 0);
    return { kind: 'admit', reservation };
  }

  /** What reserve() says for a call that would have to wait: the budget is taken by calls in flight. */
  private busyRefusal(sized: Sized): ReserveOutcome {
    const { maxTokens } = this.limits;
    for (const cap of sized.caps) {
      const taken = (this.capSpentUsd.get(cap.key) ?? 0) + (this.capReservedUsd.get(cap.key) ?? 0);
      if (taken + (sized.boundCostUsd ?? 0) > cap.maxUsd) {
        return { ok: false, ...capExhausted(cap, taken, sized.boundCostUsd ?? 0) };
      }
    }
    if (maxTokens !== undefined && this.totalTokens + this.reservedTokens + sized.boundTokens > maxTokens) {
      return {
        ok: false,
        limit: 'max_tokens',
        message: `token budget taken: ${this.totalTokens} used + ${this.reservedTokens} reserved by calls in flight + up to ${sized.boundTokens} for this call > max_tokens ${maxTokens}`,
      };
    }
    return {
      ok: false,
      limit: 'max_cost_usd',
      message: `cost budget taken: $${this.costUsd.toFixed(6)} spent + $${this.reservedCostUsd.toFixed(6)} reserved by calls in flight + up to $${(sized.boundCostUsd ?? 0).toFixed(6)} for this call > max_cost_usd $${this.limits.maxCostUsd}`,
    };
  }

  /** Decides for waiters in arrival order; the first that still has to wait keeps its place and the rest wait behind it. */
  private wake(): void {
    while (this.waiters.length > 0) {
      const first = this.waiters[0] as Waiter;
      const decision = this.decide(first.sized);
      if (decision.kind === 'wait') {
        if (this.open.size > 0) return;
        // Cannot happen (alone, a call is admitted or refused); never leave a waiter with nothing to wake it.
        this.waiters.shift();
        first.settle(this.busyRefusal(first.sized));
        continue;
      }
      this.waiters.shift();
      first.settle(
        decision.kind === 'admit'
          ? { ok: true, reservation: decision.reservation, waited: true }
          : { ok: false, limit: decision.limit, message: decision.message },
      );
    }
  }

  /** Books a finished call (with or without a reservation) and returns its cost. */
  settle(model: string, usage: TokenUsage, reservation?: Reservation): number | null {
    const cost = this.costOf(model, usage);
    this.calls += 1;
    addUsage(this.usage, usage);
    if (cost === null) this.unknownPriceModels.add(model);
    else this.costUsd += cost;
    for (const key of reservation?.capKeys ?? []) addTo(this.capSpentUsd, key, cost ?? 0);
    const summary = this.byModel.get(model) ?? { calls: 0, usage: { ...EMPTY_USAGE }, costUsd: 0 };
    summary.calls += 1;
    addUsage(summary.usage, usage);
    summary.costUsd = cost === null || summary.costUsd === null ? null : summary.costUsd + cost;
    this.byModel.set(model, summary);
    // Spending is booked before the reservation goes, so waiters woken by the release see it.
    if (reservation) this.release(reservation);
    return cost;
  }

  get totalTokens(): number {
    return this.usage.inputTokens + this.usage.outputTokens;
  }

  /** null once any call had an unknown price: a partial sum would read as a real total. */
  get totalCostUsd(): number | null {
    return this.unknownPriceModels.size > 0 ? null : this.costUsd;
  }

  /** Spent under one cost cap (CostCap.key), on calls with a known price. */
  capSpent(key: string): number {
    return this.capSpentUsd.get(key) ?? 0;
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

function addTo(map: Map<string, number>, key: string, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}

function addUsage(target: TokenUsage, usage: TokenUsage): void {
  target.inputTokens += usage.inputTokens;
  target.outputTokens += usage.outputTokens;
  target.cacheReadTokens += usage.cacheReadTokens;
  target.cacheWriteTokens += usage.cacheWriteTokens;
}
