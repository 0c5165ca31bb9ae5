package kil.oracle;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * kafka-clients: the request's "text" is a producer `.properties` file; java.util.Properties reads it (the
 * same bytes the linter reads) and the map goes to {@link ProducerProbe}.
 */
public final class ClientsHandler implements Handler {
    @Override
    public Map<String, Object> handle(Map<String, Object> request) throws Exception {
        if (Boolean.TRUE.equals(request.get("describe"))) return Map.of("version", ProducerProbe.clientVersion());
        Properties p = new Properties();
        p.load(new StringReader((String) request.get("text")));
        Map<String, Object> m = new HashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        return ProducerProbe.probe(m);
    }
}
