package kil.oracle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.OracleWorkerShim;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;

/**
 * Kafka Connect: the request carries the worker's properties ("worker") and a source connector's configuration
 * ("connector"), as Strimzi's operator hands them to Connect. What happens to task 0's producer, without a broker:
 * 1. the worker config (DistributedConfig when group.id is set, else StandaloneConfig) — its ConfigExceptions;
 * 2. the connector config (SourceConnectorConfig) — its ConfigExceptions;
 * 3. the override policy of the worker (connector.client.config.override.policy) validates the connector's
 *    producer.override.* keys, as the herder does when the connector is submitted; its first error message (by key)
 *    is the refusal;
 * 4. Worker.baseProducerConfigs, or Worker.exactlyOnceSourceTaskProducerConfigs when the worker has
 *    exactly.once.source.support=enabled (3.3+), or before 3.3 Worker.producerConfigs (through OracleWorkerShim, one per
 *    signature);
 * 5. ProducerProbe on that map.
 */
public final class ConnectHandler implements Handler {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handle(Map<String, Object> request) throws Exception {
        if (Boolean.TRUE.equals(request.get("describe"))) return Map.of("version", ProducerProbe.clientVersion());
        Map<String, String> worker = new HashMap<>((Map<String, String>) request.get("worker"));
        Map<String, String> connector = new HashMap<>((Map<String, String>) request.get("connector"));
        LogCapture.start();
        String stage = "worker";
        Map<String, Object> producerConfig;
        try {
            WorkerConfig config = worker.containsKey("group.id") ? new DistributedConfig(worker) : new StandaloneConfig(worker);
            stage = "connector";
            SourceConnectorConfig connConfig = new SourceConnectorConfig(null, connector, false);
            stage = "policy";
            String policyName = config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG);
            ConnectorClientConfigOverridePolicy policy = policy(policyName);
            Map<String, Object> overrides = connConfig.originalsWithPrefix(ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX);
            List<ConfigValue> values = new ArrayList<>(policy.validate(new ConnectorClientConfigRequest(
                connConfig.getString(ConnectorConfig.NAME_CONFIG), ConnectorType.SOURCE, OracleSourceConnector.class, overrides,
                ConnectorClientConfigRequest.ClientType.PRODUCER)));
            values.sort(Comparator.comparing(ConfigValue::name));
            for (ConfigValue v : values) {
                if (!v.errorMessages().isEmpty()) {
                    Map<String, Object> r = ProducerProbe.refused(new IllegalArgumentException(v.errorMessages().get(0)), LogCapture.stop());
                    r.put("stage", stage);
                    return r;
                }
            }
            stage = "worker-producer-config";
            boolean eos = OracleWorkerShim.exactlyOnce(config);
            producerConfig = OracleWorkerShim.sourceTaskProducerConfigs(connConfig.getString(ConnectorConfig.NAME_CONFIG), config, connConfig,
                OracleSourceConnector.class, policy, "oracle-cluster", eos);
        } catch (RuntimeException e) {
            Map<String, Object> r = ProducerProbe.refused(e, LogCapture.stop());
            r.put("stage", stage);
            return r;
        }
        return ProducerProbe.probe(producerConfig, LogCapture.stop());
    }

    /** The policy class the worker would load for a configured name (an alias: All, None, Principal; or a class name). */
    private static ConnectorClientConfigOverridePolicy policy(String name) throws ClassNotFoundException {
        String cls = name.contains(".") ? name : "org.apache.kafka.connect.connector.policy." + name + "ConnectorClientConfigOverridePolicy";
        ConnectorClientConfigOverridePolicy p = Utils.newInstance(cls, ConnectorClientConfigOverridePolicy.class);
        p.configure(Map.of());
        return p;
    }
}
