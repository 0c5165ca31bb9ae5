package kil.oracle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the code under test logs, case by case: every INFO/WARN/ERROR event of the harness's own thread
 * (the producer's network thread and other background threads are not recorded), formatted by SLF4J.
 * Filled by {@link CaptureProvider}; a case calls {@link #start()} before running the code and
 * {@link #stop()} after.
 */
public final class LogCapture {
    private static volatile Thread owner;
    private static final List<Map<String, Object>> lines = new ArrayList<>();

    private LogCapture() {}

    public static void start() {
        synchronized (lines) { lines.clear(); }
        owner = Thread.currentThread();
    }

    public static List<Map<String, Object>> stop() {
        owner = null;
        synchronized (lines) { return new ArrayList<>(lines); }
    }

    static void record(String level, String logger, String message) {
        if (Thread.currentThread() != owner) return;
        // the AbstractConfig dump ("ProducerConfig values: ...", one line per key) says nothing the effective config does not
        if (message != null && message.matches("(?s)^(\\[[^\\]]*\\] )?\\w+Config values: .*")) return;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("logger", logger);
        m.put("message", message);
        synchronized (lines) { lines.add(m); }
    }
}
