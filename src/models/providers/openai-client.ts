/**
 * The openai and litellm backends: Chat Completions through the `openai`
 * SDK. litellm, vLLM, Ollama and other OpenAI-compatible servers differ only
 * in base URL and key.
 */
import OpenAI from 'openai';
import type { Failure } from '../failure.js';
import { estimateTokens, tokensForChars } from '../token-estimate.js';
import type { Backend, CompletionRequest, TokenUsage } from '../types.js';
import { openAiFailure } from './openai-failure.js';
import {
  type AttemptInput,
  type AttemptOutcome,
  malformed,
  ProviderModelClient,
  streamCut,
} from './provider-client.js';
import type { ProviderSettings } from './provider-settings.js';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Self-hosted servers often need no key, but the SDK insists on one. */
const NO_KEY = 'no-key';

type ChatParams = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;

function chatParams(request: CompletionRequest, model: string): ChatParams {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
  if (request.system) messages.push({ role: 'system', content: request.system });
  for (const message of request.messages) messages.push({ role: message.role, content: message.content });
  const params: ChatParams = { model, messages };
  if (request.maxOutputTokens !== undefined) params.max_completion_tokens = request.maxOutputTokens;
  return params;
}

/** prompt_tokens includes cached tokens; TokenUsage counts them apart, as Anthropic does. */
function toUsage(usage: OpenAI.CompletionUsage): TokenUsage {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: Math.max(0, usage.prompt_tokens - cached),
    outputTokens: usage.completion_tokens,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
}

/** Some compatible servers ignore stream_options.include_usage; count approximately rather than report zero. */
function estimatedUsage(request: CompletionRequest, text: string): TokenUsage {
  const promptChars =
    (request.system?.length ?? 0) + request.messages.reduce((sum, m) => sum + m.content.length, 0);
  return {
    inputTokens: tokensForChars(promptChars),
    outputTokens: estimateTokens(text),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
}

export class OpenAiModelClient extends ProviderModelClient {
  readonly backend: Backend;
  private readonly client: OpenAI;

  constructor(settings: ProviderSettings) {
    super(settings);
    this.backend = settings.provider === 'litellm' ? 'litellm' : 'openai';
    // Everything explicit: the SDK would otherwise read OPENAI_* variables itself.
    this.client = new OpenAI({
      apiKey: settings.apiKey ?? NO_KEY,
      baseURL: settings.baseUrl ?? DEFAULT_BASE_URL,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: settings.timeoutMs,
      logLevel: 'off',
    });
  }

  protected toFailure(error: unknown, timedOut: boolean): Failure {
    return openAiFailure(error, timedOut);
  }

  protected async whole({ request, model, deadline }: AttemptInput): Promise<AttemptOutcome> {
    const completion: unknown = await this.client.chat.completions.create(chatParams(request, model), {
      signal: deadline.signal,
      maxRetries: 0,
    });
    if (!isCompletion(completion)) throw malformed('the response is not a chat completion');
    const choice = completion.choices[0];
    const text = choice?.message?.content ?? '';
    return {
      text,
      model: completion.model ?? model,
      usage: completion.usage ? toUsage(completion.usage) : estimatedUsage(request, text),
      stopReason: choice?.finish_reason ?? null,
    };
  }

  protected async streamed(
    { request, model, deadline, progress }: AttemptInput,
    onText: (delta: string) => void,
  ): Promise<AttemptOutcome> {
    const stream = await this.client.chat.completions.create(
      { ...chatParams(request, model), stream: true, stream_options: { include_usage: true } },
      { signal: deadline.signal, maxRetries: 0 },
    );
    let text = '';
    let answeredBy = model;
    let stopReason: string | null = null;
    let usage: TokenUsage | undefined;
    for await (const chunk of stream) {
      deadline.touch();
      if (chunk.model) answeredBy = chunk.model;
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content;
      if (delta) {
        text += delta;
        onText(delta);
      }
      if (choice?.finish_reason) stopReason = choice.finish_reason;
      if (chunk.usage) {
        usage = toUsage(chunk.usage);
        progress.usage = usage;
      }
    }
    if (deadline.timedOut) throw new Error('timeout');
    if (stopReason === null) throw streamCut('the stream ended before a finish_reason');
    return { text, model: answeredBy, usage: usage ?? estimatedUsage(request, text), stopReason };
  }
}

function isCompletion(value: unknown): value is OpenAI.Chat.ChatCompletion {
  if (typeof value !== 'object' || value === null) return false;
  return Array.isArray((value as Record<string, unknown>).choices);
}
