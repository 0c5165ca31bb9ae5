package kil.oracle;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams: the request's "text" is a Streams `.properties` file. What a stream thread does to build
 * its producer, without a broker:
 * 1. new StreamsConfig(props) — its own ConfigExceptions (processing.guarantee, the exactly-once transaction
 *    timeout against commit.interval.ms...);
 * 2. StreamsConfig.getProducerConfigs(clientId) — the producer map (PRODUCER_DEFAULT_OVERRIDES or
 *    PRODUCER_EOS_OVERRIDES, then unprefixed, then producer.-prefixed keys; the exactly-once checks);
 * 3. with exactly-once, the transactional.id Streams adds (StreamsProducer / ActiveTaskCreator): for the thread's
 *    producer (exactly_once_v2, exactly_once_beta) application.id + "-" + processId + "-" + threadIdx, for a task's
 *    producer (exactly_once, before 4.0) application.id + "-" + taskId (mirrored here: those classes are internal and
 *    need a running thread; processId is a fixed UUID, PROCESS_ID, threadIdx 1, taskId 0_0);
 * 4. ProducerProbe on that map.
 */
public final class StreamsHandler implements Handler {
    public static final UUID PROCESS_ID = UUID.fromString("00000000-0000-0000-0000-00000000c0de");
    /** The task whose producer an exactly_once (alpha) oracle case builds. */
    public static final String TASK_ID = "0_0";

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
            String guarantee = config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
            String appId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
            if (guarantee.equals("exactly_once_v2") || guarantee.equals("exactly_once_beta")) {
                producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, appId + "-" + PROCESS_ID + "-" + 1);
            } else if (guarantee.equals("exactly_once")) {
                producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, appId + "-" + TASK_ID);
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
