/**
 * npm run bench:cost — what prompt caching and cache-aware history trimming
 * save, measured on the same 30-turn run (growing history, a fan-out of 6
 * llm_query sub-calls every third turn) through the real @anthropic-ai/sdk
 * and our adapter, against the local Anthropic wire-format server simulating
 * prompt caching as Anthropic documents it (test/support/fake-provider/
 * prompt-cache.ts). Code runs in the Docker sandbox (RLM_TEST_IMAGE).
 *
 *   cache_ratio    billed-input-token equivalents (input + 1.25 x cache writes + 0.1 x cache reads, the
 *                  documented multipliers) of the run with our cache breakpoints, over the same run sent
 *                  without any breakpoint (target <= 0.35)
 *   trimmed_ratio  cost (price table) of the run with a context window small enough that the history is
 *                  trimmed at least twice, over the run that never trims (target <= 1.2)
 *
 * The last line is one JSON object with both ratios.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { historyBudgetTokens } from '../src/core/conversation.js';
import { createModelClient } from '../src/models/factory.js';
import type { TokenUsage } from '../src/models/types.js';
import type { RLMResult } from '../src/rlm-options.js';
import { RLM } from '../src/rlm.js';
import { TEST_IMAGE } from '../test/support/docker-image.js';
import { startFakeProvider, type RecordedRequest } from '../test/support/fake-provider/server.js';
import {
  currentTrimming,
  previousTrimming,
  recordedConversation,
  replayInputCost,
  untrimmed,
  type RecordedConversation,
} from './trim-replay.js';

const MODEL = 'claude-sonnet-5-5';
const SUB_MODEL = 'claude-haiku-4-5';
const TURNS = 30;
const FANOUT = 6;
/** Characters of log each turn prints: the history grows by about this much per turn. */
const CHARS_PER_TURN = 3000;
const MAX_OUTPUT_TOKENS = 1024;
/** Small enough that the ~100K-character history is trimmed two or three times in 30 turns. */
const TRIMMING_WINDOW = 18_000;

const LOG = Array.from(
  { length: 4000 },
  (_, i) =>
    `2026-11-30T03:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z ` +
    `${['api', 'db', 'cache', 'auth'][i % 4]} ${i % 7 === 0 ? 'ERROR timeout talking to upstream' : 'INFO request served'} id=${i}`,
).join('\n');

function rootReply(turn: number): string {
  if (turn >= TURNS)
    return '```repl\nanswer["content"] = "done: " + str(len(context))\nanswer["ready"] = True\n```';
  const lines = [
    `part = context[${(turn - 1) * CHARS_PER_TURN}:${turn * CHARS_PER_TURN}]`,
    `print(f"turn ${turn}: {part.count('ERROR')} errors")`,
    'print(part)',
  ];
  if (turn % 3 === 0) {
    lines.push(
      `notes_${turn} = llm_query_batched([f"Summarise the errors in: {context[i * 400:(i + 1) * 400]}" for i in range(${FANOUT})])`,
      `print(notes_${turn})`,
    );
  }
  return `Reading the next part of the log.\n\`\`\`repl\n${lines.join('\n')}\n\`\`\``;
}

interface RunFigures {
  usage: TokenUsage;
  costUsd: number;
  rootTurns: number;
  subCalls: number;
  trims: number;
  /** The last root turn's conversation, for the trimming replay. */
  conversation: RecordedConversation;
}

async function measureRun(options: { promptCache: boolean; contextWindow?: number }): Promise<RunFigures> {
  let rootTurns = 0;
  const fake = await startFakeProvider({
    promptCache: true,
    responder: (request) => {
      if (request.body.system === undefined) return { type: 'reply', text: 'summary: 3 timeouts on api' };
      rootTurns += 1;
      return { type: 'reply', text: rootReply(rootTurns) };
    },
  });
  const logDir = await mkdtemp(path.join(tmpdir(), 'rlm-bench-cost-'));
  try {
    const rlm = new RLM({
      backend: 'anthropic',
      model: MODEL,
      subModel: SUB_MODEL,
      modelClient: createModelClient({
        backend: 'anthropic',
        model: MODEL,
        apiKey: 'bench-key-not-secret',
        baseUrl: fake.anthropicBaseUrl,
        promptCache: options.promptCache,
      }),
      maxIterations: TURNS + 1,
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      ...(options.contextWindow === undefined ? {} : { contextWindow: options.contextWindow }),
      environment: 'docker',
      sandbox: { docker: { image: TEST_IMAGE, pull: false } },
      logDir,
    });
    const result: RLMResult = await rlm.completion('How many upstream timeouts per service?', {
      context: { kind: 'text', text: LOG },
    });
    if (!result.success) throw new Error(`bench run failed: ${result.error}`);
    if (result.costUsd === null) throw new Error('bench run has an unknown cost');
    return {
      usage: result.usage,
      costUsd: result.costUsd,
      rootTurns,
      subCalls: result.subCalls,
      trims: countTrims(fake.requests),
      conversation: recordedConversation(
        [...fake.requests].reverse().find((request) => request.body.system !== undefined)?.body ?? {},
      ),
    };
  } finally {
    await fake.close();
    await rm(logDir, { recursive: true, force: true });
  }
}

