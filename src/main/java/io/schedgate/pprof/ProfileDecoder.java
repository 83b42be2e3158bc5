package io.schedgate.pprof;

import com.google.perftools.profiles.ProfileProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.io.InputStream;
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
 * <p>Field numbers come from the protoc-generated {@link ProfileProto}; small messages
 * (ValueType, Mapping, Location, Function, Label) are parsed by the generated parsers. Samples,
 * which are most of a large profile, are decoded by hand: building a generated
 * {@code Sample} (plus two boxed lists) per sample would triple the heap. Go writes samples
 * before the locations and the string table, so samples keep raw location ids until the end;
 * identical location-id sequences share one stack, and identical label sets one map.
 */
final class ProfileDecoder {

    private static final ExtensionRegistryLite NO_EXTENSIONS = ExtensionRegistryLite.getEmptyRegistry();
    private static final int SAMPLE_TYPE = ProfileProto.Profile.SAMPLE_TYPE_FIELD_NUMBER;
    private static final int SAMPLE = ProfileProto.Profile.SAMPLE_FIELD_NUMBER;
    private static final int MAPPING = ProfileProto.Profile.MAPPING_FIELD_NUMBER;
    private static final int LOCATION = ProfileProto.Profile.LOCATION_FIELD_NUMBER;
    private static final int FUNCTION = ProfileProto.Profile.FUNCTION_FIELD_NUMBER;
    private static final int STRING_TABLE = ProfileProto.Profile.STRING_TABLE_FIELD_NUMBER;
    private static final int TIME_NANOS = ProfileProto.Profile.TIME_NANOS_FIELD_NUMBER;
    private static final int DURATION_NANOS = ProfileProto.Profile.DURATION_NANOS_FIELD_NUMBER;
    private static final int PERIOD_TYPE = ProfileProto.Profile.PERIOD_TYPE_FIELD_NUMBER;
    private static final int PERIOD = ProfileProto.Profile.PERIOD_FIELD_NUMBER;
    private static final int DEFAULT_SAMPLE_TYPE = ProfileProto.Profile.DEFAULT_SAMPLE_TYPE_FIELD_NUMBER;
    private static final int SAMPLE_LOCATION_ID = ProfileProto.Sample.LOCATION_ID_FIELD_NUMBER;
    private static final int SAMPLE_VALUE = ProfileProto.Sample.VALUE_FIELD_NUMBER;
    private static final int SAMPLE_LABEL = ProfileProto.Sample.LABEL_FIELD_NUMBER;

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
    private final List<ProfileProto.ValueType> sampleTypes = new ArrayList<>();
    private final List<ProfileProto.Mapping> mappings = new ArrayList<>();
    private final List<ProfileProto.Location> locations = new ArrayList<>();
    private final List<ProfileProto.Function> functions = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();
    private ProfileProto.ValueType periodType;
    private long period;
    private long timeNanos;
    private long durationNanos;
    private long defaultSampleType;

