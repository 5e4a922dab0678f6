// The test door of @gavel/signals (`@gavel/signals/testing`): private Redis Clusters, and the cleanup
// of one test's keys on the shared Redis.

export { freePort } from './freePort';
export { accepts, type OwnRedis, startOwnRedis } from './ownRedis';
export { type StartRedisClusterOptions, startRedisCluster, type TestRedisCluster } from './redisCluster';
export { deleteRedisPrefix, TEST_REDIS_URL } from './redisPrefix';
