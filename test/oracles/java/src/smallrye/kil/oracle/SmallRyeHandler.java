package kil.oracle;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.UnsatisfiedResolutionException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.reactive.messaging.spi.ConnectorFactory;

import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import io.smallrye.reactive.messaging.kafka.KafkaConnector;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorOutgoingConfiguration;
import io.smallrye.reactive.messaging.kafka.impl.ConfigHelper;
import io.smallrye.reactive.messaging.kafka.impl.ReactiveKafkaProducer;
import io.smallrye.reactive.messaging.providers.impl.ConnectorConfig;

/**
 * Quarkus / SmallRye Reactive Messaging Kafka connector: the request's "text" is the application's
 * application.properties / application.yaml (or application-<profile>.*), loaded as Quarkus loads it (SmallRye
 * Config's PropertiesConfigSource, ordinal 250, or YamlConfigSource, 255, from the file's URL) into a SmallRyeConfig
 * with the default interceptors (profiles, expressions) and the request's profile active (Quarkus' `prod` when none).
 * Below the file, what Quarkus' build steps give an application whose code has the channel: the only connector on the
 * classpath attached to it (`connector=smallrye-kafka`) and a detected value serializer. Then, as the connector does
 * for an outgoing channel: the channel's ConnectorConfig (channel keys over `mp.messaging.connector.smallrye-kafka.*`),
 * Quarkus' `default-kafka-broker` map (KafkaRuntimeConfigProducer: the `kafka*` keys), ConfigHelper's merge of the two,
 * KafkaConnectorOutgoingConfiguration, and ReactiveKafkaProducer.getKafkaProducerConfiguration (package-private
 * static, by reflection): the map the connector constructs its KafkaProducer with, which goes to {@link ProducerProbe}.
 * No connector instance, Vert.x context or broker is involved.
 */
public final class SmallRyeHandler implements Handler {
    private static final Method PRODUCER_CONFIGURATION;
    private static final java.lang.reflect.Constructor<ConnectorConfig> CONNECTOR_CONFIG;

    static {
        try {
            // (as ConfiguredChannelFactory creates a channel's configuration: its protected constructor)
            CONNECTOR_CONFIG = ConnectorConfig.class.getDeclaredConstructor(String.class, Config.class, String.class);
            CONNECTOR_CONFIG.setAccessible(true);
            PRODUCER_CONFIGURATION = ReactiveKafkaProducer.class.getDeclaredMethod("getKafkaProducerConfiguration",
                    KafkaConnectorOutgoingConfiguration.class, Instance.class);
            PRODUCER_CONFIGURATION.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> request) throws Exception {
        if (Boolean.TRUE.equals(request.get("describe"))) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("version", implementationVersion(KafkaConnector.class, "smallrye-reactive-messaging-kafka"));
            d.put("quarkus", implementationVersion(KafkaRuntimeConfigProducer.class, "quarkus-kafka-client"));
            d.put("smallryeConfig", implementationVersion(SmallRyeConfig.class, "smallrye-config-core"));
            d.put("kafkaClients", ProducerProbe.clientVersion());
            return d;
        }
        // "environments": one run per environment (the variables a `${X}` expression may read), each result in "results"
        @SuppressWarnings("unchecked")
        List<Map<String, String>> environments = (List<Map<String, String>>) request.get("environments");
        if (environments == null) return run(request, Map.of());
        List<Map<String, Object>> results = new java.util.ArrayList<>();
        for (Map<String, String> env : environments) results.add(run(request, env));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("results", results);
        return r;
    }

