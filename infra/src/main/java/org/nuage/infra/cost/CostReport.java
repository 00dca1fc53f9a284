package org.nuage.infra.cost;

import java.util.Map;

import org.nuage.core.stack.StackDefinition;
import org.nuage.infra.ColdStart;
import org.nuage.infra.NuageApp;
import org.nuage.infra.NuageStack;
import org.nuage.infra.StandInAssets;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Prints docs/cost.md's figures: synthesizes the default stack (stand-in zips, since the code's
 * size does not change a price) and prices it. {@code mvn -pl infra compile exec:java@cost-report}.
 */
public final class CostReport {

    private CostReport() {
    }

    public static void main(String[] args) {
        System.out.print(render(synthesizedDefault()));
    }

    /** The default stack's template, as {@code cdk synth} would give it with the build's zips. */
    public static Map<String, Object> synthesizedDefault() {
        NuageStack stack = new NuageStack(new App(), "NuageCost", StackProps.builder().build(),
                StackDefinition.standard(NuageApp.DEFAULT_PREFIX),
                StandInAssets.deployment(StandInAssets.folder(), ColdStart.SNAPSTART));
        return Template.fromStack(stack).toJSON();
    }

    /** The estimates of a template, as Markdown. */
    public static String render(Map<String, Object> template) {
        StackFacts facts = StackFacts.read(template);
        CostModel withP2p = new CostModel(facts, PriceList.US_EAST_1, Assumptions.DEFAULTS);
        CostModel withoutP2p = new CostModel(facts, PriceList.US_EAST_1, Assumptions.DEFAULTS.withP2pShare(0));
        return String.join("\n", withP2p.idleMonth().markdown(), withoutP2p.thousandViews().markdown(),
                withP2p.thousandViews().markdown(), withP2p.hourTranscoded().markdown(), withP2p.hourStored().markdown());
    }
}
