package kil.oracle;

import java.util.Map;

/** One oracle's Java side: a request (one JSON object) in, a result (one JSON object) out. */
public interface Handler {
    Map<String, Object> handle(Map<String, Object> request) throws Exception;
}
