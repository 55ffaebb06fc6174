package dev.courier.gateway;

import dev.courier.gateway.config.GatewayConfig;
import dev.courier.service.ProcessLogs;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code GatewayMain [config.properties]}: starts the gateway and drains it on SIGTERM. Every key can
 * also come from the environment ({@code COURIER_HTTP_PORT} for {@code http.port}).
 */
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        GatewayConfig config = GatewayConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        Gateway gateway = Gateway.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            ProcessLogs.stop();
            stopped.countDown();
        }, "courier-gateway-shutdown"));
        stopped.await();
    }
}
