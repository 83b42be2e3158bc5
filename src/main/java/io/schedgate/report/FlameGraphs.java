package io.schedgate.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import one.convert.Arguments;
import one.convert.FlameGraph;

/**
 * One interactive flame graph (search, zoom, hover with value and share) as a complete HTML document,
 * made by async-profiler's converter ({@code one.convert.FlameGraph}, its {@code flame.html} template)
 * from folded stacks ({@code pprof.Aggregator.folded}, the same lines {@code schedgate profile --folded}
 * prints).
 */
final class FlameGraphs {

    private FlameGraphs() {}

    static String html(String title, List<String> folded) {
        Arguments args = new Arguments();
        args.title = title;
        FlameGraph graph = new FlameGraph(args);
        try {
            graph.parseCollapsed(new StringReader(String.join("\n", folded) + "\n"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            graph.dump(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("flame graph " + title + ": " + e.getMessage(), e);
        }
    }

    /**
     * The differential graph: the shape of {@code top}, each frame coloured by how its own (self) value
     * changed from {@code base} (async-profiler's {@code FlameGraph.diff}: red grew, blue shrank, grey the same,
     * yellow not in {@code base}). Both are normalised first by the caller (e.g. per million requests).
     */
    static String diffHtml(String title, List<String> top, List<String> base) {
        Arguments args = new Arguments();
        args.title = title;
        FlameGraph graph = new FlameGraph(args);
        FlameGraph before = new FlameGraph(new Arguments());
        try {
            graph.parseCollapsed(new StringReader(String.join("\n", top) + "\n"));
            before.parseCollapsed(new StringReader(String.join("\n", base) + "\n"));
            graph.diff(before);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            graph.dump(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("flame graph " + title + ": " + e.getMessage(), e);
        }
    }

    /** Folded values times {@code factor} (e.g. per million requests), rounded; a stack that rounds to 0 is left out. */
    static List<String> scaled(List<String> folded, double factor) {
        List<String> out = new java.util.ArrayList<>(folded.size());
        for (String line : folded) {
            int space = line.lastIndexOf(' ');
            long v = Math.round(Long.parseLong(line.substring(space + 1)) * factor);
            if (v > 0) {
                out.add(line.substring(0, space + 1) + v);
            }
        }
        return out;
    }

    /** Stack depth of the deepest folded line: the graph's height is 16 px per level. */
    static int depth(List<String> folded) {
        int max = 0;
        for (String line : folded) {
            int d = 1;
            int space = line.lastIndexOf(' ');
            for (int i = 0; i < space; i++) {
                if (line.charAt(i) == ';') {
                    d++;
                }
            }
            max = Math.max(max, d);
        }
        return max;
    }
}
