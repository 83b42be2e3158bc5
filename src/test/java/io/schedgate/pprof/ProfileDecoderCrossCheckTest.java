package io.schedgate.pprof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.perftools.profiles.ProfileProto;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written streaming decoder agrees, sample by sample and frame by frame, with the
 * protoc-generated {@code ProfileProto.Profile.parseFrom} on every fixture.
 */
class ProfileDecoderCrossCheckTest {

    @TestFactory
    List<DynamicTest> decoderEqualsGeneratedParser() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : Fixtures.profiles()) {
            tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), () -> compare(p)));
        }
        return tests;
    }

    /** Every field number the decoder has written out is protoc's for the same field. */
    @org.junit.jupiter.api.Test
    void fieldNumbersAreProtocs() throws Exception {
        int checked = 0;
        for (Class<?> ours : ProfileFields.class.getDeclaredClasses()) {
            Class<?> generated = Class.forName(ProfileProto.class.getName() + "$" + ours.getSimpleName());
            for (java.lang.reflect.Field f : ours.getDeclaredFields()) {
                f.setAccessible(true);
                assertEquals(
                        generated.getField(f.getName()).getInt(null),
                        f.getInt(null),
                        ours.getSimpleName() + "." + f.getName());
                checked++;
            }
        }
        assertEquals(35, checked, "field numbers the decoder reads");
    }

    private static void compare(Path file) throws Exception {
        ProfileProto.Profile g;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            g = ProfileProto.Profile.parseFrom(in);
        }
        Profile ours = new ProfileReader().read(file);
        List<String> st = g.getStringTableList();
        assertEquals(g.getSampleTypeCount(), ours.sampleTypes().size());
        for (int i = 0; i < g.getSampleTypeCount(); i++) {
            assertEquals(
                    new SampleType(st.get((int) g.getSampleType(i).getType()), st.get((int)
                            g.getSampleType(i).getUnit())),
                    ours.sampleTypes().get(i));
        }
        assertEquals(g.getPeriod(), ours.period());
        assertEquals(g.getDurationNanos(), ours.durationNanos());
        assertEquals(g.getTimeNanos(), ours.timeNanos());
        assertEquals(
                st.get((int) g.getPeriodType().getType()), ours.periodType().type());
        assertEquals(g.getMappingCount(), ours.mappings().size());
        for (int i = 0; i < g.getMappingCount(); i++) {
            assertEquals(
                    st.get((int) g.getMapping(i).getBuildId()),
                    ours.mappings().get(i).buildId());
            assertEquals(
                    st.get((int) g.getMapping(i).getFilename()),
                    ours.mappings().get(i).file());
        }
        Map<Long, ProfileProto.Function> fns = new HashMap<>();
        g.getFunctionList().forEach(f -> fns.put(f.getId(), f));
        Map<Long, ProfileProto.Location> locs = new HashMap<>();
        g.getLocationList().forEach(l -> locs.put(l.getId(), l));
        assertEquals(g.getSampleCount(), ours.samples().size());
        for (int i = 0; i < g.getSampleCount(); i++) {
            ProfileProto.Sample gs = g.getSample(i);
            Sample s = ours.samples().get(i);
            assertArrayEquals(
                    gs.getValueList().stream().mapToLong(Long::longValue).toArray(), s.values());
            List<Frame> expected = new ArrayList<>();
            for (long id : gs.getLocationIdList()) {
                List<ProfileProto.Line> lines = locs.get(id).getLineList();
                for (int k = 0; k < lines.size(); k++) {
                    ProfileProto.Function f = fns.get(lines.get(k).getFunctionId());
                    expected.add(new Frame(
                            st.get((int) f.getName()),
                            st.get((int) f.getFilename()),
                            lines.get(k).getLine(),
                            k < lines.size() - 1));
                }
            }
            assertEquals(expected, s.stack(), "sample " + i);
            assertEquals(
                    gs.getLabelCount(),
                    s.labels().values().stream().mapToInt(List::size).sum()
                            + s.numLabels().values().stream()
                                    .mapToInt(List::size)
                                    .sum());
        }
    }
}
