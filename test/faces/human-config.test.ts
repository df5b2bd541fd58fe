import { describe, expect, it } from 'vitest';
import {
  frameConfig,
  frameModels,
  HANDS_EVERY_FRAMES,
  humanBrowserConfig,
} from '../../src/web/features/verify/human-config.ts';

describe('browser Human config', () => {
  it('loads from Gatecheck only, with the wasm backend and no model cache or frame cache', () => {
    const config = humanBrowserConfig({ origin: 'https://gc.example/' });
    expect(config.backend).toBe('wasm');
    expect(config.modelBasePath).toMatch(/^https:\/\/gc\.example\/vendor\/human\/\d+\.\d+\.\d+\/models\/$/);
    expect(config.wasmPath).toMatch(/^https:\/\/gc\.example\/vendor\/human\/\d+\.\d+\.\d+\/wasm\/$/);
    expect(config.cacheModels).toBe(false);
    expect(config.cacheSensitivity).toBe(0);
    expect(config.body?.enabled).toBe(false);
    expect(config.face?.emotion?.enabled).toBe(false);
  });

  it('runs hands only in hand challenges, and the slow models on their intervals', () => {
    const never = { embeddingAt: null, antispoofAt: null };
    expect(frameModels(0, never, 'turn_left')).toEqual({ hands: false, embedding: true, antispoof: true });
    expect(frameModels(0, never, 'cover_half').hands).toBe(true);
    expect(frameModels(0, never, 'pass_object').hands).toBe(true);
    expect(frameModels(0, never, null).hands).toBe(false);
    const recent = { embeddingAt: 1000, antispoofAt: 1000 };
    expect(frameModels(1300, recent, 'blink')).toEqual({ hands: false, embedding: false, antispoof: false });
    expect(frameModels(1500, recent, 'blink')).toEqual({ hands: false, embedding: true, antispoof: false });
    expect(frameModels(2000, recent, 'blink')).toEqual({ hands: false, embedding: true, antispoof: true });
    // Hands every HANDS_EVERY_FRAMES-th frame of a hand challenge, starting with its first frame.
    const runs = [null, 0, 1, 2, 3].map(
      (framesSinceHands) => frameModels(0, { ...never, framesSinceHands }, 'cover_half').hands,
    );
    expect(runs).toEqual([true, false, HANDS_EVERY_FRAMES <= 2, HANDS_EVERY_FRAMES <= 3, true]);
    expect(frameModels(0, { ...never, framesSinceHands: 9 }, 'blink').hands).toBe(false);
    const config = frameConfig({ hands: true, embedding: false, antispoof: true });
    expect(config.hand?.enabled).toBe(true);
    expect(config.face?.description?.enabled).toBe(false);
    expect(config.face?.antispoof?.enabled).toBe(true);
    expect(config.face?.liveness?.enabled).toBe(true);
  });
});
