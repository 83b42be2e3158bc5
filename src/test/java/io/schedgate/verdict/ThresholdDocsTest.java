package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/verdict-json.md lists every threshold of {@link CheckRegistry#limits()}: key, default, description. */
class ThresholdDocsTest {

    static final Path DOC = Path.of("docs/verdict-json.md");

    /** The table as the registry gives it, in registry order. */
    static String table() {
        StringBuilder b = new StringBuilder("| key | default | |\n|---|---|---|\n");
        for (Limit limit : CheckRegistry.limits()) {
            Object v = limit.defaultShown();
            String shown = v == null
                    ? "none"
                    : new BigDecimal(((Number) v).doubleValue())
                            .round(new MathContext(3))
                            .stripTrailingZeros()
                            .toPlainString();
            b.append("| `")
                    .append(limit.key())
                    .append("` | ")
                    .append(shown)
                    .append(" | ")
                    .append(limit.description())
                    .append(" |\n");
        }
        return b.toString();
    }

    @Test
    void theDocsTableIsTheRegistrys() throws IOException {
        String doc = Files.readString(DOC);
        assertTrue(doc.contains(table()), DOC + " should hold this table (paste it in):\n" + table());
    }
}
