package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.plan.PlanSources;
import io.schedgate.plan.RampPlan;
import io.schedgate.plan.RampPlans;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The default plan yields every check: as many steps as the USL fit needs at its default minimum. */
class DefaultPlanTest {

    @Test
    void theDefaultPlanHasTheStepsTheUslNeeds() {
        RampPlan plan = RampPlans.from(PlanSources.of(new Properties(), Map.of()));
        int needed = UslCheck.Limits.of(Thresholds.defaults()).uslMinSteps();
        assertTrue(plan.stepCount() >= needed, plan.stepCount() + " steps, the USL needs " + needed);
    }
}