    /** One run: the file with the environment's variables (Quarkus' environment source, ordinal 300) beside it. */
    private static Map<String, Object> run(Map<String, Object> request, Map<String, String> env) throws Exception {
        String channel = (String) request.get("channel");
        Object p = request.get("profile");
        String profile = p == null ? "prod" : (String) p;
        Path dir = Files.createTempDirectory("kil-smallrye");
        try {
            Path file = dir.resolve((String) request.get("fileName"));
            Files.writeString(file, (String) request.get("text"), StandardCharsets.UTF_8);
            SmallRyeConfig config = config(file, profile, channel, env);
            String connector;
            try {
                connector = ConnectorConfig.getConnectorAttribute(ConnectorFactory.OUTGOING_PREFIX, config, channel);
            } catch (IllegalArgumentException | NoSuchElementException e) {
                connector = null;
            }
            if (!"smallrye-kafka".equals(connector)) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("noProducer", "connector " + connector);
                return r;
            }
            return producer(config, channel);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path x : s.toList()) Files.delete(x);
            }
            Files.delete(dir);
        }
    }

    /** The application's configuration, as Quarkus builds it from the file, with the profile active. */
    private static SmallRyeConfig config(Path file, String profile, String channel, Map<String, String> env) throws Exception {
        String name = file.getFileName().toString();
        ConfigSource source = name.endsWith(".properties")
                ? new PropertiesConfigSource(file.toUri().toURL(), 250)
                : new YamlConfigSource(file.toUri().toURL(), 255);
        // what Quarkus' build steps add for a channel its code declares: the only connector, a detected serializer
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("mp.messaging.outgoing." + channel + ".connector", "smallrye-kafka");
        defaults.put("mp.messaging.outgoing." + channel + ".value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile(profile)
                .withSources(source, new PropertiesConfigSource(defaults, "quarkus build-time defaults", Integer.MIN_VALUE + 100),
                        new EnvConfigSource(env, 300))
                .build();
    }

    /** The connector's steps for an outgoing channel, up to the KafkaProducer (observed by ProducerProbe). */
    private static Map<String, Object> producer(SmallRyeConfig config, String channel) {
        LogCapture.start();
        Map<String, Object> producerConfig;
        try {
            Map<String, Object> defaultBroker = new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, noApplicationName());
            Config channelConfig = CONNECTOR_CONFIG.newInstance(ConnectorFactory.OUTGOING_PREFIX, config, channel);
            Config merged = ConfigHelper.retrieveChannelConfiguration(instances(Map.of(ConfigHelper.DEFAULT_KAFKA_BROKER, defaultBroker)), channelConfig);
            KafkaConnectorOutgoingConfiguration oc = new KafkaConnectorOutgoingConfiguration(merged);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) PRODUCER_CONFIGURATION.invoke(null, oc, instances(Map.of()));
            producerConfig = m;
        } catch (Throwable t) {
            Throwable c = t instanceof InvocationTargetException && t.getCause() != null ? t.getCause() : t;
            if (c instanceof LinkageError) throw new IllegalStateException("harness classpath", c);
            Map<String, Object> r = ProducerProbe.refused(c, LogCapture.stop());
            r.put("stage", "connector");
            return r;
        }
        List<Map<String, Object>> logs = LogCapture.stop();
        Map<String, Object> r = new LinkedHashMap<>(ProducerProbe.probe(producerConfig, logs));
        r.put("producerMap", new java.util.TreeMap<>(producerConfig));
        return r;
    }

    /** The application config without quarkus.application.name (the connector's producers never read group.id). */
    private static ApplicationConfig noApplicationName() {
        return (ApplicationConfig) Proxy.newProxyInstance(SmallRyeHandler.class.getClassLoader(), new Class<?>[] { ApplicationConfig.class },
                (proxy, m, args) -> switch (m.getName()) {
                    case "name", "version", "uiHeader" -> Optional.empty();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ApplicationConfig(no name)";
                    default -> throw new UnsupportedOperationException(m.toString());
                });
    }

    /**
     * CDI's Instance over beans identified by @Identifier (what Quarkus' container holds for these lookups: the
     * `default-kafka-broker` map; no channel map, no config customizer). A @Named lookup finds nothing.
     */
    @SuppressWarnings("unchecked")
    static <T> Instance<T> instances(Map<String, T> byId) {
        return (Instance<T>) Proxy.newProxyInstance(SmallRyeHandler.class.getClassLoader(), new Class<?>[] { Instance.class },
                (proxy, m, args) -> switch (m.getName()) {
                    case "select" -> instances(selected(byId, (Annotation[]) args[args.length - 1]));
                    case "isUnsatisfied" -> byId.isEmpty();
                    case "isAmbiguous" -> byId.size() > 1;
                    case "isResolvable" -> byId.size() == 1;
                    case "get" -> {
                        if (byId.isEmpty()) throw new UnsatisfiedResolutionException();
                        if (byId.size() > 1) throw new AmbiguousResolutionException();
                        yield byId.values().iterator().next();
                    }
                    case "iterator" -> byId.values().iterator();
                    case "stream" -> byId.values().stream();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "Instance" + byId.keySet();
                    default -> throw new UnsupportedOperationException(m.toString());
                });
    }

    private static <T> Map<String, T> selected(Map<String, T> byId, Annotation[] qualifiers) {
        Map<String, T> out = new LinkedHashMap<>(byId);
        for (Annotation q : qualifiers) {
            if (!(q instanceof Identifier id)) return Map.of();
            out.keySet().retainAll(List.of(id.value()));
        }
        return out;
    }

    private static String implementationVersion(Class<?> c, String artifact) {
        String v = c.getPackage().getImplementationVersion();
        if (v != null) return v;
        String jar = c.getProtectionDomain().getCodeSource().getLocation().getPath();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(artifact + "-([^/]+)\\.jar$").matcher(jar);
        return m.find() ? m.group(1) : "unknown";
    }
}
