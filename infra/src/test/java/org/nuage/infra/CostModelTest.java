package org.nuage.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nuage.infra.cost.Assumptions;
import org.nuage.infra.cost.CostModel;
import org.nuage.infra.cost.CostReport;
import org.nuage.infra.cost.Estimate;
import org.nuage.infra.cost.PriceList;
import org.nuage.infra.cost.StackFacts;

/** The cost model prices what the synthesized template says, not numbers of its own. */
class CostModelTest {

    private static Map<String, Object> template() {
        return SynthesizedStacks.snapStart().toJSON();
    }

    private static CostModel model(Map<String, Object> template, Assumptions assumptions) {
        return new CostModel(StackFacts.read(template), PriceList.US_EAST_1, assumptions);
    }

    @Test
    void readsEachFunctionsSizeAndArchitectureFromTheTemplate() {
        StackFacts facts = StackFacts.read(template());
        assertEquals(4, facts.functions().size(), "CDK's notification helper is not one of ours");
        for (NuageFunction function : NuageFunction.values()) {
            StackFacts.FunctionFacts read = facts.function(function.id());
            assertEquals(function.memoryMb(), read.memoryMb());
            assertEquals(function.ephemeralStorageMb(), read.ephemeralStorageMb());
            assertEquals(function == NuageFunction.TRANSCODER ? "x86_64" : "arm64", read.architecture());
        }
        assertEquals(3, facts.polledQueues(), "inbound, outbound and transcode; dead-letter queues are not polled");
        assertTrue(facts.pointInTimeRecovery());
        assertEquals(Map.of(), facts.fixedCostResources(), "nothing in the stack is billed by the hour");
    }

    @Test
    void anIdleMonthCostsLessThanOneDollar() {
        Estimate idle = model(template(), Assumptions.DEFAULTS).idleMonth();
        assertTrue(idle.total() > 0 && idle.total() <= 1.0, idle.markdown());
        // 3 queues x 5 pollers x one receive every 20 s for 730 h, less the free million.
        double polling = (3 * 5 * 730 * 3600 / 20.0 - 1_000_000) / 1e6 * 0.40;
        assertEquals(polling, idle.lines().getFirst().dollars(), 1e-9);
    }

    @Test
    void theDailyWakeUpsOfTheSnapStartFunctionsArePricedFromTheirRules() {
        StackFacts facts = StackFacts.read(template());
        assertEquals(3, facts.scheduled().size());
        for (StackFacts.Scheduled wakeUp : facts.scheduled()) {
            assertEquals(730 / 24.0, wakeUp.perMonth(), 1e-9);
            assertTrue(wakeUp.function().arm());
        }
        Estimate idle = model(template(), Assumptions.DEFAULTS).idleMonth();
        assertEquals(3, idle.lines().stream().filter(l -> l.item().endsWith("woken on schedule")).count());
        assertEquals(730 * 12, StackFacts.perMonth("rate(5 minutes)"), 1e-9);
        assertEquals(730 / 6.0, StackFacts.perMonth("rate(6 hours)"), 1e-9);
    }

    @Test
    void aResourceBilledByTheHourShowsInTheIdleMonth() {
        Map<String, Object> template = copy(template());
        resources(template).put("Nat", Map.of("Type", "AWS::EC2::NatGateway", "Properties", Map.of()));
        double withNat = model(template, Assumptions.DEFAULTS).idleMonth().total();
        double without = model(template(), Assumptions.DEFAULTS).idleMonth().total();
        assertEquals(0.045 * 730, withNat - without, 1e-9);
    }

    @Test
    void peersSharingHalfTheBytesHalveTheEgress() {
        Estimate alone = model(template(), Assumptions.DEFAULTS.withP2pShare(0)).thousandViews();
        Estimate shared = model(template(), Assumptions.DEFAULTS.withP2pShare(0.5)).thousandViews();
        assertEquals(alone.lines().getFirst().dollars() / 2, shared.lines().getFirst().dollars(), 1e-9);
        // 720p30's ceiling (1280 x 720 x 30 x 0.11 b/s and 128 kb/s of sound) for 10 minutes.
        double gb = 1000.0 * (3_041_280 + 128_000) / 8.0 * 600 / PriceList.BYTES_PER_GB;
        assertEquals(gb * 0.09, alone.lines().getFirst().dollars(), 0.01);
        assertTrue(alone.total() > 15 && alone.total() < 25, alone.markdown());
    }

    @Test
    void theApisMemoryAndArchitectureComeFromTheTemplate() {
        Map<String, Object> template = copy(template());
        Map<String, Object> api = functionProperties(template, "api");
        double before = line(model(template, Assumptions.DEFAULTS).thousandViews(), "Lambda api").dollars();
        api.put("MemorySize", 2048);
        api.put("Architectures", List.of("x86_64"));
        Estimate after = model(template, Assumptions.DEFAULTS).thousandViews();
        assertTrue(line(after, "Lambda api").item().contains("2048 MB x86_64"));
        assertTrue(line(after, "Lambda api").dollars() > 2 * before);
    }

    @Test
    void anHourTranscodedIsPricedFromTheMeasuredSpeedAndTheTranscodersVcpus() {
        Estimate hour = model(template(), Assumptions.DEFAULTS).hourTranscoded();
        // 5.63 CPU-seconds per second of video, on 3008 MB = 1.70 vCPUs, at the x86 price.
        double seconds = 168.8 * 2 / 60 * 3600 / (3008 / 1769.0);
        assertEquals(seconds * 3008 / 1024 * 0.0000166667, hour.lines().getFirst().dollars(), 1e-6);
        assertTrue(hour.total() > 0.3 && hour.total() < 1.5, hour.markdown());
        // Six renditions' ceilings (about 12.4 Mb/s of video and sound together) for an hour, twice.
        double stored = model(template(), Assumptions.DEFAULTS).hourStored().lines().getFirst().dollars() / 0.023;
        assertTrue(stored > 10 && stored < 12, stored + " GB");
    }

    @Test
    void theReportOfTheDefaultStackHasEveryEstimate() {
        // What exec:java@cost-report prints, synthesized the same way.
        String report = CostReport.render(CostReport.synthesizedDefault());
        for (String title : List.of("An idle month", "1,000 views of a 10-minute 720p video, 0% of bytes by P2P",
                "1,000 views of a 10-minute 720p video, 50% of bytes by P2P", "An hour of 1080p30 video transcoded",
                "That hour kept, each month")) {
            assertTrue(report.contains(title), title);
        }
        System.out.println(report);
    }

    private static Estimate.Line line(Estimate estimate, String prefix) {
        return estimate.lines().stream().filter(l -> l.item().startsWith(prefix)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> functionProperties(Map<String, Object> template, String suffix) {
        for (Object resource : resources(template).values()) {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
            if (properties != null && properties.getOrDefault("FunctionName", "").toString().endsWith("-" + suffix)) {
                return properties;
            }
        }
        throw new AssertionError("no " + suffix);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(Map<String, Object> template) {
        return (Map<String, Object>) template.get("Resources");
    }

    /** A deep enough copy to change resources and function properties without touching the shared template. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> template) {
        Map<String, Object> resources = new HashMap<>();
        resources(template).forEach((id, resource) -> {
            Map<String, Object> copied = new HashMap<>((Map<String, Object>) resource);
            if (copied.get("Properties") instanceof Map<?, ?> properties) {
                copied.put("Properties", new HashMap<>((Map<String, Object>) properties));
            }
            resources.put(id, copied);
        });
        Map<String, Object> copy = new HashMap<>(template);
        copy.put("Resources", resources);
        return copy;
    }
}
