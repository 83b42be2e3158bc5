package io.schedgate.pprof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams one {@code perftools.profiles.Profile} message into a {@link Profile}.
 *
 * <p>Field numbers come from the protoc-generated {@link ProfileFields} (checked against protoc's {@code ProfileProto}) (compile-time constants,
 * so the generated classes are never loaded) and the wire format is read by {@link WireBuffer};
 * messages are decoded by hand into arrays: a generated object (plus boxed lists) per sample and per location
 * would triple the heap and the time, and merely initialising the generated descriptors costs
 * about 30 ms of a 400 ms run. ProfileDecoderCrossCheckTest compares this decoder with the
 * generated parser on every fixture. Go writes samples
 * before the locations and the string table, so samples keep raw location ids until the end;
 * identical location-id sequences share one stack, and identical label sets one map.
 */
final class ProfileDecoder {

    private static final int SAMPLE_TYPE = ProfileFields.Profile.SAMPLE_TYPE_FIELD_NUMBER;
    private static final int SAMPLE = ProfileFields.Profile.SAMPLE_FIELD_NUMBER;
    private static final int MAPPING = ProfileFields.Profile.MAPPING_FIELD_NUMBER;
    private static final int LOCATION = ProfileFields.Profile.LOCATION_FIELD_NUMBER;
    private static final int FUNCTION = ProfileFields.Profile.FUNCTION_FIELD_NUMBER;
    private static final int STRING_TABLE = ProfileFields.Profile.STRING_TABLE_FIELD_NUMBER;
    private static final int TIME_NANOS = ProfileFields.Profile.TIME_NANOS_FIELD_NUMBER;
    private static final int DURATION_NANOS = ProfileFields.Profile.DURATION_NANOS_FIELD_NUMBER;
    private static final int PERIOD_TYPE = ProfileFields.Profile.PERIOD_TYPE_FIELD_NUMBER;
    private static final int PERIOD = ProfileFields.Profile.PERIOD_FIELD_NUMBER;
    private static final int DEFAULT_SAMPLE_TYPE = ProfileFields.Profile.DEFAULT_SAMPLE_TYPE_FIELD_NUMBER;
    private static final int SAMPLE_LOCATION_ID = ProfileFields.Sample.LOCATION_ID_FIELD_NUMBER;
    private static final int SAMPLE_VALUE = ProfileFields.Sample.VALUE_FIELD_NUMBER;
    private static final int SAMPLE_LABEL = ProfileFields.Sample.LABEL_FIELD_NUMBER;

    /** A long[] usable as a hash key (stack location ids, flattened labels). */
    private record Key(long[] ids, int hash) {
        static Key of(long[] ids) {
            return new Key(ids, Arrays.hashCode(ids));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.ids, ids);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final String source;
    private final List<long[]> sampleTypes = new ArrayList<>();
    private final List<long[]> mappings = new ArrayList<>();
    // Locations and functions, decoded by hand into columns (a large profile has 10^5 of them).
    private long[] locId = new long[256];
    private long[] locMapping = new long[256];
    private int[] locLineStart = new int[257];
    private int locCount;
    private long[] lineFunction = new long[512];
    private int[] lineNumber = new int[512];
    private int lineCount;
    private long[] fnId = new long[256];
    private long[] fnName = new long[256];
    private long[] fnFile = new long[256];
    private int fnCount;
    private final List<String> strings = new ArrayList<>();
    private long[] periodType;
    private long period;
    private long timeNanos;
    private long durationNanos;
    private long defaultSampleType;

    // Samples, column-wise until names can be resolved.
    private int[] sampleValues = new int[1024];
    private int[] sampleStack = new int[1024];
    private int[] sampleLabels = new int[1024];
    private int sampleCount;
    private final ArrayInterner values = new ArrayInterner(false);
    private final ArrayInterner stacks = new ArrayInterner(true);
    /** Location ids outside 1..2^31-1 (never from Go) stand in the int pool as -(index+1). */
    private final Map<Long, Integer> wideIds = new HashMap<>();