    // Samples, column-wise until names can be resolved.
    private long[][] sampleValues = new long[1024][];
    private int[] sampleStack = new int[1024];
    private int[] sampleLabels = new int[1024];
    private int sampleCount;
    private final Map<Key, Integer> stackIds = new HashMap<>();
    private final List<long[]> rawStacks = new ArrayList<>();
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
        CodedInputStream in = CodedInputStream.newInstance(stream, 1 << 16);
        in.setSizeLimit(Integer.MAX_VALUE);
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            boolean delimited = wire == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (field == SAMPLE && delimited) {
                readSample(in);
            } else if (field == LOCATION && delimited) {
                locations.add(in.readMessage(ProfileProto.Location.parser(), NO_EXTENSIONS));
            } else if (field == FUNCTION && delimited) {
                functions.add(in.readMessage(ProfileProto.Function.parser(), NO_EXTENSIONS));
            } else if (field == STRING_TABLE && delimited) {
                strings.add(in.readString());
            } else if (field == SAMPLE_TYPE && delimited) {
                sampleTypes.add(in.readMessage(ProfileProto.ValueType.parser(), NO_EXTENSIONS));
            } else if (field == MAPPING && delimited) {
                mappings.add(in.readMessage(ProfileProto.Mapping.parser(), NO_EXTENSIONS));
            } else if (field == PERIOD_TYPE && delimited) {
                periodType = in.readMessage(ProfileProto.ValueType.parser(), NO_EXTENSIONS);
            } else if (field == PERIOD && wire == WireFormat.WIRETYPE_VARINT) {
                period = in.readInt64();
            } else if (field == TIME_NANOS && wire == WireFormat.WIRETYPE_VARINT) {
                timeNanos = in.readInt64();
            } else if (field == DURATION_NANOS && wire == WireFormat.WIRETYPE_VARINT) {
                durationNanos = in.readInt64();
            } else if (field == DEFAULT_SAMPLE_TYPE && wire == WireFormat.WIRETYPE_VARINT) {
                defaultSampleType = in.readInt64();
            } else if (!in.skipField(tag)) {
                break; // an end-group tag at top level: malformed, caught by validation below
            }
        }
        return build();
    }

    private void readSample(CodedInputStream in) throws IOException {
        int length = in.readRawVarint32();
        int oldLimit = in.pushLimit(length);
        int ids = 0;
        int values = 0;
        int labels = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (field == SAMPLE_LOCATION_ID && wire == WireFormat.WIRETYPE_VARINT) {
                idBuf = grow(idBuf, ids);
                idBuf[ids++] = in.readUInt64();
            } else if (field == SAMPLE_LOCATION_ID && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int packedLimit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    idBuf = grow(idBuf, ids);
                    idBuf[ids++] = in.readUInt64();
                }
                in.popLimit(packedLimit);
            } else if (field == SAMPLE_VALUE && wire == WireFormat.WIRETYPE_VARINT) {
                valueBuf = grow(valueBuf, values);
                valueBuf[values++] = in.readInt64();
            } else if (field == SAMPLE_VALUE && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int packedLimit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    valueBuf = grow(valueBuf, values);
                    valueBuf[values++] = in.readInt64();
                }
                in.popLimit(packedLimit);
            } else if (field == SAMPLE_LABEL && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                ProfileProto.Label label = in.readMessage(ProfileProto.Label.parser(), NO_EXTENSIONS);
                labelBuf = grow(labelBuf, labels + 3);
                labelBuf[labels++] = label.getKey();
                labelBuf[labels++] = label.getStr();
                labelBuf[labels++] = label.getNum();
                labelBuf[labels++] = label.getNumUnit();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        in.checkLastTagWas(0);
        in.popLimit(oldLimit);

        if (sampleCount == sampleStack.length) {
            int n = sampleCount * 2;
            sampleValues = Arrays.copyOf(sampleValues, n);
            sampleStack = Arrays.copyOf(sampleStack, n);
            sampleLabels = Arrays.copyOf(sampleLabels, n);
        }
        sampleValues[sampleCount] = Arrays.copyOf(valueBuf, values);
        sampleStack[sampleCount] = intern(Arrays.copyOf(idBuf, ids), stackIds, rawStacks);
        sampleLabels[sampleCount] = labels == 0 ? 0 : intern(Arrays.copyOf(labelBuf, labels), labelIds, rawLabels);
        sampleCount++;
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
        for (ProfileProto.ValueType t : sampleTypes) {
            types.add(valueType(t));
        }
        Map<Long, ProfileProto.Function> functionById = new HashMap<>(functions.size() * 2);
        for (ProfileProto.Function f : functions) {
            functionById.put(f.getId(), f);
        }
        Map<Long, ProfileProto.Mapping> mappingById = new HashMap<>();
        List<Mapping> mappingList = new ArrayList<>(mappings.size());
        for (ProfileProto.Mapping m : mappings) {
            mappingById.put(m.getId(), m);
            mappingList.add(new Mapping(m.getMemoryStart(), m.getMemoryLimit(), str(m.getFilename()),
                    str(m.getBuildId()), m.getHasFunctions()));
        }
        Map<Long, Frame[]> framesByLocation = new HashMap<>(locations.size() * 2);
        Map<Frame, Frame> frameIntern = new HashMap<>();
        for (ProfileProto.Location loc : locations) {
            framesByLocation.put(loc.getId(), frames(loc, functionById, mappingById, frameIntern));
        }
        List<List<Frame>> stacks = new ArrayList<>(rawStacks.size());
        for (long[] ids : rawStacks) {
            stacks.add(stack(ids, framesByLocation));
        }
        List<Map<String, List<String>>> strLabels = new ArrayList<>(rawLabels.size());
        List<Map<String, List<Long>>> numLabels = new ArrayList<>(rawLabels.size());
        for (long[] raw : rawLabels) {
            resolveLabels(raw, strLabels, numLabels);
        }
        Sample[] samples = new Sample[sampleCount];
        for (int i = 0; i < sampleCount; i++) {
            long[] values = sampleValues[i];
            if (values.length != types.size()) {
                throw bad("sample " + i + " has " + values.length + " values for " + types.size() + " sample types");
            }
            int labels = sampleLabels[i];
            samples[i] = new Sample(values, stacks.get(sampleStack[i]), strLabels.get(labels), numLabels.get(labels));
            sampleValues[i] = null;
        }
        String defaultType = defaultSampleType == 0 ? null : str(defaultSampleType);
        return new Profile(List.copyOf(types), Collections.unmodifiableList(Arrays.asList(samples)),
                periodType == null ? null : valueType(periodType), period, durationNanos, timeNanos,
                List.copyOf(mappingList), defaultType);
    }

    /** A Location's Lines in order: line[0] is the innermost inlined callee, the last the physical caller. */
    private Frame[] frames(ProfileProto.Location loc, Map<Long, ProfileProto.Function> functionById,
                           Map<Long, ProfileProto.Mapping> mappingById, Map<Frame, Frame> intern) {
        int n = loc.getLineCount();
        if (n == 0) {
            // Unsymbolized address: pprof names the node after the mapped object, e.g. [vdso].
            ProfileProto.Mapping m = mappingById.get(loc.getMappingId());
            String obj = m == null ? "" : str(m.getFilename());
            String name = obj.isEmpty() ? "<unknown>" : "[" + obj.substring(obj.lastIndexOf('/') + 1) + "]";
            return new Frame[] {new Frame(name, "", 0, false)};
        }
        Frame[] out = new Frame[n];
        for (int i = 0; i < n; i++) {
            ProfileProto.Line line = loc.getLine(i);
            ProfileProto.Function f = functionById.get(line.getFunctionId());
            if (f == null) {
                throw bad("location " + loc.getId() + " refers to missing function " + line.getFunctionId());
            }
            Frame frame = new Frame(str(f.getName()), str(f.getFilename()), line.getLine(), i < n - 1);
            Frame shared = intern.putIfAbsent(frame, frame);
            out[i] = shared == null ? frame : shared;
        }
        return out;
    }

    private List<Frame> stack(long[] ids, Map<Long, Frame[]> framesByLocation) {
        if (ids.length == 0) {
            return List.of();
        }
        int total = 0;
        Frame[][] parts = new Frame[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            parts[i] = framesByLocation.get(ids[i]);
            if (parts[i] == null) {
                throw bad("a sample refers to missing location " + ids[i]);
            }
            total += parts[i].length;
        }
        Frame[] flat = new Frame[total];
        int at = 0;
        for (Frame[] part : parts) {
            System.arraycopy(part, 0, flat, at, part.length);
            at += part.length;
        }
        return Collections.unmodifiableList(Arrays.asList(flat));
    }

    private void resolveLabels(long[] raw, List<Map<String, List<String>>> strOut,
                               List<Map<String, List<Long>>> numOut) {
        Map<String, List<String>> str = new LinkedHashMap<>();
        Map<String, List<Long>> num = new LinkedHashMap<>();
        for (int i = 0; i + 3 < raw.length; i += 4) {
            String key = str(raw[i]);
            if (raw[i + 1] != 0) {
                str.computeIfAbsent(key, k -> new ArrayList<>()).add(str(raw[i + 1]));
            } else {
                num.computeIfAbsent(key, k -> new ArrayList<>()).add(raw[i + 2]);
            }
        }
        strOut.add(str.isEmpty() ? Map.of() : Collections.unmodifiableMap(str));
        numOut.add(num.isEmpty() ? Map.of() : Collections.unmodifiableMap(num));
    }

    private SampleType valueType(ProfileProto.ValueType t) {
        return new SampleType(str(t.getType()), str(t.getUnit()));
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
