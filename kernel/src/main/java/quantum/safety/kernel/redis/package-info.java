/**
 * How the kernel and the tools reach Redis: addresses without secrets (RedisEndpoint), credentials from the
 * environment or a file, pooled clients for standalone, Sentinel and Cluster, and the clients for decisions whose
 * every wait fits in the decision's deadline (RedisConnector.forDecisions, DecisionDeadline). The settings every
 * component reaches Redis with, the legacy REDIS_* names included, are the RedisSetting table.
 */
package quantum.safety.kernel.redis;