/** A trim shows on the wire as a root request with fewer messages than the one before it. */
function countTrims(requests: readonly RecordedRequest[]): number {
  let trims = 0;
  let previous = 0;
  for (const request of requests) {
    if (request.body.system === undefined) continue;
    const messages = Array.isArray(request.body.messages) ? request.body.messages.length : 0;
    if (messages < previous) trims += 1;
    previous = messages;
  }
  return trims;
}

/** Input billed in units of plain input tokens, at Anthropic's documented cache multipliers. */
function inputEquivalents(usage: TokenUsage): number {
  return usage.inputTokens + 1.25 * usage.cacheWriteTokens + 0.1 * usage.cacheReadTokens;
}

function describe(figures: RunFigures): string {
  const { usage } = figures;
  return `${figures.rootTurns} turns, ${figures.subCalls} sub-calls, ${figures.trims} trims; input ${usage.inputTokens}, cache write ${usage.cacheWriteTokens}, cache read ${usage.cacheReadTokens}, output ${usage.outputTokens}; $${figures.costUsd.toFixed(4)}`;
}

function row(metric: string, value: string, target: string, pass: boolean, note: string): string {
  return `${metric.padEnd(16)}${value.padStart(8)}  ${target.padEnd(8)}${(pass ? 'PASS' : 'FAIL').padEnd(7)}${note}`;
}

const cached = await measureRun({ promptCache: true });
const uncached = await measureRun({ promptCache: false });
const trimmed = await measureRun({ promptCache: true, contextWindow: TRIMMING_WINDOW });

const cacheRatio = inputEquivalents(cached.usage) / inputEquivalents(uncached.usage);
const trimmedRatio = trimmed.costUsd / cached.costUsd;
// The same 30 root turns replayed at the trimmed run's budget: the engine's trimming against the one it did
// before issue 12 (a small cut every turn, note on the task message), root input cost over never trimming.
const budget = historyBudgetTokens({
  contextWindow: TRIMMING_WINDOW,
  maxOutputTokens: MAX_OUTPUT_TOKENS,
  systemChars: cached.conversation.system.length,
});
const replayBase = replayInputCost(cached.conversation, untrimmed);
const replayCurrent = replayInputCost(cached.conversation, currentTrimming(budget)) / replayBase;
const replayPrevious = replayInputCost(cached.conversation, previousTrimming(budget)) / replayBase;
if (trimmed.trims < 2)
  throw new Error(`the trimmed run was trimmed ${trimmed.trims} times, not at least twice`);

console.log(
  `${'metric'.padEnd(16)}${'value'.padStart(8)}  ${'target'.padEnd(8)}${'result'.padEnd(7)}baseline / notes`,
);
console.log(
  row(
    'cache_ratio',
    cacheRatio.toFixed(3),
    '<= 0.35',
    cacheRatio <= 0.35,
    `input-token equivalents ${Math.round(inputEquivalents(cached.usage))} with breakpoints vs ${Math.round(inputEquivalents(uncached.usage))} without (cost $${cached.costUsd.toFixed(4)} vs $${uncached.costUsd.toFixed(4)})`,
  ),
);
console.log(
  row(
    'trimmed_ratio',
    trimmedRatio.toFixed(3),
    '<= 1.2',
    trimmedRatio <= 1.2,
    `context window ${TRIMMING_WINDOW} tokens, ${trimmed.trims} trims: $${trimmed.costUsd.toFixed(4)} vs never trimmed $${cached.costUsd.toFixed(4)}`,
  ),
);
console.log(
  `trimming replay: the same root turns at a ${budget}-token history budget cost ${replayCurrent.toFixed(3)}x never trimming (root input), ` +
    `${replayPrevious.toFixed(3)}x with the trimming before issue 12 (a small cut every turn, note on the task message)`,
);
console.log(`with breakpoints:    ${describe(cached)}`);
console.log(`without breakpoints: ${describe(uncached)}`);
console.log(`trimmed:             ${describe(trimmed)}`);
if (cacheRatio > 0.35 || trimmedRatio > 1.2) process.exitCode = 1;
console.log(
  JSON.stringify({
    cache_ratio: Number(cacheRatio.toFixed(3)),
    trimmed_ratio: Number(trimmedRatio.toFixed(3)),
    trims: trimmed.trims,
    replay_trim_ratio: Number(replayCurrent.toFixed(3)),
    replay_previous_trim_ratio: Number(replayPrevious.toFixed(3)),
    turns: cached.rootTurns,
    sub_calls: cached.subCalls,
  }),
);
