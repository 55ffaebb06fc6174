package dev.courier.service;

import dev.courier.service.config.ConfigException;
import dev.courier.service.config.ServiceConfig;
import java.nio.file.Path;

/** What every service's {@code main} does: load config, start, stop cleanly on SIGTERM. */
public final class ServiceMain {

    private ServiceMain() {
    }

    /**
     * @param args an optional config file path
     */
    public static void run(String[] args, ServiceDefinition definition) throws InterruptedException {
        if (args.length > 1) {
            System.err.println("usage: " + definition.defaults().serviceName() + " [config.properties]");
            System.exit(2);
        }
        ServiceConfig config;
        try {
            config = ServiceConfig.load(args.length == 1 ? Path.of(args[0]) : null, System.getenv(), definition.defaults());
        } catch (ConfigException e) {
            System.err.println(definition.defaults().serviceName() + ": bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        ServiceRuntime runtime = ServiceRuntime.start(config, definition);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            ProcessLogs.stop();
        }, "shutdown"));
        runtime.awaitClosed();
    }
}
