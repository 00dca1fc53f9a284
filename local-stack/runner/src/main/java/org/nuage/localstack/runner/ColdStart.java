package org.nuage.localstack.runner;

import java.time.Duration;

/**
 * One instance's cold start, measured as the README reports it: from just before the JVM was started.
 *
 * @param function    the function's name
 * @param instance    the instance number, as in the log prefix {@code [name#instance]}
 * @param init        until the runtime first asked for an event (Lambda's Init phase)
 * @param firstAnswer until the runtime posted its first answer (response or error): the cold start a caller feels
 */
public record ColdStart(String function, int instance, Duration init, Duration firstAnswer) {
}
