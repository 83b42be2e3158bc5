package io.schedgate.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** The grammar of one sample line: {@code name [{labels}] value [timestamp]}. */
final class PrometheusTextLine {

    private PrometheusTextLine() {}

    static PrometheusTextSample parseSample(String line, String source, int lineNumber) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw new PrometheusTextFormatException(source, lineNumber, "no metric name in '" + line + "'");
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = parseLabels(line, i + 1, labels, source, lineNumber);
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            throw new PrometheusTextFormatException(source, lineNumber, "no value for " + name);
        }
        try {
            return new PrometheusTextSample(name, labels, parseValue(rest[0]));
        } catch (NumberFormatException e) {
            throw new PrometheusTextFormatException(
                    source, lineNumber, "value '" + rest[0] + "' of " + name + " is not a number");
        }
    }

    /** Go's strconv formatting: decimal/exponent floats plus +Inf, -Inf and NaN. */
    static double parseValue(String text) {
        switch (text) {
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                return Double.parseDouble(text);
        }
    }

    /** Reads {@code key="value",...}} from {@code start}; returns the index after the closing brace. */
    private static int parseLabels(String line, int start, Map<String, String> labels, String source, int lineNumber) {
        int i = start;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int keyStart = i;
            while (i < line.length() && isNameChar(line.charAt(i), i == keyStart)) {
                i++;
            }
            if (i == keyStart || i + 1 >= line.length() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                throw new PrometheusTextFormatException(source, lineNumber, "malformed label set in '" + line + "'");
            }
            String key = line.substring(keyStart, i);
            i += 2;
            StringBuilder value = new StringBuilder();
            while (i < line.length() && line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                i++;
            }
            if (i >= line.length()) {
                throw new PrometheusTextFormatException(
                        source, lineNumber, "unterminated label value in '" + line + "'");
            }
            labels.put(key, value.toString());
            i++;
        }
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_'
                || c == ':'
                || (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (!first && c >= '0' && c <= '9');
    }
}
