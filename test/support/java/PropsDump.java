import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Oracle for the differential test of server/src/service/formats/properties.ts
 * (test/unit/properties-jdk.test.ts): feeds each input to the JDK's own
 * {@code new Properties().load(new StringReader(input))} and reports the outcome.
 *
 * <p>Framing (one JVM serves every input; it answers each request line as soon as
 * it has read it, so the caller can also use it interactively):
 * <ul>
 * <li>stdin: one request per line ('\n'-terminated). A request is the input's
 *     UTF-16 code units, each as exactly four hex digits ("" is the empty input).
 *     Plain ASCII framing, so any character survives: \r, \n, U+0000-U+001F,
 *     backslashes, surrogate pairs, lone surrogates, U+FEFF.</li>
 * <li>stdout: one JSON object per request, same order, ASCII only:
 *     {"map":[["key","value"],...]} (entries sorted by key, by UTF-16 code unit), or
 *     {"threw":"java.lang.IllegalArgumentException","message":"..."} (message may be null).
 *     Strings are JSON with \\uXXXX escapes for everything outside printable ASCII.</li>
 * </ul>
 */
public final class PropsDump {
    private PropsDump() {}

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            sb.setLength(0);
            String input;
            try {
                input = decodeHex(line);
            } catch (RuntimeException e) {
                sb.append("{\"protocolError\":");
                json(sb, String.valueOf(e.getMessage()));
                sb.append('}');
                out.write(sb.toString());
                out.write('\n');
                out.flush();
                continue;
            }
            Properties p = new Properties();
            try {
                p.load(new StringReader(input));
                String[] keys = new String[p.size()];
                String[] values = new String[p.size()];
                int n = 0;
                for (Map.Entry<Object, Object> e : p.entrySet()) {
                    keys[n] = (String) e.getKey();
                    values[n] = (String) e.getValue();
                    n++;
                }
                // sort by key so the output is deterministic (a Hashtable has no useful order)
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) order[i] = i;
                java.util.Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
                sb.append("{\"map\":[");
                for (int i = 0; i < n; i++) {
                    if (i > 0) sb.append(',');
                    sb.append('[');
                    json(sb, keys[order[i]]);
                    sb.append(',');
                    json(sb, values[order[i]]);
                    sb.append(']');
                }
                sb.append("]}");
            } catch (Throwable t) {
                sb.append("{\"threw\":");
                json(sb, t.getClass().getName());
                sb.append(",\"message\":");
                if (t.getMessage() == null) sb.append("null");
                else json(sb, t.getMessage());
                sb.append('}');
            }
            out.write(sb.toString());
            out.write('\n');
            out.flush();
        }
        out.flush();
    }

    private static String decodeHex(String line) {
        if (line.length() % 4 != 0) throw new IllegalArgumentException("request length " + line.length() + " is not a multiple of 4");
        char[] chars = new char[line.length() / 4];
        for (int i = 0; i < chars.length; i++) {
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int d = Character.digit(line.charAt(i * 4 + k), 16);
                if (d < 0) throw new IllegalArgumentException("bad hex digit at " + (i * 4 + k));
                v = (v << 4) | d;
            }
            chars[i] = (char) v;
        }
        return new String(chars);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Appends s as a JSON string; everything outside printable ASCII (and '"', '\\') as \\uXXXX. */
    private static void json(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append(c);
            } else {
                sb.append("\\u")
                  .append(HEX[(c >> 12) & 0xf])
                  .append(HEX[(c >> 8) & 0xf])
                  .append(HEX[(c >> 4) & 0xf])
                  .append(HEX[c & 0xf]);
            }
        }
        sb.append('"');
    }
}
