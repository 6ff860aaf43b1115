import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { streamUrlOf } from './stream-url.ts';

describe('streamUrlOf', () => {
  it.each([
    ['its own HLS URL wins over the template', 'http://10.0.0.5/live/cam-1.m3u8', 'http://vms/{id}.flv', 'http://10.0.0.5/live/cam-1.m3u8'],
    ['a path on this host', '/streams/cam-1/index.m3u8', undefined, '/streams/cam-1/index.m3u8'],
    ['the template with the id when it has none', undefined, 'http://wvp:18080/play/{id}/hls.m3u8', 'http://wvp:18080/play/cam%201/hls.m3u8'],
    ['none configured', undefined, undefined, null],
    ['a javascript: URL is not passed on', 'javascript:alert(1)', undefined, null],
    ['a protocol-relative URL is not passed on', '//evil.example/x.m3u8', undefined, null],
    ['a non-string property falls back to the template', 42, '/hls/{id}.m3u8', '/hls/cam%201.m3u8'],
  ] as const)('%s', (_what, own, template, expected) => {
    expect(streamUrlOf('cam 1', own, template)).toBe(expected);
  });
});

describe('CAMERA_STREAM_TEMPLATE', () => {
  it('is read from the environment, and refused when it is not an http(s) URL or a path here', () => {
    expect(loadConfig({}).cameraStreamTemplate).toBeUndefined();
    expect(loadConfig({ CAMERA_STREAM_TEMPLATE: 'http://wvp:18080/play/{id}.m3u8' }).cameraStreamTemplate).toBe('http://wvp:18080/play/{id}.m3u8');
    expect(() => loadConfig({ CAMERA_STREAM_TEMPLATE: 'javascript:play("{id}")' })).toThrow(/CAMERA_STREAM_TEMPLATE/);
  });
});
