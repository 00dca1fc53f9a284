package org.nuage.localstack.emulator;

import java.util.List;
import java.util.Map;

/** What {@link ResourceProvisioner} made: the table, the buckets and every queue's URL by name. */
public record ProvisionedStack(String table, List<String> buckets, Map<String, String> queueUrls) {

    public ProvisionedStack {
        buckets = List.copyOf(buckets);
        queueUrls = Map.copyOf(queueUrls);
    }

    /** The URL of a queue or dead-letter queue of the stack, by its name. */
    public String queueUrl(String name) {
        String url = queueUrls.get(name);
        if (url == null) {
            throw new IllegalArgumentException("no queue " + name + " in the stack; known: "
                    + queueUrls.keySet());
        }
        return url;
    }
}
