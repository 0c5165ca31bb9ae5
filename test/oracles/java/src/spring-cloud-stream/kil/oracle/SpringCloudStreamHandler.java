package kil.oracle;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.config.KafkaBinderConfiguration;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaProducerProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Spring Cloud Stream Kafka binder: the application (SpringApp) runs with Boot's Kafka auto-configuration and the
 * binder's own configuration class (KafkaBinderConfiguration: KafkaBinderConfigurationProperties bound from
 * spring.cloud.stream.kafka.binder over Boot's KafkaProperties, KafkaExtendedBindingProperties, the
 * KafkaMessageChannelBinder bean, whose initialisation creates the transaction manager of a transactional
 * binder). The producer factory of the request's binding is the one the binder's createProducerMessageHandler
 * takes: the transaction manager's (a transactional binder: every binding uses it), else
 * getProducerFactory(null, the binding's extended producer properties, "<binding>.producer", binding) — the
 * binder's protected method, called by reflection. Its producer map then goes to {@link ProducerProbe}.
 */
public final class SpringCloudStreamHandler implements Handler {
    private static final Method GET_PRODUCER_FACTORY;

    static {
        try {
            GET_PRODUCER_FACTORY = KafkaMessageChannelBinder.class.getDeclaredMethod("getProducerFactory", String.class, ExtendedProducerProperties.class, String.class, String.class);
            GET_PRODUCER_FACTORY.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> request) throws Exception {
        if (Boolean.TRUE.equals(request.get("describe"))) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("version", KafkaMessageChannelBinder.class.getPackage().getImplementationVersion());
            d.put("springBoot", org.springframework.boot.SpringBootVersion.getVersion());
            d.put("springKafka", DefaultKafkaProducerFactory.class.getPackage().getImplementationVersion());
            d.put("kafkaClients", ProducerProbe.clientVersion());
            d.put("requiredAcksDefault", new KafkaBinderConfigurationProperties(new org.springframework.boot.kafka.autoconfigure.KafkaProperties(),
                    new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails.class)).getRequiredAcks());
            return d;
        }
        String binding = (String) request.get("binding");
        Path dir = Files.createTempDirectory("kil-scs");
        try {
            Map<String, Object> producerMap;
            String prefix;
            try (ConfigurableApplicationContext ctx = SpringApp.run(request, dir, KafkaAutoConfiguration.class, KafkaBinderConfiguration.class)) {
                KafkaMessageChannelBinder binder = ctx.getBean(KafkaMessageChannelBinder.class);
                ProducerFactory<byte[], byte[]> tx = binder.getTransactionalProducerFactory();
                DefaultKafkaProducerFactory<?, ?> factory;
                if (tx != null) {
                    factory = (DefaultKafkaProducerFactory<?, ?>) tx;
                } else {
                    ExtendedProducerProperties<KafkaProducerProperties> props = new ExtendedProducerProperties<>(binder.getExtendedProducerProperties(binding));
                    factory = (DefaultKafkaProducerFactory<?, ?>) GET_PRODUCER_FACTORY.invoke(binder, null, props, binding + ".producer", binding);
                }
                producerMap = SpringApp.producerMap(factory);
                prefix = factory.getTransactionIdPrefix();
            } catch (Exception e) {
                Throwable t = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
                return SpringApp.failure(t);
            }
            Map<String, Object> r = new LinkedHashMap<>(ProducerProbe.probe(producerMap));
            if (prefix != null) r.put("transactionIdPrefix", prefix);
            return r;
        } finally {
            SpringApp.delete(dir);
        }
    }
}
