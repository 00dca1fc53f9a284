package org.nuage.infra.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a synthesized CloudFormation template says that prices depend on: each Nuage function's
 * memory, architecture and {@code /tmp}, how many queues Lambda polls, and any resource that is
 * billed by the hour whether used or not.
 */
public record StackFacts(List<FunctionFacts> functions, int polledQueues, boolean pointInTimeRecovery,
        Map<String, Integer> fixedCostResources, List<Scheduled> scheduled) {

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
        scheduled = List.copyOf(scheduled);
    }

    /** A function invoked on a schedule (EventBridge), {@code perMonth} times. */
    public record Scheduled(FunctionFacts function, double perMonth) {
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
        return new StackFacts(functions, polled, pitr, fixed, scheduled(resources));
    }

    /** Rules with a {@code rate(...)} schedule whose targets are functions or their aliases. */
    @SuppressWarnings("unchecked")
    private static List<Scheduled> scheduled(Map<String, Object> resources) {
        List<Scheduled> scheduled = new ArrayList<>();
        for (Object value : resources.values()) {
            Map<String, Object> rule = (Map<String, Object>) value;
            Map<String, Object> properties = (Map<String, Object>) rule.getOrDefault("Properties", Map.of());
            if (!"AWS::Events::Rule".equals(rule.get("Type")) || !(properties.get("ScheduleExpression") instanceof String rate)) {
                continue;
            }
            for (Object target : (List<Object>) properties.getOrDefault("Targets", List.of())) {
                Object arn = ((Map<String, Object>) target).get("Arn");
                String id = arn instanceof Map<?, ?> ref && ref.get("Ref") instanceof String logical ? logical : null;
                Map<String, Object> resource = id == null ? null : (Map<String, Object>) resources.get(id);
                if (resource != null && "AWS::Lambda::Alias".equals(resource.get("Type"))) {
                    Object function = ((Map<String, Object>) resource.get("Properties")).get("FunctionName");
                    resource = (Map<String, Object>) resources.get(((Map<String, Object>) function).get("Ref"));
                }
                if (resource != null && "AWS::Lambda::Function".equals(resource.get("Type"))) {
                    scheduled.add(new Scheduled(function((Map<String, Object>) resource.get("Properties")),
                            perMonth(rate)));
                }
            }
        }
        return scheduled;
    }

    /** How often a month (730 h) {@code rate(1 day)}, {@code rate(6 hours)} or {@code rate(5 minutes)} fires. */
    public static double perMonth(String rate) {
        var matcher = Pattern.compile("rate\\((\\d+) (minute|hour|day)s?\\)").matcher(rate);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a rate schedule: " + rate);
        }
        double minutes = Integer.parseInt(matcher.group(1)) * switch (matcher.group(2)) {
            case "minute" -> 1;
            case "hour" -> 60;
            default -> 1440;
        };
        return 730 * 60 / minutes;
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