    private final List<Long> wideIdList = new ArrayList<>();
    private final Map<Key, Integer> labelIds = new HashMap<>();
    private final List<long[]> rawLabels = new ArrayList<>();
    private long[] idBuf = new long[64];
    private long[] valueBuf = new long[4];
    private long[] labelBuf = new long[8];

    ProfileDecoder(String source) {
        this.source = source;
        rawLabels.add(new long[0]);
        labelIds.put(Key.of(new long[0]), 0);
    }

    Profile decode(InputStream stream) throws IOException {
        WireBuffer w = new WireBuffer(stream);
        while (w.hasMore()) {
            int tag = w.topTag();
            int field = tag >>> 3;
            int wire = tag & 7;
            if (wire == WireBuffer.LEN && isMessageField(field)) {
                int length = w.topLength();
                w.require(length);
                int end = w.pos + length;
                if (field == SAMPLE) {
                    readSample(w, end);
                } else if (field == LOCATION) {
                    readLocation(w, end);
                } else if (field == FUNCTION) {
                    readFunction(w, end);
                } else if (field == STRING_TABLE) {
                    strings.add(new String(w.buf, w.pos, length, StandardCharsets.UTF_8));
                    w.pos = end;
                } else if (field == SAMPLE_TYPE) {
                    sampleTypes.add(readVarints(w, end, VALUE_TYPE_FIELDS));
                } else if (field == MAPPING) {
                    mappings.add(readVarints(w, end, MAPPING_FIELDS));
                } else {
                    periodType = readVarints(w, end, VALUE_TYPE_FIELDS);
                }
            } else if (wire == WireBuffer.VARINT && field == PERIOD) {
                period = w.topVarint();
            } else if (wire == WireBuffer.VARINT && field == TIME_NANOS) {
                timeNanos = w.topVarint();
            } else if (wire == WireBuffer.VARINT && field == DURATION_NANOS) {
                durationNanos = w.topVarint();
            } else if (wire == WireBuffer.VARINT && field == DEFAULT_SAMPLE_TYPE) {
                defaultSampleType = w.topVarint();
            } else {
                w.skipTop(wire);
            }
        }
        return build();
    }

    private static boolean isMessageField(int field) {
        return field == SAMPLE
                || field == LOCATION
                || field == FUNCTION
                || field == STRING_TABLE
                || field == SAMPLE_TYPE
                || field == MAPPING
                || field == PERIOD_TYPE;
    }

    private static final int LOCATION_ID_TAG = SAMPLE_LOCATION_ID << 3 | WireBuffer.VARINT;
    private static final int LOCATION_IDS_TAG = SAMPLE_LOCATION_ID << 3 | WireBuffer.LEN;
    private static final int VALUE_TAG = SAMPLE_VALUE << 3 | WireBuffer.VARINT;
    private static final int VALUES_TAG = SAMPLE_VALUE << 3 | WireBuffer.LEN;
    private static final int LABEL_TAG = SAMPLE_LABEL << 3 | WireBuffer.LEN;

