package kil.oracle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Spring Boot + Spring Kafka: the application (SpringApp) runs with Boot's Kafka auto-configuration as its only
 * source (org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration in Boot 4,
 * org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration in Boot 3); the producer factory it creates
 * (DefaultKafkaProducerFactory, with the transaction prefix Spring Kafka applies) gives the exact map its
 * producer would be created with, which goes to {@link ProducerProbe}. A startup failure (a property Boot
 * cannot bind...) is the framework's refusal: {"frameworkError": {...}}.
 */
public final class SpringBootHandler implements Handler {
    private static final Class<?> AUTO_CONFIGURATION = autoConfiguration();

    private static Class<?> autoConfiguration() {
        for (String n : new String[] {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration", "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration"}) {
            try {
                return Class.forName(n);
            } catch (ClassNotFoundException e) {
                // the other Boot line
            }
        }
        throw new IllegalStateException("no KafkaAutoConfiguration on the classpath");
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> request) throws Exception {
        if (Boolean.TRUE.equals(request.get("describe"))) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("version", org.springframework.boot.SpringBootVersion.getVersion());
            d.put("springKafka", DefaultKafkaProducerFactory.class.getPackage().getImplementationVersion());
            d.put("kafkaClients", ProducerProbe.clientVersion());
            return d;
        }
        Path dir = Files.createTempDirectory("kil-boot");
        try {
            Map<String, Object> producerMap;
            String prefix;
            try (ConfigurableApplicationContext ctx = SpringApp.run(request, dir, AUTO_CONFIGURATION)) {
                DefaultKafkaProducerFactory<?, ?> factory = ctx.getBean(DefaultKafkaProducerFactory.class);
                producerMap = SpringApp.producerMap(factory);
                prefix = factory.getTransactionIdPrefix();
            } catch (Exception e) {
                return SpringApp.failure(e);
            }
            Map<String, Object> r = new LinkedHashMap<>(ProducerProbe.probe(producerMap));
            if (prefix != null) r.put("transactionIdPrefix", prefix);
            return r;
        } finally {
            SpringApp.delete(dir);
        }
    }
}
