package kil.oracle;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Java source files: generated Java programs, compiled in this JVM with javax.tools (a batch of programs per
 * compilation, in memory), against the real kafka-clients (and Spring Kafka, Guava) of the profile, then run.
 *
 * Requests:
 * - {"compile": [{"className": "gen.P1", "text": "…"}, …]}: compiles the batch; a program javac refuses keeps its
 *   diagnostics (the others are compiled again without it). Result: {"compiled": n, "failed": m}.
 * - {"className": "gen.P1", "kind": "kafka-producer" | "spring-factory", "runs": [{"flag": bool, "base": {…}}, …]}:
 *   runs the program's `make(boolean flag, Map<String, Object> base)` once per run.
 *   kafka-producer: make() constructs the real KafkaProducer; it is observed as ProducerProbe observes one.
 *   spring-factory: make() returns the program's DefaultKafkaProducerFactory; the map its producer gets is what the
 *   factory's own getTxProducerConfigs(prefix + "0") (a transactional factory: the first transactional.id suffix)
 *   or getProducerConfigs() returns, and ProducerProbe.probe runs the producer on it (the factory's own
 *   createRawProducer would then call initTransactions(), which needs a broker).
 *   Result: {"results": [probe result | {"programError": {class, message}}, …]} or {"compileError": […]}.
 */
public final class JavaSourceHandler implements Handler {
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final Map<String, byte[]> classes = new HashMap<>();
    private final Map<String, List<String>> errors = new HashMap<>();

    @Override
    public Map<String, Object> handle(Map<String, Object> request) throws Exception {
        if (Boolean.TRUE.equals(request.get("describe"))) return Map.of("version", ProducerProbe.clientVersion());
        if (request.containsKey("compile")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> programs = (List<Map<String, Object>>) request.get("compile");
            return compile(programs);
        }
        String className = (String) request.get("className");
        if (errors.containsKey(className)) return Map.of("compileError", errors.get(className));
        byte[] bytes = classes.get(className);
        if (bytes == null) throw new IllegalStateException("not compiled: " + className);
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) throw new ClassNotFoundException(name);
                return defineClass(name, b, 0, b.length);
            }
        };
        Class<?> cls = loader.loadClass(className);
        Method make = cls.getMethod("make", boolean.class, Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) request.get("runs");
        List<Object> results = new ArrayList<>();
        for (Map<String, Object> run : runs) {
            boolean flag = Boolean.TRUE.equals(run.get("flag"));
            @SuppressWarnings("unchecked")
            Map<String, Object> base = run.get("base") == null ? new HashMap<>() : new HashMap<>((Map<String, Object>) run.get("base"));
            Object instance = cls.getDeclaredConstructor().newInstance();
            if ("spring-factory".equals(request.get("kind"))) {
                results.add(springFactory(make, instance, flag, base));
                continue;
            }
            Map<String, Object> r = ProducerProbe.observe(() -> {
                try {
                    return (KafkaProducer<?, ?>) invoke(make, instance, flag, base);
                } catch (Throwable t) {
                    // thrown by the program itself (Map.of with a repeated key...), not by the producer's constructor
                    if (!fromProducer(t)) throw new ProgramFailure(t);
                    throw t;
                }
            }, List.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) r.get("error");
            if (error != null && ProgramFailure.class.getName().equals(error.get("class"))) results.add(programError(failures.remove(0)));
            else results.add(r);
        }
        return Map.of("results", results);
    }

    /** The program's own exceptions, in the order ProgramFailure met them. */
    private static final List<Throwable> failures = new ArrayList<>();

    private static final class ProgramFailure extends RuntimeException {
        ProgramFailure(Throwable t) {
            super(t.toString());
            failures.add(t);
        }
    }

    /** Whether the exception comes out of the KafkaProducer constructor. */
    private static boolean fromProducer(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                if (e.getClassName().equals(KafkaProducer.class.getName()) && e.getMethodName().equals("<init>")) return true;
            }
        }
        return false;
    }

    private static Object invoke(Method make, Object instance, boolean flag, Map<String, Object> base) throws Throwable {
        try {
            return make.invoke(instance, flag, base);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The program's factory, then the map its (first) producer gets, probed. */
    private static Map<String, Object> springFactory(Method make, Object instance, boolean flag, Map<String, Object> base) throws Exception {
        Object factory;
        try {
            factory = invoke(make, instance, flag, base);
        } catch (Throwable t) {
            return programError(t);
        }
        Class<?> f = org.springframework.kafka.core.DefaultKafkaProducerFactory.class;
        String prefix = (String) f.getMethod("getTransactionIdPrefix").invoke(factory);
        Map<String, Object> configs;
        if (prefix != null) {
            Method tx = f.getDeclaredMethod("getTxProducerConfigs", String.class);
            tx.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) tx.invoke(factory, prefix + "0");
            configs = m;
        } else {
            Method plain = f.getDeclaredMethod("getProducerConfigs");
            plain.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) plain.invoke(factory);
            configs = m;
        }
        return ProducerProbe.probe(configs);
    }

    private static Map<String, Object> programError(Throwable t) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class", t.getClass().getName());
        e.put("message", String.valueOf(t.getMessage()));
        return Map.of("programError", e);
    }

    // ---------------------------------------------------------------------------------------------
    // in-memory compilation

    private Map<String, Object> compile(List<Map<String, Object>> programs) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map<String, Object> p : programs) {
            sources.put((String) p.get("className"), (String) p.get("text"));
            errors.remove((String) p.get("className"));
        }
        int failed = 0;
        for (int attempt = 0; attempt < 3 && !sources.isEmpty(); attempt++) {
            DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
            Map<String, byte[]> out = new HashMap<>();
            boolean ok = run(sources, diags, out);
            if (ok) {
                classes.putAll(out);
                break;
            }
            // the programs javac refuses keep their diagnostics; the others are compiled again without them
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR || d.getSource() == null) continue;
                String name = d.getSource().getName().replaceFirst("^/", "").replaceFirst("\\.java$", "").replace('/', '.');
                errors.computeIfAbsent(name, k -> new ArrayList<>()).add("line " + d.getLineNumber() + ": " + d.getMessage(null));
                if (sources.remove(name) != null) failed++;
            }
        }
        return Map.of("compiled", programs.size() - failed, "failed", failed);
    }

    private boolean run(Map<String, String> sources, DiagnosticCollector<JavaFileObject> diags, Map<String, byte[]> out) throws Exception {
        List<JavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + e.getKey().replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return e.getValue();
                }
            });
        }
        StandardJavaFileManager std = javac.getStandardFileManager(diags, null, java.nio.charset.StandardCharsets.UTF_8);
        JavaFileManager fm = new ForwardingJavaFileManager<JavaFileManager>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                out.put(className, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        List<String> options = List.of("--release", "17", "-nowarn", "-proc:none", "-classpath", System.getProperty("java.class.path"));
        return javac.getTask(null, fm, diags, options, null, units).call();
    }
}
