package io.schedgate.text;

import java.util.ArrayList;
import java.util.List;

/** Console text fitted to a terminal: words wrapped at a width, a word longer than it cut. */
public final class Wrap {

    private Wrap() {}

    /** {@code text} in lines of at most {@code width} characters, broken at spaces. */
    public static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (!rest.isEmpty()) {
            if (rest.length() <= width) {
                lines.add(rest);
                break;
            }
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        return lines;
    }
}
