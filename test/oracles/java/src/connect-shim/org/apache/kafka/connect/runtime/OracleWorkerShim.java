package org.apache.kafka.connect.runtime;

import java.util.Map;

import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.util.ConnectorTaskId;

/**
 * Calls the Worker's package-private producer-config helpers, as Worker's SourceTaskBuilder and
 * ExactlyOnceSourceTaskBuilder do for task 0 of a source connector. It lives in Worker's package to reach them.
 * Their signatures are the same in connect-runtime 4.0.2, 4.1.2, 4.2.2, 4.3.2 and 4.4.0, so one source serves
 * every pinned version (it is compiled against each version's own classpath); a version whose signature
 * changes gets its own source set (connect-shim-4.N) named in that oracle's sourceSets.
 */
public final class OracleWorkerShim {
    private OracleWorkerShim() {}

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
