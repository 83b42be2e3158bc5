import com.google.perftools.profiles.ProfileProto;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Builds a large CPU profile for the benchmark by concatenating real captured CPU profiles
 * until it holds at least MIN_RECORDS sample records: every copy of every input keeps its real
 * stacks and values. Mode "shared" reuses one Location table (repeated stacks, as a merge of
 * many captures of one binary would look without pprof's dedupe); mode "distinct" gives every
 * copy its own Locations, so no two sample records share a location-id list (the worst case for
 * schedgate's stack interning, and more locations for both tools to resolve).
 *
 * usage: java -cp target/classes:CLASSPATH bench/BuildBenchProfile.java shared|distinct MIN_RECORDS OUT.pb.gz IN.pb.gz...
 */
public class BuildBenchProfile {

    public static void main(String[] args) throws Exception {
        boolean distinct = args[0].equals("distinct");
        long minRecords = Long.parseLong(args[1]);
        Path out = Path.of(args[2]);
        List<ProfileProto.Profile> inputs = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(args[i])))) {
                inputs.add(ProfileProto.Profile.parseFrom(in));
            }
        }
        Builder b = new Builder(inputs.get(0));
        long records = 0;
        int copy = 0;
        while (records < minRecords) {
            for (int i = 0; i < inputs.size(); i++) {
                records += b.add(inputs.get(i), distinct ? copy * inputs.size() + i : i);
            }
            copy++;
        }
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out), 1 << 16)) {
            b.out.build().writeTo(o);
        }
        System.out.println(
                out + ": " + records + " sample records from " + copy + " copies of " + inputs.size() + " captures");
    }

    private static final class Builder {
        final ProfileProto.Profile.Builder out = ProfileProto.Profile.newBuilder();
        final Map<String, Long> strings = new HashMap<>();
        final Map<String, Long> functions = new HashMap<>();
        final Map<String, Long> locations = new HashMap<>();

        Builder(ProfileProto.Profile first) {
            str("");
            for (ProfileProto.ValueType t : first.getSampleTypeList()) {
                out.addSampleType(valueType(first, t));
            }
            out.setPeriodType(valueType(first, first.getPeriodType()));
            out.setPeriod(first.getPeriod());
            out.setTimeNanos(first.getTimeNanos());
            out.setDurationNanos(first.getDurationNanos());
            ProfileProto.Mapping m = first.getMapping(0);
            out.addMapping(m.toBuilder()
                    .setId(1)
                    .setFilename(str(first.getStringTable((int) m.getFilename())))
                    .setBuildId(str(first.getStringTable((int) m.getBuildId()))));
        }

        /** Appends all samples of p; locations are keyed by namespace so copies can share or not. */
        long add(ProfileProto.Profile p, int namespace) {
            Map<Long, ProfileProto.Function> fns = new HashMap<>();
            p.getFunctionList().forEach(f -> fns.put(f.getId(), f));
            Map<Long, ProfileProto.Location> locs = new HashMap<>();
            p.getLocationList().forEach(l -> locs.put(l.getId(), l));
            for (ProfileProto.Sample s : p.getSampleList()) {
                ProfileProto.Sample.Builder sb =
                        ProfileProto.Sample.newBuilder().addAllValue(s.getValueList());
                for (long id : s.getLocationIdList()) {
                    sb.addLocationId(location(p, locs.get(id), fns, namespace));
                }
                out.addSample(sb);
            }
            return p.getSampleCount();
        }

        private long location(
                ProfileProto.Profile p, ProfileProto.Location l, Map<Long, ProfileProto.Function> fns, int ns) {
            String key = ns + "/" + l.getId();
            Long id = locations.get(key);
            if (id != null) {
                return id;
            }
            ProfileProto.Location.Builder lb = ProfileProto.Location.newBuilder()
                    .setId(locations.size() + 1)
                    .setMappingId(1)
                    .setAddress(l.getAddress());
            for (ProfileProto.Line line : l.getLineList()) {
                lb.addLine(ProfileProto.Line.newBuilder()
                        .setLine(line.getLine())
                        .setFunctionId(function(p, fns.get(line.getFunctionId()))));
            }
            out.addLocation(lb);
            locations.put(key, (long) locations.size() + 1);
            return locations.size();
        }

        private long function(ProfileProto.Profile p, ProfileProto.Function f) {
            String name = p.getStringTable((int) f.getName());
            String file = p.getStringTable((int) f.getFilename());
            String key = name + "\u0000" + file + "\u0000" + f.getStartLine();
            Long id = functions.get(key);
            if (id == null) {
                id = (long) functions.size() + 1;
                functions.put(key, id);
                out.addFunction(ProfileProto.Function.newBuilder()
                        .setId(id)
                        .setName(str(name))
                        .setSystemName(str(p.getStringTable((int) f.getSystemName())))
                        .setFilename(str(file))
                        .setStartLine(f.getStartLine()));
            }
            return id;
        }

        private ProfileProto.ValueType valueType(ProfileProto.Profile p, ProfileProto.ValueType t) {
            return ProfileProto.ValueType.newBuilder()
                    .setType(str(p.getStringTable((int) t.getType())))
                    .setUnit(str(p.getStringTable((int) t.getUnit())))
                    .build();
        }

        private long str(String s) {
            Long i = strings.get(s);
            if (i == null) {
                i = (long) strings.size();
                strings.put(s, i);
                out.addStringTable(s);
            }
            return i;
        }
    }
}
