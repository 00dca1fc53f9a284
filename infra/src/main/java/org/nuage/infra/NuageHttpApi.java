package org.nuage.infra;

import java.util.Locale;

import org.nuage.core.stack.HttpRoutes;

import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.constructs.Construct;

/**
 * The instance's public HTTP endpoint (API Gateway HTTP API, payload format 2.0, as the functions
 * and the local runner's gateway expect), routed by core's {@link HttpRoutes} like the local runner.
 */
public final class NuageHttpApi extends Construct {

    private final HttpApi api;

    public NuageHttpApi(Construct scope, String id, String prefix) {
        super(scope, id);
        this.api = HttpApi.Builder.create(this, "Api")
                .apiName(prefix)
                .description("Nuage " + prefix + ": inbox POSTs to the inbox function, everything else to the api")
                .build();
    }

    /** The API's own address, {@code https://<id>.execute-api.<region>.amazonaws.com} (a token until deployed). */
    public String url() {
        return api.getApiEndpoint();
    }

    public HttpApi api() {
        return api;
    }

    /** Adds the listed routes and the {@code $default} route for everything else. */
    public void routeTo(NuageFunctions functions) {
        HttpLambdaIntegration inbox = new HttpLambdaIntegration("InboxIntegration",
                functions.alias(function(HttpRoutes.INBOX_FUNCTION)));
        HttpLambdaIntegration fallback = new HttpLambdaIntegration("ApiIntegration",
                functions.alias(function(HttpRoutes.DEFAULT_FUNCTION)));
        int index = 0;
        for (HttpRoutes.Route route : HttpRoutes.ROUTES) {
            if (!route.function().equals(HttpRoutes.INBOX_FUNCTION)) {
                throw new IllegalStateException("no integration for " + route.function());
            }
            HttpRoute.Builder.create(this, "Route" + index++)
                    .httpApi(api)
                    .routeKey(HttpRouteKey.with(route.path(), HttpMethod.valueOf(route.method().toUpperCase(Locale.ROOT))))
                    .integration(inbox)
                    .build();
        }
        HttpRoute.Builder.create(this, "DefaultRoute")
                .httpApi(api)
                .routeKey(HttpRouteKey.DEFAULT)
                .integration(fallback)
                .build();
    }

    private static NuageFunction function(String id) {
        for (NuageFunction function : NuageFunction.values()) {
            if (function.id().equals(id)) {
                return function;
            }
        }
        throw new IllegalArgumentException("no function " + id);
    }
}
