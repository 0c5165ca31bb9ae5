package kil.oracle;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs the real Java producer on a configuration map, without a broker: the public
 * {@code new KafkaProducer(Map, Serializer, Serializer)} constructor (which builds the {@link ProducerConfig},
 * with its idempotence post-processing, then validates what the constructor validates, e.g. the delivery
 * timeout), then {@code close(Duration.ZERO)} at once. Every framework oracle (Streams, Connect, Spring...)
 * ends here with the map its framework would pass to the producer.
 *
 * What the harness adds, and why:
 * - serializer instances (ByteArraySerializer) are passed to the constructor, as applications do, so a
 *   configuration needs no key.serializer / value.serializer;
 * - bootstrap.servers=localhost:9092 when the map has none (nothing listens there; the constructor only
 *   resolves the address, and the producer is closed before it matters).
 *
 * Result: {"explicitIdempotence": originals contain enable.idempotence,
 *          "config": {the effective enable.idempotence, acks, retries, max.in.flight…, transactional.id} |
 *          "error": {"class", "message"} (the ConfigException, unwrapped from "Failed to construct kafka producer"),
 *          "logs": [{level, logger, message}] of the construction (log-context prefix removed)}.
 */
public final class ProducerProbe {
    private static final Field PRODUCER_CONFIG;
    private static final Field SENDER;
    private static final Field IO_THREAD;

    static {
        try {
            PRODUCER_CONFIG = KafkaProducer.class.getDeclaredField("producerConfig");
            PRODUCER_CONFIG.setAccessible(true);
            SENDER = KafkaProducer.class.getDeclaredField("sender");
            SENDER.setAccessible(true);
            IO_THREAD = KafkaProducer.class.getDeclaredField("ioThread");
            IO_THREAD.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ProducerProbe() {}

    /** A refusal by the framework itself, before any producer: the same shape as the producer's. */
    public static Map<String, Object> refused(Throwable t, List<Map<String, Object>> logs) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class", t.getClass().getName());
        e.put("message", t.getMessage());
        r.put("error", e);
        r.put("framework", true);
        r.put("logs", logs);
        return r;
    }

    /** The kafka-clients version on the classpath, as the client reports it (AppInfoParser reads the same resource; it moved package in 4.4). */
    public static String clientVersion() {
        try (java.io.InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (java.io.IOException | NullPointerException e) {
            return "unknown";
        }
    }

    /**
     * Stops the producer at once: an idempotent producer's I/O thread sleeps retry.backoff.ms between
     * attempts to find a node for its producer id, which close() would wait for; force-closing the sender and
     * interrupting that sleep first makes close(Duration.ZERO) return in about a millisecond. (After the
     * observation: nothing here changes what was observed.)
     */
    private static void close(KafkaProducer<?, ?> producer) {
        try {
            ((org.apache.kafka.clients.producer.internals.Sender) SENDER.get(producer)).forceClose();
            ((Thread) IO_THREAD.get(producer)).interrupt();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        producer.close(Duration.ZERO);
    }

    public static Map<String, Object> probe(Map<String, Object> configs) {
        return probe(configs, List.of());
    }

    /** As probe(configs), with the log lines a framework logged before (they come first in "logs"). */
    public static Map<String, Object> probe(Map<String, Object> configs, List<Map<String, Object>> earlierLogs) {
        Map<String, Object> cfg = new HashMap<>(configs);
        cfg.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        return observe(() -> new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer()), earlierLogs);
    }

    /** Something that constructs a producer: the harness's own constructor call, or a program under test. */
    public interface ProducerMaker {
        KafkaProducer<?, ?> make() throws Throwable;
    }

    /**
     * Constructs a producer with `make` (a program's own `new KafkaProducer<>(…)`, Java source oracle) and
     * observes it as probe() does: the effective config, or the exception the construction threw (a
     * ConfigException, unwrapped from "Failed to construct kafka producer", or whatever the program threw),
     * and the logs of the construction. "explicitIdempotence": the producer's originals hold enable.idempotence.
     */
    public static Map<String, Object> observe(ProducerMaker make, List<Map<String, Object>> earlierLogs) {
        Map<String, Object> r = new LinkedHashMap<>();
        KafkaProducer<?, ?> producer = null;
        String prefix = null;
        LogCapture.start();
        try {
            producer = make.make();
            ProducerConfig pc = (ProducerConfig) PRODUCER_CONFIG.get(producer);
            r.put("explicitIdempotence", pc.originals().containsKey(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
            Map<String, Object> eff = new LinkedHashMap<>();
            eff.put("enable.idempotence", pc.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
            eff.put("acks", pc.getString(ProducerConfig.ACKS_CONFIG));
            eff.put("retries", pc.getInt(ProducerConfig.RETRIES_CONFIG));
            eff.put("max.in.flight.requests.per.connection", pc.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
            String txn = pc.getString(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            eff.put("transactional.id", txn);
            r.put("config", eff);
            String clientId = pc.getString(ProducerConfig.CLIENT_ID_CONFIG);
            prefix = txn == null ? "[Producer clientId=" + clientId + "] " : "[Producer clientId=" + clientId + ", transactionalId=" + txn + "] ";
        } catch (Throwable t) {
            Throwable c = t;
            if (c instanceof java.lang.reflect.InvocationTargetException && c.getCause() != null) c = c.getCause();
            if (c instanceof KafkaException && "Failed to construct kafka producer".equals(c.getMessage()) && c.getCause() != null) c = c.getCause();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("class", c.getClass().getName());
            e.put("message", c.getMessage());
            r.put("error", e);
        } finally {
            List<Map<String, Object>> logs = new java.util.ArrayList<>(earlierLogs);
            logs.addAll(LogCapture.stop());
            for (Map<String, Object> l : logs) {
                String m = (String) l.get("message");
                if (m == null) continue;
                if (prefix != null && m.startsWith(prefix)) l.put("message", m.substring(prefix.length()));
                else if (prefix == null && m.startsWith("[Producer clientId=")) l.put("message", m.replaceFirst("^\\[Producer clientId=[^\\]]*\\] ", ""));
            }
            r.put("logs", logs);
            if (producer != null) close(producer);
        }
        return r;
    }
}
