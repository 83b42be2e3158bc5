package io.schedgate.pprof;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The protobuf wire format (https://protobuf.dev/programming-guides/encoding/) read from a stream
 * into one reusable buffer, for {@link ProfileDecoder}. A top-level field of a profile is small
 * (a sample, a location, a string), so each is first made contiguous in the buffer
 * ({@link #require}) and then decoded in place with plain array reads: no per-byte end-of-stream
 * check, no nested limit stack, nothing allocated. The end of the stream inside a field is an
 * {@link EOFException} (a truncated file); bytes that cannot be protobuf are a
 * {@link Malformed}.
 */
final class WireBuffer {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    /** Data that is not valid protobuf. */
    static final class Malformed extends IOException {
        Malformed(String why) {
            super(why);
        }
    }

    private final InputStream in;
    /** The buffered bytes are {@code buf[pos..end)}; decoders read {@code buf} and advance {@code pos}. */
    byte[] buf = new byte[1 << 16];

    int pos;
    private int end;

    WireBuffer(InputStream in) {
        this.in = in;
    }

    /** True when the stream has another byte: at top level, another field. */
    boolean hasMore() throws IOException {
        return pos < end || fill(1);
    }

    /** Makes {@code n} bytes available from {@code pos}, or fails with EOFException when the stream ends first. */
    void require(int n) throws IOException {
        if (end - pos < n && !fill(n)) {
            throw new EOFException("the data ends inside a field");
        }
    }

    /** Tries to buffer {@code n} bytes from {@code pos}; the buffer grows only as data arrives. */
    private boolean fill(int n) throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        while (end < n) {
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Math.max(n, 0L), 2L * buf.length));
            }
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) {
                return false;
            }
            end += r;
        }
        return true;
    }

    // ---- top level: the stream may need refilling ----------------------------------------------

    /** A varint at top level (a tag, a length or a scalar field of the profile). */
    long topVarint() throws IOException {
        if (end - pos < 10) {
            fill(10); // near the end fewer may be left, which is fine if the varint is shorter
        }
        return varint(end, true);
    }

    /** A field tag (field number and wire type); field 0 is not valid protobuf. */
    int topTag() throws IOException {
        return tag(topVarint());
    }

    /** The length of a length-delimited top-level field. */
    int topLength() throws IOException {
        long n = topVarint();
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new Malformed("a field length of " + n + " bytes");
        }
        return (int) n;
    }

    /** Skips a top-level field of wire type {@code wire} whose tag has been read. */
    void skipTop(int wire) throws IOException {
        switch (wire) {
            case VARINT -> topVarint();
            case FIXED64 -> discard(8);
            case FIXED32 -> discard(4);
            case LEN -> discard(topLength());
            default -> throw new Malformed("wire type " + wire + " (groups are not used by profile.proto)");
        }
    }

    private void discard(int n) throws IOException {
        while (n > 0) {
            if (pos == end && !fill(1)) {
                throw new EOFException("the data ends inside a field");
            }
            int k = Math.min(n, end - pos);
            pos += k;
            n -= k;
        }
    }

    // ---- inside a buffered message: [pos, limit) ------------------------------------------------

    /** A varint that must end before {@code limit}. */
    long varint(int limit) throws IOException {
        return varint(limit, false);
    }

    private long varint(int limit, boolean top) throws IOException {
        byte[] b = buf;
        int p = pos;
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (p >= limit) {
                if (top) {
                    throw new EOFException("the data ends inside a varint");
                }
                throw new Malformed("a varint runs past the end of its message");
            }
            byte x = b[p++];
            result |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                pos = p;
                return result;
            }
        }
        throw new Malformed("a varint longer than 10 bytes");
    }

    /** A tag inside a message that ends at {@code limit}. */
    int tag(int limit) throws IOException {
        return tag(varint(limit));
    }

    private static int tag(long t) throws Malformed {
        if (t >>> 3 == 0 || t > Integer.MAX_VALUE) {
            throw new Malformed("invalid field tag " + t);
        }
        return (int) t;
    }

    /** The end position of a length-delimited field inside a message that ends at {@code limit}. */
    int lengthEnd(int limit) throws IOException {
        long n = varint(limit);
        if (n < 0 || n > limit - pos) {
            throw new Malformed("a field of " + n + " bytes runs past the end of its message");
        }
        return pos + (int) n;
    }

    /** Skips a field of wire type {@code wire} inside a message that ends at {@code limit}. */
    void skip(int wire, int limit) throws IOException {
        int n;
        switch (wire) {
            case VARINT -> {
                varint(limit);
                return;
            }
            case FIXED64 -> n = 8;
            case FIXED32 -> n = 4;
            case LEN -> {
                pos = lengthEnd(limit);
                return;
            }
            default -> throw new Malformed("wire type " + wire + " (groups are not used by profile.proto)");
        }
        if (limit - pos < n) {
            throw new Malformed("a fixed-size field runs past the end of its message");
        }
        pos += n;
    }
}
