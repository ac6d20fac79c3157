import { ConfigError, ModelApiError } from '../../src/errors.js';
import {
  API_KEY_ENV,
  createModelClient,
  DEFAULT_MODELS,
  priceFor,
  resolveApiKey,
} from '../../src/models/index.js';
import { rejectionOf } from './harness.js';

describe('resolveApiKey', () => {
  test('reads the backend standard variable', () => {
    const env = { ANTHROPIC_API_KEY: 'a-key', OPENAI_API_KEY: 'o-key', LITELLM_API_KEY: 'l-key' };
    expect(resolveApiKey('anthropic', env)).toBe('a-key');
    expect(resolveApiKey('openai', env)).toBe('o-key');
    expect(resolveApiKey('litellm', env)).toBe('l-key');
    expect(resolveApiKey('scripted', env)).toBeUndefined();
  });

  test('treats unset and blank as missing, and trims', () => {
    expect(resolveApiKey('anthropic', {})).toBeUndefined();
    expect(resolveApiKey('anthropic', { ANTHROPIC_API_KEY: '   ' })).toBeUndefined();
    expect(resolveApiKey('openai', { OPENAI_API_KEY: ' k \n' })).toBe('k');
  });

  test('names the variables', () => {
    expect(API_KEY_ENV).toEqual({
      anthropic: 'ANTHROPIC_API_KEY',
      openai: 'OPENAI_API_KEY',
      litellm: 'LITELLM_API_KEY',
      scripted: null,
    });
  });
});

describe('createModelClient', () => {
  test.each([
    ['anthropic', 'ANTHROPIC_API_KEY'],
    ['openai', 'OPENAI_API_KEY'],
  ] as const)('%s without a key is a ConfigError naming %s', (backend, variable) => {
    let error: unknown;
    try {
      createModelClient({ backend, model: 'm' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(variable);
    expect((error as ConfigError).key).toBe(variable);
    expect((error as ConfigError).exitCode).toBe(5);
  });

  test('litellm and openai with a base_url may go without a key', () => {
    expect(createModelClient({ backend: 'litellm', model: 'm', baseUrl: 'http://127.0.0.1:1' }).backend).toBe(
      'litellm',
    );
    expect(createModelClient({ backend: 'openai', model: 'm', baseUrl: 'http://127.0.0.1:1' }).backend).toBe(
      'openai',
    );
  });

  test('reports the default model', () => {
    const client = createModelClient({ backend: 'anthropic', model: 'claude-opus-4-5', apiKey: 'k' });
    expect(client.defaultModel).toBe('claude-opus-4-5');
  });

  test('scripted without a script is a ConfigError', () => {
    expect(() => createModelClient({ backend: 'scripted', model: 'x' })).toThrow(ConfigError);
  });

  test('scripted backend reports model "scripted"', async () => {
    const client = createModelClient({
      backend: 'scripted',
      model: 'ignored',
      script: { script: { responses: ['r'] } },
    });
    expect(client.defaultModel).toBe('scripted');
    const result = await client.complete({
      messages: [{ role: 'user', content: 'q' }],
      purpose: { kind: 'root', depth: 0, nodeId: 'root' },
    });
    expect(result.model).toBe('scripted');
  });

  test('scripted backend exhaustion is a ModelApiError (exit 4)', async () => {
    const client = createModelClient({
      backend: 'scripted',
      model: 'x',
      script: { script: { responses: ['only'] } },
    });
    const request = {
      messages: [{ role: 'user' as const, content: 'q' }],
      purpose: { kind: 'root' as const, depth: 0, nodeId: 'root' },
    };
    await client.complete(request);
    const error = await rejectionOf(client.complete(request));
    expect(error).toBeInstanceOf(ModelApiError);
    expect((error as ModelApiError).exitCode).toBe(4);
  });
});

describe('default models', () => {
  test('anthropic and openai fall back to a current, priced model', () => {
    const anthropic = createModelClient({ backend: 'anthropic', model: '', apiKey: 'k' });
    const openai = createModelClient({ backend: 'openai', model: '', apiKey: 'k' });
    expect(anthropic.defaultModel).toBe(DEFAULT_MODELS.anthropic);
    expect(openai.defaultModel).toBe(DEFAULT_MODELS.openai);
    expect(priceFor(anthropic.defaultModel)).not.toBeNull();
    expect(priceFor(openai.defaultModel)).not.toBeNull();
  });

  test('litellm without a model is a ConfigError on `model`', () => {
    expect(() => createModelClient({ backend: 'litellm', model: '', baseUrl: 'http://127.0.0.1:1' })).toThrow(
      expect.objectContaining({ key: 'model' }),
    );
  });
});