    /** One Sample message in {@code w.buf[w.pos..end)}: location ids and values, packed or not, and labels. */
    private void readSample(WireBuffer w, int end) throws IOException {
        int ids = 0;
        int values = 0;
        int labels = 0;
        while (w.pos < end) {
            int tag = w.tag(end);
            if (tag == LOCATION_IDS_TAG) {
                int packedEnd = w.lengthEnd(end);
                while (w.pos < packedEnd) {
                    if (ids == idBuf.length) {
                        idBuf = Arrays.copyOf(idBuf, ids * 2);
                    }
                    idBuf[ids++] = w.varint(packedEnd);
                }
            } else if (tag == VALUES_TAG) {
                int packedEnd = w.lengthEnd(end);
                while (w.pos < packedEnd) {
                    if (values == valueBuf.length) {
                        valueBuf = Arrays.copyOf(valueBuf, values * 2);
                    }
                    valueBuf[values++] = w.varint(packedEnd);
                }
            } else if (tag == LOCATION_ID_TAG) {
                if (ids == idBuf.length) {
                    idBuf = Arrays.copyOf(idBuf, ids * 2);
                }
                idBuf[ids++] = w.varint(end);
            } else if (tag == VALUE_TAG) {
                if (values == valueBuf.length) {
                    valueBuf = Arrays.copyOf(valueBuf, values * 2);
                }
                valueBuf[values++] = w.varint(end);
            } else if (tag == LABEL_TAG) {
                long[] label = readVarints(w, w.lengthEnd(end), LABEL_FIELDS);
                labelBuf = grow(labelBuf, labels + 3);
                labelBuf[labels++] = label[ProfileFields.Label.KEY_FIELD_NUMBER];
                labelBuf[labels++] = label[ProfileFields.Label.STR_FIELD_NUMBER];
                labelBuf[labels++] = label[ProfileFields.Label.NUM_FIELD_NUMBER];
                labelBuf[labels++] = label[ProfileFields.Label.NUM_UNIT_FIELD_NUMBER];
            } else {
                w.skip(tag & 7, end);
            }
        }

        if (sampleCount == sampleStack.length) {
            int n = sampleCount * 2;
            sampleValues = Arrays.copyOf(sampleValues, n);
            sampleStack = Arrays.copyOf(sampleStack, n);
            sampleLabels = Arrays.copyOf(sampleLabels, n);
        }
        for (int i = 0; i < ids; i++) {
            long id = idBuf[i];
            if (id <= 0 || id > Integer.MAX_VALUE) {
                Integer wide = wideIds.get(id);
                if (wide == null) {
                    wide = wideIdList.size();
                    wideIds.put(id, wide);
                    wideIdList.add(id);
                }
                idBuf[i] = -1 - wide;
            }
        }
        sampleValues[sampleCount] = this.values.intern(valueBuf, values);
        sampleStack[sampleCount] = stacks.intern(idBuf, ids);
        sampleLabels[sampleCount] = labels == 0 ? 0 : intern(Arrays.copyOf(labelBuf, labels), labelIds, rawLabels);
        sampleCount++;
    }

    private static final int LOCATION_ID = ProfileFields.Location.ID_FIELD_NUMBER;
    private static final int LOCATION_MAPPING = ProfileFields.Location.MAPPING_ID_FIELD_NUMBER;
    private static final int LOCATION_LINE = ProfileFields.Location.LINE_FIELD_NUMBER;
    private static final int LINE_FUNCTION = ProfileFields.Line.FUNCTION_ID_FIELD_NUMBER;
    private static final int LINE_LINE = ProfileFields.Line.LINE_FIELD_NUMBER;
    private static final int FUNCTION_ID = ProfileFields.Function.ID_FIELD_NUMBER;
    private static final int FUNCTION_NAME = ProfileFields.Function.NAME_FIELD_NUMBER;
    private static final int FUNCTION_FILENAME = ProfileFields.Function.FILENAME_FIELD_NUMBER;

    private void readLocation(WireBuffer w, int end) throws IOException {
        if (locCount == locId.length) {
            locId = Arrays.copyOf(locId, locCount * 2);
            locMapping = Arrays.copyOf(locMapping, locCount * 2);
            locLineStart = Arrays.copyOf(locLineStart, locCount * 2 + 1);
        }
        long id = 0;
        long mapping = 0;
        while (w.pos < end) {
            int tag = w.tag(end);
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == LOCATION_ID && wire == WireBuffer.VARINT) {
                id = w.varint(end);
            } else if (field == LOCATION_MAPPING && wire == WireBuffer.VARINT) {
                mapping = w.varint(end);
            } else if (field == LOCATION_LINE && wire == WireBuffer.LEN) {
                readLine(w, w.lengthEnd(end));
            } else {
                w.skip(wire, end);
            }
        }
        locId[locCount] = id;
        locMapping[locCount] = mapping;
        locCount++;
        locLineStart[locCount] = lineCount;
    }

