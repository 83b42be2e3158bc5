package io.schedgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schedgate.pprof.FunctionStat;
import io.schedgate.pprof.FunctionTable;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.SampleType;
import io.schedgate.signals.BlockReport;
import io.schedgate.signals.CpuLockReport;
import io.schedgate.signals.CpuShare;
import io.schedgate.signals.GoVersion;
import io.schedgate.signals.GoroutineGroups;
import io.schedgate.signals.LockBucket;
import io.schedgate.signals.MutexReport;
import io.schedgate.signals.ProfileSignals;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The {@code --json} output of {@code schedgate profile}, schema {@code schedgate.profile/1},
 * documented field by field in docs/profile-json.md. Built node by node so the field names and
 * order are a stable contract, independent of Java record names.
 */
final class ProfileJson {

    static final String SCHEMA = "schedgate.profile/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProfileJson() {}

    static void write(List<ProfileCommand.Result> results, ProfileOptions o, PrintStream out) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        ArrayNode profiles = root.putArray("profiles");
        for (ProfileCommand.Result r : results) {
            profiles.add(profile(r, o));
        }
        try {
            out.println(MAPPER.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode profile(ProfileCommand.Result r, ProfileOptions o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("file", r.file());
        if (r.error() != null) {
            n.put("error", r.error());
            return n;
        }
        Profile p = r.profile();
        ProfileSignals s = r.signals();
        n.putNull("error");
        n.put("kind", s.kind());
        n.set("goVersion", version(s.version()));
        n.put("durationNanos", p.durationNanos());
        n.put("timeNanos", p.timeNanos());
        if (p.periodType() == null) {
            n.putNull("periodType");
        } else {
            n.set("periodType", type(p.periodType()));
        }
        n.put("period", p.period());
        n.put("sampleRecords", p.samples().size());
        ArrayNode types = n.putArray("sampleTypes");
        for (int i = 0; i < p.sampleTypes().size(); i++) {
            types.add(type(p.sampleTypes().get(i)).put("total", p.total(i)));
        }
        n.set("functions", functions(r.functions(), o));
        if (s.cpuLocks() != null) {
            n.set("cpu", cpu(s));
        }
        if (s.mutex() != null) {
            n.set("mutex", mutex(s.mutex()));
        }
        if (s.block() != null) {
            n.set("block", block(s.block()));
        }
        if (s.goroutines() != null) {
            n.set("goroutines", goroutines(s.goroutines()));
        }
        if (r.folded() != null) {
            ArrayNode f = n.putArray("folded");
            r.folded().forEach(f::add);
        }
        return n;
    }

    private static ObjectNode type(SampleType t) {
        return MAPPER.createObjectNode().put("type", t.type()).put("unit", t.unit());
    }

    private static ObjectNode version(GoVersion v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("label", v.label());
        n.put("exact", v.isExact());
        n.put("lowest", v.lowest());
        if (v.highest() == GoVersion.OPEN) {
            n.putNull("highest");
        } else {
            n.put("highest", v.highest());
        }
        ArrayNode e = n.putArray("evidence");
        v.evidence().forEach(e::add);
        ArrayNode w = n.putArray("warnings");
        v.warnings().forEach(w::add);
        return n;
    }

    private static ObjectNode functions(FunctionTable t, ProfileOptions o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("sampleType", t.sampleType().type());
        n.put("unit", t.sampleType().unit());
        n.put("total", t.total());
        n.put("count", t.rows().size());
        ArrayNode rows = n.putArray("rows");
        for (FunctionStat f : t.top(o.top())) {
            rows.addObject().put("function", f.function()).put("flat", f.flat()).put("cum", f.cum());
        }
        return n;
    }

    private static ObjectNode share(CpuShare s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("samples", s.samples());
        n.put("cpuNanos", s.cpuNanos());
        n.put("share", s.share().share());
        n.putArray("ci95").add(s.share().lower()).add(s.share().upper());
        n.put("includesZero", s.share().includesZero());
        return n;
    }

    private static ObjectNode cpu(ProfileSignals s) {
        CpuLockReport locks = s.cpuLocks();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("totalSamples", locks.totalSamples());
        n.put("totalCpuNanos", locks.totalNanos());
        n.set("schedLock", share(locks.schedLock()));
        n.set("schedLockRelease", share(locks.release().buckets().get(LockBucket.SCHED_LOCK)));
        n.set("goready", share(s.goready()));
        n.set("gc", share(s.gc()));
        ObjectNode rl = n.putObject("runtimeLocks");
        rl.set("acquire", side(locks.acquire()));
        rl.set("release", side(locks.release()));
        return n;
    }

    private static ObjectNode side(CpuLockReport.Side side) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("all", share(side.all()));
        ObjectNode b = n.putObject("buckets");
        side.buckets().forEach((k, v) -> b.set(k.label(), share(v)));
        ObjectNode ph = n.putObject("phases");
        side.phases().forEach((k, v) -> ph.set(k.label(), share(v)));
        ArrayNode sites = n.putArray("sites");
        for (CpuLockReport.SiteShare x : side.sites()) {
            ObjectNode e = sites.addObject();
            e.put("bucket", x.bucket().label())
                    .put("lock", x.lockExpr())
                    .put("caller", x.callerFunction())
                    .put("site", x.site())
                    .put("attributedBy", x.method().name().toLowerCase());
            e.setAll(share(x.cpu()));
        }
        return n;
    }

    private static ObjectNode amount(MutexReport.Amount a) {
        return MAPPER.createObjectNode().put("contentions", a.contentions()).put("delayNanos", a.delayNanos());
    }

    private static ObjectNode mutex(MutexReport m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("contentions", m.contentions());
        n.put("delayNanos", m.delayNanos());
        n.put("runtimeLockSemantics", m.semantics());
        n.set("runtimeLocks", amount(m.runtimeTotal()));
        n.set("lostContendedRuntimeLock", amount(m.lost()));
        ObjectNode b = n.putObject("runtimeBuckets");
        m.runtimeBuckets().forEach((k, v) -> b.set(k.label(), amount(v)));
        ArrayNode rs = n.putArray("runtimeSites");
        for (MutexReport.RuntimeSite x : m.runtimeSites()) {
            rs.addObject()
                    .put("bucket", x.bucket().label())
                    .put("lock", x.lockExpr())
                    .put("caller", x.callerFunction())
                    .put("site", x.site())
                    .put("attributedBy", x.method().name().toLowerCase())
                    .setAll(amount(x.amount()));
        }
        ArrayNode us = n.putArray("userSites");
        for (MutexReport.UserSite x : m.userSites()) {
            us.addObject()
                    .put("primitive", x.primitive())
                    .put("function", x.function())
                    .put("site", x.site())
                    .setAll(amount(x.amount()));
        }
        ArrayNode d = n.putArray("diagnostics");
        m.diagnostics().forEach(d::add);
        return n;
    }

    private static ObjectNode block(BlockReport b) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("contentions", b.contentions());
        n.put("delayNanos", b.delayNanos());
        n.put("excludedPprofDelayNanos", b.excludedDelayNanos());
        ArrayNode sites = n.putArray("sites");
        for (BlockReport.Site x : b.sites()) {
            sites.addObject()
                    .put("state", x.state())
                    .put("function", x.function())
                    .put("site", x.site())
                    .put("contentions", x.contentions())
                    .put("delayNanos", x.delayNanos());
        }
        return n;
    }

    private static ObjectNode goroutines(GoroutineGroups g) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("total", g.total());
        n.put("notStarted", g.notStarted());
        ArrayNode groups = n.putArray("groups");
        for (GoroutineGroups.Group x : g.groups()) {
            groups.addObject().put("site", x.site()).put("state", x.state()).put("goroutines", x.goroutines());
        }
        return n;
    }
}
