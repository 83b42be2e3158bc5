package io.schedgate.collect;

import java.util.Objects;

/**
 * Where a running Go service answers: the application base URL (load goes there) and the pprof
 * base URL (serving {@code /debug/pprof/*} and optionally {@code /metrics}). An optional header
 * (e.g. authentication) is sent with every request and never printed.
 */
public record TargetEndpoints(
        String kind, String image, String appUrl, String pprofUrl, String headerName, String headerValue) {
    public static final String LAB = "lab";
    public static final String IMAGE = "image";
    public static final String URL = "url";

    public TargetEndpoints {
        Objects.requireNonNull(kind, "kind");
        appUrl = trimSlash(Objects.requireNonNull(appUrl, "appUrl"));
        pprofUrl = trimSlash(Objects.requireNonNull(pprofUrl, "pprofUrl"));
        if ((headerName == null) != (headerValue == null)) {
            throw new IllegalArgumentException("header name and value go together");
        }
    }

    public static TargetEndpoints of(String kind, String image, String appUrl, String pprofUrl) {
        return new TargetEndpoints(kind, image, appUrl, pprofUrl, null, null);
    }

    /** Parses {@code Name: value} (the form of {@code -Dschedgate.target.header}). */
    public TargetEndpoints withHeader(String nameColonValue) {
        if (nameColonValue == null || nameColonValue.isBlank()) {
            return this;
        }
        int colon = nameColonValue.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("schedgate.target.header must look like 'Name: value'");
        }
        return new TargetEndpoints(
                kind,
                image,
                appUrl,
                pprofUrl,
                nameColonValue.substring(0, colon).trim(),
                nameColonValue.substring(colon + 1).trim());
    }

    /** The URL of pprof's {@code name} (with its query, if any): {@code <pprof>/debug/pprof/<name>}. */
    public String pprof(String name) {
        return pprofUrl + "/debug/pprof/" + name;
    }

    /** The URL of the target's {@code /metrics} page, served beside pprof. */
    public String metrics() {
        return pprofUrl + "/metrics";
    }

    public boolean hasHeader() {
        return headerName != null;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Never shows the header value. */
    @Override
    public String toString() {
        return "TargetEndpoints[kind=" + kind + ", image=" + image + ", appUrl=" + appUrl + ", pprofUrl=" + pprofUrl
                + (hasHeader() ? ", header=" + headerName + ": ***" : "") + "]";
    }
}
