package kil.oracle;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.internals.StreamsConfigUtils;

/**
 * Kafka Streams: the request's "text" is a Streams `.properties` file. What a stream thread does to build
 * its producer, without a broker:
 * 1. new StreamsConfig(props) — its own ConfigExceptions (processing.guarantee, the exactly-once transaction
 *    timeout against commit.interval.ms...);
 * 2. StreamsConfig.getProducerConfigs(clientId) — the producer map (PRODUCER_DEFAULT_OVERRIDES or
 *    PRODUCER_EOS_OVERRIDES, then unprefixed, then producer.-prefixed keys; the exactly-once checks);
 * 3. with exactly-once, the transactional.id ActiveTaskCreator.producer() adds:
 *    application.id + "-" + processId + "-" + threadIdx (mirrored here: ActiveTaskCreator is internal and needs a
 *    running thread; processId is a fixed UUID, PROCESS_ID, threadIdx 1);
 * 4. ProducerProbe on that map.
 */
public final class StreamsHandler implements Handler {
    public static final UUID PROCESS_ID = UUID.fromString("00000000-0000-0000-0000-00000000c0de");

    @Override
    public Map<String, Object> handle(Map<String, Object> request) throws Exception {
        if (Boolean.TRUE.equals(request.get("describe"))) return Map.of("version", ProducerProbe.clientVersion(), "processId", PROCESS_ID.toString());
        Properties p = new Properties();
        p.load(new StringReader((String) request.get("text")));
        Map<String, Object> m = new HashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        LogCapture.start();
        Map<String, Object> producerConfig;
        String stage = "StreamsConfig";
        try {
            StreamsConfig config = new StreamsConfig(m);
            stage = "getProducerConfigs";
            producerConfig = config.getProducerConfigs("app-StreamThread-1-producer");
            if (StreamsConfigUtils.eosEnabled(config)) {
                producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    config.getString(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + PROCESS_ID + "-" + 1);
            }
        } catch (RuntimeException e) {
            Map<String, Object> r = ProducerProbe.refused(e, LogCapture.stop());
            r.put("stage", stage);
            return r;
        }
        List<Map<String, Object>> logs = LogCapture.stop();
        return ProducerProbe.probe(producerConfig, logs);
    }
}
