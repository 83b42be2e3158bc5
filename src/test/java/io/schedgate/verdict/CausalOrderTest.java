package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.report.VerdictTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decisive line names the cause, not the first failure in table order. */
class CausalOrderTest {

    @Test
    void aLeakIsTheCauseOfTheGoroutinePileUpItMakes() {
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(RunFixtures.RUNS.resolve("leak-go1.26"));
        List<String> failedInTableOrder = v.results().stream()
                .filter(r -> r.status() == Status.FAIL)
                .map(CheckResult::checkId)
                .toList();
        assertEquals(GoroutineCheck.BLOWUP_ID, failedInTableOrder.get(0), "table order puts the consequence first");
        CausalOrder order = CausalOrder.of(v).orElseThrow();
        assertEquals(GoroutineCheck.LEAK_ID, order.cause().checkId());
        assertTrue(
                order.consequences().stream().anyMatch(r -> r.checkId().equals(GoroutineCheck.BLOWUP_ID)),
                order.consequences().toString());
        String decisive = VerdictTable.decisive(v);
        assertTrue(decisive.startsWith("goroutines.leak FAIL: leak:"), decisive);
        assertTrue(decisive.contains("consequences: goroutines.littles-law step-01"), decisive);
    }

    @Test
    void everyCheckHasARank() {
        for (String id : List.of(
                GoroutineCheck.LEAK_ID,
                WakeUpLinearityCheck.ID,
                SchedLockPressureCheck.ID,
                LockContentionCheck.ID,
                GoroutineCheck.BLOWUP_ID,
                GoroutineCheck.GROWTH_ID,
                UslCheck.ID,
                SaturationCheck.ID,
                SchedLockBaseline.ID,
                CapacityCheck.ID)) {
            assertTrue(CausalOrder.RANK.contains(id), id);
        }
    }

    @Test
    void aPassingRunHasNoCause() {
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(RunFixtures.RUNS.resolve("healthy-go1.26"));
        assertTrue(CausalOrder.of(v).isEmpty(), VerdictTable.decisive(v));
    }
}
