package dev.courier.service;

import dev.courier.commons.process.ProcessMain;
import dev.courier.service.config.ServiceConfig;

/** What every service's {@code main} does: load config, start, stop cleanly on SIGTERM. */
public final class ServiceMain {

    private ServiceMain() {
    }

    /**
     * @param args an optional config file path
     */
    public static void run(String[] args, ServiceDefinition definition) {
        ProcessMain.run(definition.defaults().serviceName(), args,
                file -> ServiceConfig.load(file, System.getenv(), definition.defaults()),
                config -> ServiceRuntime.start(config, definition));
    }
}
