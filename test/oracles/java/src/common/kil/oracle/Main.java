package kil.oracle;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The line protocol (JSON Lines): `java kil.oracle.Main <handler class>` reads one request object per line on
 * stdin and writes one result object per line on stdout, in the same order, each carrying the request's "id".
 * Output is flushed whenever no more input is waiting, so a batch of thousands of cases costs one round trip.
 * A handler that throws yields {"id":…,"harnessError":"…"}: a harness bug, never an outcome of the code under test.
 * stdout belongs to the protocol: System.out is redirected to stderr before the handler is loaded.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        Handler handler = (Handler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(protocol, StandardCharsets.UTF_8), 1 << 16);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> request = (Map<String, Object>) Json.parse(line);
            Map<String, Object> result;
            try {
                result = new LinkedHashMap<>();
                result.put("id", request.get("id"));
                result.putAll(handler.handle(request));
            } catch (Throwable t) {
                StringWriter w = new StringWriter();
                t.printStackTrace(new PrintWriter(w));
                result = new LinkedHashMap<>();
                result.put("id", request.get("id"));
                result.put("harnessError", w.toString());
            }
            out.write(Json.write(result));
            out.write('\n');
            if (!in.ready()) out.flush();
        }
        out.flush();
    }
}
