import { describe, expect, it } from 'vitest';
import { hashTagOf, parseRedisUrl, RedisUrlError } from './redisConnection';

describe('parseRedisUrl', () => {
  it('reads one server as it is, for node-redis', () => {
    expect(parseRedisUrl('redis://:pw@127.0.0.1:6379/2')).toEqual({
      kind: 'standalone',
      url: 'redis://:pw@127.0.0.1:6379/2',
    });
  });

  it('reads a cluster as seeds with shared credentials and TLS', () => {
    expect(parseRedisUrl('rediss+cluster://gavel:p%40ss@10.0.0.1:7000, 10.0.0.2:7001,[::1]:7002/0')).toEqual({
      kind: 'cluster',
      seeds: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      username: 'gavel',
      password: 'p@ss',
      tls: true,
    });
    expect(parseRedisUrl('redis+cluster://h:1')).toEqual({
      kind: 'cluster',
      seeds: [{ host: 'h', port: 1 }],
      tls: false,
    });
  });

  it('refuses what a cluster URL cannot mean, without echoing it', () => {
    for (const bad of [
      'redis+cluster://:secret@h',
      'redis+cluster://:secret@h:1/1',
      'redis+cluster://:secret@h:99999',
      'redis+cluster://:secret@h:1?x=1',
      'redis://:secret@a:1,b:2',
      'http://:secret@h:1',
    ]) {
      expect(() => parseRedisUrl(bad), bad).toThrow(RedisUrlError);
      expect(() => parseRedisUrl(bad)).not.toThrow(/secret/);
    }
  });
});

describe('hashTagOf', () => {
  it('follows the Redis Cluster rule: the first non-empty {...}, else the whole key', () => {
    expect(hashTagOf('gavel:{AC1}:m')).toBe('AC1');
    expect(hashTagOf('gavel:{AC1}:{x}')).toBe('AC1');
    expect(hashTagOf('gavel:{}:{AC1}')).toBe('gavel:{}:{AC1}');
    expect(hashTagOf('plain')).toBe('plain');
    expect(hashTagOf('a{b')).toBe('a{b');
  });
});
