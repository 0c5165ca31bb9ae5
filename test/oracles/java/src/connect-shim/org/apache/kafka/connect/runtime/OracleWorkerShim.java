package org.apache.kafka.connect.runtime;

import java.util.Map;

import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.util.ConnectorTaskId;

/**
 * Calls the Worker's package-private producer-config helpers, as Worker's SourceTaskBuilder and
 * ExactlyOnceSourceTaskBuilder do for task 0 of a source connector. It lives in Worker's package to reach them.
 * Their signatures are the same from connect-runtime 3.3 (exactly-once source support, KIP-618) to 4.4, so one
 * source serves every pinned version from 3.3.2 (it is compiled against each version's own classpath); 2.8 – 3.2
 * have connect-shim-3.2 (Worker.producerConfigs, no exactly-once support).
 */
public final class OracleWorkerShim {
    private OracleWorkerShim() {}

    /** Whether the worker runs source tasks with exactly-once support (a distributed worker, exactly.once.source.support=enabled). */
    public static boolean exactlyOnce(WorkerConfig config) {
        return config instanceof DistributedConfig && ((DistributedConfig) config).exactlyOnceSourceEnabled();
    }

    public static Map<String, Object> sourceTaskProducerConfigs(String connName, WorkerConfig config, ConnectorConfig connConfig,
                                                                Class<? extends Connector> connectorClass,
                                                                ConnectorClientConfigOverridePolicy policy, String clusterId,
                                                                boolean exactlyOnce) {
        ConnectorTaskId id = new ConnectorTaskId(connName, 0);
        return exactlyOnce
            ? Worker.exactlyOnceSourceTaskProducerConfigs(id, config, connConfig, connectorClass, policy, clusterId)
            : Worker.baseProducerConfigs(connName, "connector-producer-" + id, config, connConfig, connectorClass, policy, clusterId);
    }
}
