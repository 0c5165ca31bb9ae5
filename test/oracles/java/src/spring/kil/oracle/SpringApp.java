package kil.oracle;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * A Spring Boot application as the oracles run it: the request's files (application.yml,
 * application-prod.properties...) in a directory of their own that is the application's config location,
 * the request's environment variables as the `systemEnvironment` property source (so Boot's variable-name
 * mapping applies), the active profiles as a command-line argument, and the given configuration classes
 * (Boot's own Kafka auto-configuration) as the application's sources. Boot's ConfigData processing reads the
 * files: profile documents, `spring.config.activate.on-profile`, `application-<profile>` files.
 */
final class SpringApp {
    private static final Method PRODUCER_CONFIGS;
    private static final Method TX_PRODUCER_CONFIGS;
    private static final Field SUFFIX_STRATEGY;

    static {
        // no logging system of Boot's own (the harness's SLF4J provider records kafka-clients' lines)
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try {
            PRODUCER_CONFIGS = DefaultKafkaProducerFactory.class.getDeclaredMethod("getProducerConfigs");
            PRODUCER_CONFIGS.setAccessible(true);
            TX_PRODUCER_CONFIGS = DefaultKafkaProducerFactory.class.getDeclaredMethod("getTxProducerConfigs", String.class);
            TX_PRODUCER_CONFIGS.setAccessible(true);
            SUFFIX_STRATEGY = DefaultKafkaProducerFactory.class.getDeclaredField("transactionIdSuffixStrategy");
            SUFFIX_STRATEGY.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SpringApp() {}

    /** Starts the application; the caller closes the context and then deletes the directory. */
    @SuppressWarnings("unchecked")
    static ConfigurableApplicationContext run(Map<String, Object> request, Path dir, Class<?>... sources) throws IOException {
        // the linted file ("fileName", "text") is one of the application's files unless it only carries the
        // environment (a Compose file); "files" holds the others
        Map<String, Object> files = new LinkedHashMap<>((Map<String, Object>) request.getOrDefault("files", Map.of()));
        if (!Boolean.TRUE.equals(request.get("envOnly"))) files.put((String) request.get("fileName"), request.get("text"));
        for (Map.Entry<String, Object> f : files.entrySet()) {
            // as Boot reads them: .properties as ISO-8859-1 (OriginTrackedPropertiesLoader), YAML as UTF-8
            Files.writeString(dir.resolve(f.getKey()), (String) f.getValue(), f.getKey().endsWith(".properties") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        Map<String, Object> env = new LinkedHashMap<>();
        Map<String, Object> vars = (Map<String, Object>) request.getOrDefault("env", Map.of());
        // (a variable the Compose file sets is what the linter reads; the Node side keeps the two in step)
        env.putAll(vars);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        SpringApplication app = new SpringApplication(sources);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setRegisterShutdownHook(false);
        app.setEnvironment(environment);
        List<String> args = new ArrayList<>();
        args.add("--spring.config.location=optional:file:" + dir.toAbsolutePath() + "/");
        List<Object> profiles = (List<Object>) request.getOrDefault("profiles", List.of());
        if (!profiles.isEmpty()) args.add("--spring.profiles.active=" + String.join(",", profiles.stream().map(String::valueOf).toList()));
        return app.run(args.toArray(new String[0]));
    }

    /**
     * The exact map a producer of this factory is created with (what createProducer() hands to
     * createRawProducer): getProducerConfigs(), or for a transactional factory getTxProducerConfigs(prefix +
     * the suffix its suffix strategy gives the first producer). No producer is created here.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> producerMap(DefaultKafkaProducerFactory<?, ?> factory) throws ReflectiveOperationException {
        String prefix = factory.getTransactionIdPrefix();
        if (prefix == null) return (Map<String, Object>) PRODUCER_CONFIGS.invoke(factory);
        Object strategy = SUFFIX_STRATEGY.get(factory);
        String suffix = (String) strategy.getClass().getMethod("acquireSuffix", String.class).invoke(strategy, prefix);
        return (Map<String, Object>) TX_PRODUCER_CONFIGS.invoke(factory, prefix + suffix);
    }

    /** A startup failure as the harness reports it: the root cause's class and message, and the chain. */
    static Map<String, Object> failure(Throwable t) {
        // a class missing from the classpath is the harness's fault, never the configuration's
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LinkageError || c instanceof ClassNotFoundException) throw new IllegalStateException("harness classpath", t);
            if (c.getCause() == c) break;
        }
        Throwable root = t;
        List<String> chain = new ArrayList<>();
        while (true) {
            chain.add(root.getClass().getName() + ": " + root.getMessage());
            if (root.getCause() == null || root.getCause() == root) break;
            root = root.getCause();
        }
        // Boot's binding failures: report the BindException (it names the property), not its conversion cause
        Throwable shown = root;
        String property = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            String n = c.getClass().getName();
            try {
                if (n.equals("org.springframework.boot.context.properties.bind.BindException")) {
                    shown = c;
                    property = String.valueOf(c.getClass().getMethod("getName").invoke(c));
                    break;
                }
                if (n.equals("org.springframework.boot.context.config.InvalidConfigDataPropertyException")) {
                    shown = c;
                    Object p = c.getClass().getMethod("getProperty").invoke(c);
                    property = String.valueOf(p.getClass().getMethod("getName").invoke(p));
                    break;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (c.getCause() == c) break;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class", shown.getClass().getName());
        e.put("message", shown.getMessage());
        if (property != null) {
            e.put("property", property);
            e.put("cause", root.getClass().getName() + ": " + root.getMessage());
        }
        e.put("chain", chain);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("frameworkError", e);
        r.put("logs", List.of());
        return r;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
