package org.apache.kafka.connect.runtime;

import java.util.Map;

import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.util.ConnectorTaskId;

/**
 * connect-runtime 2.8 – 3.2: Worker's package-private producerConfigs, as Worker.buildWorkerTask calls it for task 0
 * of a source connector (the same signature in 2.8.2, 3.0.x, 3.1.x and 3.2.3). These versions have no exactly-once
 * source support (KIP-618, 3.3): a worker's exactly.once.source.support is a key it does not know.
 */
public final class OracleWorkerShim {
    private OracleWorkerShim() {}

    public static boolean exactlyOnce(WorkerConfig config) {
        return false;
    }

    public static Map<String, Object> sourceTaskProducerConfigs(String connName, WorkerConfig config, ConnectorConfig connConfig,
                                                                Class<? extends Connector> connectorClass,
                                                                ConnectorClientConfigOverridePolicy policy, String clusterId,
                                                                boolean exactlyOnce) {
        if (exactlyOnce) throw new IllegalArgumentException("no exactly-once source support before 3.3");
        ConnectorTaskId id = new ConnectorTaskId(connName, 0);
        return Worker.producerConfigs(id, "connector-producer-" + id, config, connConfig, connectorClass, policy, clusterId);
    }
}
