package dev.courier.gateway;

import dev.courier.commons.process.ProcessMain;
import dev.courier.gateway.config.GatewayConfig;

/**
 * {@code GatewayMain [config.properties]}: starts the gateway and drains it on SIGTERM. Every key can
 * also come from the environment ({@code COURIER_HTTP_PORT} for {@code http.port}).
 */
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String[] args) {
        ProcessMain.run("edge-gateway", args, file -> GatewayConfig.load(file, System.getenv()), Gateway::start);
    }
}
