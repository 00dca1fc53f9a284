package org.nuage.infra.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a synthesized CloudFormation template says that prices depend on: each Nuage function's
 * memory, architecture and {@code /tmp}, how many queues Lambda polls, and any resource that is
 * billed by the hour whether used or not.
 */
public record StackFacts(List<FunctionFacts> functions, int polledQueues, boolean pointInTimeRecovery,
        Map<String, Integer> fixedCostResources) {

    /**
     * Resource types billed by the month or hour even when idle, with their us-east-1 monthly price
     * (730 hours): what an idle month would pay if the stack ever grew one.
     */
    public static final Map<String, Double> FIXED_MONTHLY_PRICES = Map.ofEntries(
            Map.entry("AWS::EC2::NatGateway", 0.045 * 730),
            Map.entry("AWS::EC2::Instance", 0.0104 * 730),              // t3.micro, the smallest usual
            Map.entry("AWS::EC2::EIP", 0.005 * 730),                    // a public IPv4 address
            Map.entry("AWS::EC2::VPCEndpoint", 0.01 * 730),             // interface endpoint, one zone
            Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", 0.0225 * 730),
            Map.entry("AWS::RDS::DBInstance", 0.016 * 730),             // db.t4g.micro
            Map.entry("AWS::ElastiCache::CacheCluster", 0.016 * 730),   // cache.t4g.micro
            Map.entry("AWS::KMS::Key", 1.00),
            Map.entry("AWS::SecretsManager::Secret", 0.40),
            Map.entry("AWS::Route53::HostedZone", 0.50),
            Map.entry("AWS::CloudWatch::Alarm", 0.10),
            Map.entry("AWS::CloudWatch::Dashboard", 3.00));

    public StackFacts {
        functions = List.copyOf(functions);
        fixedCostResources = Map.copyOf(fixedCostResources);
    }

    /** One Nuage function as deployed. */
    public record FunctionFacts(String name, int memoryMb, String architecture, int ephemeralStorageMb) {

        public boolean arm() {
            return "arm64".equals(architecture);
        }

        public double vcpus() {
            return Math.min(PriceList.MAX_VCPUS, memoryMb / PriceList.MB_PER_VCPU);
        }
    }

    /** Reads the facts from a template as {@code Template.toJSON()} or {@code cdk synth} gives it. */
    @SuppressWarnings("unchecked")
    public static StackFacts read(Map<String, Object> template) {
        Map<String, Object> resources = (Map<String, Object>) template.getOrDefault("Resources", Map.of());
        List<FunctionFacts> functions = new ArrayList<>();
        int polled = 0;
        boolean pitr = false;
        Map<String, Integer> fixed = new TreeMap<>();
        for (Object value : resources.values()) {
            Map<String, Object> resource = (Map<String, Object>) value;
            String type = (String) resource.get("Type");
            Map<String, Object> properties = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
            switch (type) {
                case "AWS::Lambda::Function" -> {
                    // Nuage's own functions read the table; CDK's deploy-time helpers do not.
                    if (variables(properties).containsKey("NUAGE_STACK_TABLE_NAME")) {
                        functions.add(function(properties));
                    }
                }
                case "AWS::Lambda::EventSourceMapping" -> {
                    if (properties.get("EventSourceArn").toString().contains("Queue")) {
                        polled++;
                    }
                }
                case "AWS::DynamoDB::Table" -> pitr |= Boolean.TRUE.equals(((Map<String, Object>) properties
                        .getOrDefault("PointInTimeRecoverySpecification", Map.of())).get("PointInTimeRecoveryEnabled"));
                case "AWS::Lambda::Alias", "AWS::Lambda::Version" -> {
                    if (properties.containsKey("ProvisionedConcurrencyConfig")) {
                        fixed.merge("provisioned concurrency", 1, Integer::sum);
                    }
                }
                default -> {
                    if (FIXED_MONTHLY_PRICES.containsKey(type)) {
                        fixed.merge(type, 1, Integer::sum);
                    }
                }
            }
        }
        return new StackFacts(functions, polled, pitr, fixed);
    }

    /** The function whose name ends with {@code -suffix}, e.g. {@code transcoder}. */
    public FunctionFacts function(String suffix) {
        return functions.stream().filter(f -> f.name().endsWith("-" + suffix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function *-" + suffix + " in the template"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> properties) {
        Map<String, Object> environment = (Map<String, Object>) properties.getOrDefault("Environment", Map.of());
        return (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static FunctionFacts function(Map<String, Object> properties) {
        List<String> architectures = (List<String>) properties.getOrDefault("Architectures", List.of("x86_64"));
        Map<String, Object> ephemeral = (Map<String, Object>) properties.getOrDefault("EphemeralStorage",
                Map.of("Size", 512));
        return new FunctionFacts(properties.get("FunctionName").toString(),
                ((Number) properties.getOrDefault("MemorySize", 128)).intValue(), architectures.getFirst(),
                ((Number) ephemeral.get("Size")).intValue());
    }
}