    private void readLine(WireBuffer w, int end) throws IOException {
        long function = 0;
        long line = 0;
        while (w.pos < end) {
            int tag = w.tag(end);
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == LINE_FUNCTION && wire == WireBuffer.VARINT) {
                function = w.varint(end);
            } else if (field == LINE_LINE && wire == WireBuffer.VARINT) {
                line = w.varint(end);
            } else {
                w.skip(wire, end);
            }
        }
        if (lineCount == lineFunction.length) {
            lineFunction = Arrays.copyOf(lineFunction, lineCount * 2);
            lineNumber = Arrays.copyOf(lineNumber, lineCount * 2);
        }
        lineFunction[lineCount] = function;
        lineNumber[lineCount] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, line));
        lineCount++;
    }

    private void readFunction(WireBuffer w, int end) throws IOException {
        if (fnCount == fnId.length) {
            fnId = Arrays.copyOf(fnId, fnCount * 2);
            fnName = Arrays.copyOf(fnName, fnCount * 2);
            fnFile = Arrays.copyOf(fnFile, fnCount * 2);
        }
        long id = 0;
        long name = 0;
        long file = 0;
        while (w.pos < end) {
            int tag = w.tag(end);
            int field = tag >>> 3;
            boolean varint = (tag & 7) == WireBuffer.VARINT;
            if (field == FUNCTION_ID && varint) {
                id = w.varint(end);
            } else if (field == FUNCTION_NAME && varint) {
                name = w.varint(end);
            } else if (field == FUNCTION_FILENAME && varint) {
                file = w.varint(end);
            } else {
                w.skip(tag & 7, end);
            }
        }
        fnId[fnCount] = id;
        fnName[fnCount] = name;
        fnFile[fnCount] = file;
        fnCount++;
    }

    private static final int VALUE_TYPE_FIELDS = ProfileFields.ValueType.UNIT_FIELD_NUMBER;
    private static final int LABEL_FIELDS = ProfileFields.Label.NUM_UNIT_FIELD_NUMBER;
    private static final int MAPPING_FIELDS = ProfileFields.Mapping.HAS_INLINE_FRAMES_FIELD_NUMBER;

    /**
     * Reads a small message whose fields are all varints (ValueType, Label, Mapping) into an
     * array indexed by field number; fields above {@code maxField} and other wire types are skipped.
     */
    private static long[] readVarints(WireBuffer w, int end, int maxField) throws IOException {
        long[] fields = new long[maxField + 1];
        while (w.pos < end) {
            int tag = w.tag(end);
            int field = tag >>> 3;
            if (field <= maxField && (tag & 7) == WireBuffer.VARINT) {
                fields[field] = w.varint(end);
            } else {
                w.skip(tag & 7, end);
            }
        }
        return fields;
    }

    private static int intern(long[] ids, Map<Key, Integer> index, List<long[]> store) {
        Integer id = index.putIfAbsent(Key.of(ids), store.size());
        if (id != null) {
            return id;
        }
        store.add(ids);
        return store.size() - 1;
    }

    private static long[] grow(long[] buf, int used) {
        return used < buf.length ? buf : Arrays.copyOf(buf, Math.max(used + 1, buf.length * 2));
    }

    // ---- resolution ---------------------------------------------------------------------

    private Profile build() {
        if (strings.isEmpty() || !strings.get(0).isEmpty()) {
            throw bad(strings.isEmpty() ? "no string table" : "the string table does not start with \"\"");
        }
        if (sampleTypes.isEmpty()) {
            throw bad("no sample types");
        }
        List<SampleType> types = new ArrayList<>(sampleTypes.size());
        for (long[] t : sampleTypes) {
            types.add(valueType(t));
        }
        Map<Long, Mapping> mappingById = new HashMap<>();
        List<Mapping> mappingList = new ArrayList<>(mappings.size());
        for (long[] m : mappings) {
            Mapping mapping = new Mapping(
                    m[ProfileFields.Mapping.MEMORY_START_FIELD_NUMBER],
                    m[ProfileFields.Mapping.MEMORY_LIMIT_FIELD_NUMBER],
                    str(m[ProfileFields.Mapping.FILENAME_FIELD_NUMBER]),
                    str(m[ProfileFields.Mapping.BUILD_ID_FIELD_NUMBER]),
                    m[ProfileFields.Mapping.HAS_FUNCTIONS_FIELD_NUMBER] != 0);
            mappingById.putIfAbsent(m[ProfileFields.Mapping.ID_FIELD_NUMBER], mapping);
            mappingList.add(mapping);
        }
        IdIndex functionIndex = new IdIndex(fnId, fnCount);
        String[] fnNames = new String[fnCount];
        String[] fnFiles = new String[fnCount];
        int[] fnNameIds = new int[fnCount];
        for (int i = 0; i < fnCount; i++) {
            fnNames[i] = str(fnName[i]);
            fnFiles[i] = str(fnFile[i]);
            fnNameIds[i] = nameId(fnNames[i]);
        }
        IdIndex locationIndex = new IdIndex(locId, locCount);
        // Every location's frame ids, flat: location i owns frames[frameStart[i] .. frameStart[i+1]).
        int[] frameStart = new int[locCount + 1];
        for (int i = 0; i < locCount; i++) {
            frameStart[i + 1] = frameStart[i] + Math.max(1, locLineStart[i + 1] - locLineStart[i]);
        }
        int[] framesByLocation = new int[frameStart[locCount]];
        FrameInterner frames = new FrameInterner();
        for (int i = 0; i < locCount; i++) {
            frames(i, functionIndex, fnNames, fnFiles, fnNameIds, mappingById, frames, framesByLocation, frameStart[i]);
        }
        lineFunction = null;
        lineNumber = null;
        int[] stackStart = new int[stacks.size() + 1];
        int[] pool = new int[Math.max(16, stacks.poolSize() + stacks.poolSize() / 4)];
        for (int id = 0; id < stacks.size(); id++) {
            pool = stack(id, locationIndex, framesByLocation, frameStart, pool, stackStart);
        }
        stacks.release();
        long[][] valueArrays = new long[values.size()][];
        for (int id = 0; id < valueArrays.length; id++) {
            valueArrays[id] = values.toArray(id);
            if (valueArrays[id].length != types.size()) {
                throw bad("a sample has " + valueArrays[id].length + " values for " + types.size() + " sample types");
            }
        }
        List<Map<String, List<String>>> strLabels = new ArrayList<>(rawLabels.size());
        List<Map<String, List<Long>>> numLabels = new ArrayList<>(rawLabels.size());
        for (long[] raw : rawLabels) {
            resolveLabels(raw, strLabels, numLabels);
        }
        String defaultType = defaultSampleType == 0 ? null : str(defaultSampleType);
        return new Profile(
                types,
                periodType == null ? null : valueType(periodType),
                period,
                durationNanos,
                timeNanos,
                mappingList,
                defaultType,
                sampleCount,
                Arrays.copyOf(sampleStack, sampleCount),
                Arrays.copyOf(sampleValues, sampleCount),
                valueArrays,
                rawLabels.size() == 1 ? null : Arrays.copyOf(sampleLabels, sampleCount),
                strLabels,
                numLabels,
                frames.frames(),
                frames.functions(),
                names.toArray(new String[0]),
                Arrays.copyOf(pool, stackStart[stacks.size()]),
                stackStart);
    }

    /** Distinct function names: pprof's nodes are keyed by name, so same-named functions are one. */
    private final Map<String, Integer> nameIds = new HashMap<>();

    private final List<String> names = new ArrayList<>();

    private int nameId(String name) {
        Integer id = nameIds.get(name);
        if (id == null) {
            id = names.size();
            nameIds.put(name, id);
            names.add(name);
        }
        return id;
    }

    /** A Location's Lines in order: line[0] is the innermost inlined callee, the last the physical caller. */
    private void frames(
            int loc,
            IdIndex functionIndex,
            String[] fnNames,
            String[] fnFiles,
            int[] fnNameIds,
            Map<Long, Mapping> mappingById,
            FrameInterner intern,
            int[] out,
            int at) {
        int from = locLineStart[loc];
        int n = locLineStart[loc + 1] - from;
        if (n == 0) {
            // Unsymbolized address: pprof names the node after the mapped object, e.g. [vdso].
            Mapping m = mappingById.get(locMapping[loc]);
            String obj = m == null ? "" : m.file();
            String name = obj.isEmpty() ? "<unknown>" : "[" + obj.substring(obj.lastIndexOf('/') + 1) + "]";
            out[at] = intern.add(new Frame(name, "", 0, false), nameId(name));
            return;
        }
        for (int i = 0; i < n; i++) {
            int f = functionIndex.indexOf(lineFunction[from + i]);
            if (f < 0) {
                throw bad("location " + locId[loc] + " refers to missing function " + lineFunction[from + i]);
            }
            out[at + i] = intern.id(f, fnNameIds[f], fnNames[f], fnFiles[f], lineNumber[from + i], i < n - 1);
        }
    }

    /** Appends stack {@code stackId}'s frame ids to {@code pool}; returns the pool (grown if needed). */
    private int[] stack(
            int stackId,
            IdIndex locationIndex,
            int[] framesByLocation,
            int[] frameStart,
            int[] pool,
            int[] stackStart) {
        int at = stackStart[stackId];
        int depth = stacks.length(stackId);
        for (int i = 0; i < depth; i++) {
            long id = stacks.get(stackId, i);
            if (id < 0) {
                id = wideIdList.get((int) (-1 - id));
            }
            int loc = locationIndex.indexOf(id);
            if (loc < 0) {
                throw bad("a sample refers to missing location " + id);
            }
            int n = frameStart[loc + 1] - frameStart[loc];
            if (at + n > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(at + n, pool.length + (pool.length >> 1)));
            }
            System.arraycopy(framesByLocation, frameStart[loc], pool, at, n);
            at += n;
        }
        stackStart[stackId + 1] = at;
        return pool;
    }

    private void resolveLabels(
            long[] raw, List<Map<String, List<String>>> strOut, List<Map<String, List<Long>>> numOut) {
        Map<String, List<String>> str = new LinkedHashMap<>();
        Map<String, List<Long>> num = new LinkedHashMap<>();
        for (int i = 0; i + 3 < raw.length; i += 4) {
            String key = str(raw[i]);
            if (raw[i + 1] != 0) {
                List<String> values = str.get(key);
                if (values == null) {
                    values = new ArrayList<>();
                    str.put(key, values);
                }
                values.add(str(raw[i + 1]));
            } else {
                List<Long> values = num.get(key);
                if (values == null) {
                    values = new ArrayList<>();
                    num.put(key, values);
                }
                values.add(raw[i + 2]);
            }
        }
        strOut.add(str.isEmpty() ? Map.of() : Collections.unmodifiableMap(str));
        numOut.add(num.isEmpty() ? Map.of() : Collections.unmodifiableMap(num));
    }

    private SampleType valueType(long[] t) {
        return new SampleType(
                str(t[ProfileFields.ValueType.TYPE_FIELD_NUMBER]), str(t[ProfileFields.ValueType.UNIT_FIELD_NUMBER]));
    }

    private String str(long index) {
        if (index < 0 || index >= strings.size()) {
            throw bad("string index " + index + " is outside the string table of " + strings.size());
        }
        return strings.get((int) index);
    }

    private NotAProfileException bad(String why) {
        return new NotAProfileException(source, why, null);
    }
}
