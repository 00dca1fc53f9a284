package org.nuage.aws.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where a function finds the stack's resources. The cloud deployment and the local runner both set
 * these through the environment (NUAGE_STACK_TABLE_NAME, ...), from the one stack definition.
 */
@ConfigMapping(prefix = "nuage.stack")
public interface StackConfig {

    /** The single DynamoDB table. */
    @WithDefault("nuage")
    String tableName();

    /** Private bucket that receives uploads. */
    @WithDefault("nuage-originals")
    String originalsBucket();

    /** Public bucket of published media, the web seed of every torrent. */
    @WithDefault("nuage-media")
    String mediaBucket();

    /**
     * Where the public can read the media bucket, such as a CloudFront domain or the local S3
     * emulator's bucket URL; without it, the bucket's own virtual-hosted S3 address.
     */
    Optional<java.net.URI> mediaPublicUrl();

    /** Queue URLs; a function is given only those it uses. */
    Optional<String> inboundQueueUrl();

    Optional<String> outboundQueueUrl();

    Optional<String> transcodeQueueUrl();
}
