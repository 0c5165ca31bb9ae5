import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles several harnesses in one JVM (test/oracles/java.ts runs it as a single-file program:
 * `java BatchCompile.java <jobs file>`), two at a time: one javac start-up instead of one per Maven profile.
 * The jobs file: blocks separated by an empty line, each `<output dir>`, `<classpath>`, then one source file a line.
 * Prints `ok <output dir>` or `failed <output dir>` followed by javac's messages, per job; exit code 1 when any failed.
 */
public class BatchCompile {
  public static void main(String[] args) throws Exception {
    List<List<String>> jobs = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isEmpty()) {
        if (!cur.isEmpty()) jobs.add(cur);
        cur = new ArrayList<>();
      } else cur.add(line);
    }
    if (!cur.isEmpty()) jobs.add(cur);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    List<Future<String>> results = new ArrayList<>();
    for (List<String> job : jobs) {
      results.add(pool.submit(() -> {
        List<String> opts = List.of("--release", "17", "-nowarn", "-encoding", "UTF-8", "-d", job.get(0), "-cp", job.get(1));
        StringWriter out = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
          ok = javac.getTask(out, files, null, opts, null, files.getJavaFileObjectsFromStrings(job.subList(2, job.size()))).call();
        }
        return (ok ? "ok " : "failed ") + job.get(0) + (ok ? "" : "\n" + out);
      }));
    }
    boolean failed = false;
    for (Future<String> f : results) {
      String r = f.get();
      failed |= r.startsWith("failed");
      System.out.println(r);
    }
    pool.shutdown();
    System.exit(failed ? 1 : 0);
  }
}
