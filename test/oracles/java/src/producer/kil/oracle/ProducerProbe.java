package kil.oracle;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.internals.Sender;
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
 *          "config": {the effective values, as the running producer holds them: enable.idempotence (it has a
 *                     transaction manager), acks and retries (its Sender's), max.in.flight… (its NetworkClient's),
 *                     transactional.id (its ProducerConfig's)} |
 *          "error": {"class", "message"} (the ConfigException, unwrapped from "Failed to construct kafka producer"),
 *          "logs": [{level, logger, message}] of the construction (log-context prefix removed)}.
 */
public final class ProducerProbe {
    private static final Field PRODUCER_CONFIG;
    private static final Field SENDER;
    private static final Field IO_THREAD;
    private static final Field TRANSACTION_MANAGER;
    private static final Field CLIENT_ID;
    private static final Field SENDER_ACKS;
    private static final Field SENDER_RETRIES;
    private static final Field SENDER_CLIENT;
    private static final Field CLIENT_IN_FLIGHT;
    private static final Field MAX_IN_FLIGHT;
    /** close(Duration) since 2.2; close(long, TimeUnit) before (removed in 3.0). */
    private static final Method CLOSE;

    static {
        try {
            PRODUCER_CONFIG = field(KafkaProducer.class, "producerConfig");
            SENDER = field(KafkaProducer.class, "sender");
            IO_THREAD = field(KafkaProducer.class, "ioThread");
            TRANSACTION_MANAGER = field(KafkaProducer.class, "transactionManager");
            CLIENT_ID = field(KafkaProducer.class, "clientId");
            SENDER_ACKS = field(Sender.class, "acks");
            SENDER_RETRIES = field(Sender.class, "retries");
            SENDER_CLIENT = field(Sender.class, "client");
            CLIENT_IN_FLIGHT = field(NetworkClient.class, "inFlightRequests");
            MAX_IN_FLIGHT = field(Class.forName("org.apache.kafka.clients.InFlightRequests"), "maxInFlightRequestsPerConnection"); // package-private
            Method close;
            try {
                close = KafkaProducer.class.getMethod("close", Duration.class);
            } catch (NoSuchMethodException e) {
                close = KafkaProducer.class.getMethod("close", long.class, TimeUnit.class);
            }
            CLOSE = close;
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
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
     * interrupting that sleep first makes close(Duration.ZERO) return in about a millisecond. Before 2.x that loop
     * only ends with a producer id or an error: when the thread is still alive, its transaction manager is put in
     * an error state. (After the observation: nothing here changes what was observed.)
     */
    private static void close(KafkaProducer<?, ?> producer) {
        try {
            ((Sender) SENDER.get(producer)).forceClose();
            Thread io = (Thread) IO_THREAD.get(producer);
            io.interrupt();
            io.join(20);
            Object tm = TRANSACTION_MANAGER.get(producer);
            if (io.isAlive() && tm != null) {
                // before 2.x the idempotent sender loops until it has a producer id (Sender.maybeWaitForProducerId),
                // whatever close() says; a fatal error ends that loop
                Method fatal = tm.getClass().getDeclaredMethod("transitionToFatalError", RuntimeException.class);
                fatal.setAccessible(true);
                fatal.invoke(tm, new KafkaException("closed by the oracle harness"));
                io.interrupt();
            }
            if (CLOSE.getParameterCount() == 1) CLOSE.invoke(producer, Duration.ZERO);
            else CLOSE.invoke(producer, 0L, TimeUnit.MILLISECONDS);
        } catch (ReflectiveOperationException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
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
        List<String> prefixes = new java.util.ArrayList<>();
        LogCapture.start();
        try {
            producer = make.make();
            ProducerConfig pc = (ProducerConfig) PRODUCER_CONFIG.get(producer);
            r.put("explicitIdempotence", pc.originals().containsKey(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
            // what the running producer uses, not what its ProducerConfig says: before 3.0 the constructor applies
            // the idempotence overrides (acks, retries, in-flight) outside ProducerConfig, and the ProducerConfig of
            // 3.0.0 / 3.1.0 says enable.idempotence=true while no idempotent producer is built (KAFKA-13598)
            Sender sender = (Sender) SENDER.get(producer);
            Map<String, Object> eff = new LinkedHashMap<>();
            eff.put("enable.idempotence", TRANSACTION_MANAGER.get(producer) != null);
            eff.put("acks", String.valueOf(SENDER_ACKS.getShort(sender)));
            eff.put("retries", SENDER_RETRIES.getInt(sender));
            eff.put("max.in.flight.requests.per.connection", MAX_IN_FLIGHT.getInt(CLIENT_IN_FLIGHT.get(SENDER_CLIENT.get(sender))));
            String txn = pc.getString(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            eff.put("transactional.id", txn);
            r.put("config", eff);
            // the log prefix: the producer's own client id (before 2.5 ProducerConfig does not hold the generated one)
            // and the transactional.id, as given (before 3.0) or trimmed
            String clientId = (String) CLIENT_ID.get(producer);
            Object given = pc.originals().get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            if (given != null) prefixes.add("[Producer clientId=" + clientId + ", transactionalId=" + given + "] ");
            if (txn != null) prefixes.add("[Producer clientId=" + clientId + ", transactionalId=" + txn + "] ");
            prefixes.add("[Producer clientId=" + clientId + "] ");
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
                String p = prefixes.stream().filter(m::startsWith).findFirst().orElse(null);
                if (p != null) l.put("message", m.substring(p.length()));
                else if (producer == null && m.startsWith("[Producer clientId=")) l.put("message", m.replaceFirst("^\\[Producer clientId=[^\\]]*\\] ", ""));
            }
            r.put("logs", logs);
            if (producer != null) close(producer);
        }
        return r;
    }
}
