import { describe, expect, it } from 'vitest';
import { ask, parsePageRequest, type PageBridge, type PageReply } from './bridge.ts';

describe('requests from the trainer page', () => {
  it('accepts the two requests the page may make', () => {
    expect(parsePageRequest({ type: 'dataset', path: '/etc/passwd' })).toEqual({ type: 'dataset' });
    const weights = new Uint8Array([1, 2, 3]);
    expect(parsePageRequest({ type: 'save', modelJson: '{"format":"layers-model"}', weights, dir: '/tmp/elsewhere' })).toEqual({
      type: 'save',
      modelJson: '{"format":"layers-model"}',
      weights,
    });
  });

  it('refuses anything else, since a renderer is not trusted', () => {
    expect(() => parsePageRequest(null)).toThrow('unknown request from the trainer page: null');
    expect(() => parsePageRequest({ type: 'read', path: '/etc/passwd' })).toThrow('unknown request from the trainer page: "read"');
    expect(() => parsePageRequest({ type: 'save', modelJson: 5, weights: new Uint8Array(1) })).toThrow('modelJson must be text');
    expect(() => parsePageRequest({ type: 'save', modelJson: '{', weights: new Uint8Array(1) })).toThrow('not JSON');
    expect(() => parsePageRequest({ type: 'save', modelJson: '{}', weights: [1, 2] })).toThrow('weights must be bytes');
  });

  it("rethrows the host's failure with its name, so the trainer shows a dataset error as written", async () => {
    const replying = (reply: PageReply): PageBridge => ({ send: () => {}, onCommand: () => {}, request: async () => reply });
    const err = await ask(replying({ ok: false, name: 'DatasetError', message: 'broken.csv, line 3: 2 fields, expected 3' }), { type: 'dataset' }).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'DatasetError', message: 'broken.csv, line 3: 2 fields, expected 3' });
    const files = { dir: '/m', files: ['/m/model.json', '/m/weights.bin'], bytes: 10 };
    await expect(ask(replying({ ok: true, value: files }), { type: 'save', modelJson: '{}', weights: new Uint8Array(0) })).resolves.toEqual(files);
  });
});
