package dev.courier.lag;

import dev.courier.commons.process.ProcessMain;
import dev.courier.lag.config.LagMonitorConfig;

/** {@code LagMonitorMain [config.properties]}: the lag monitor, configured like every Courier process. */
public final class LagMonitorMain {

    private LagMonitorMain() {
    }

    public static void main(String[] args) {
        ProcessMain.run("lag-monitor", args, file -> LagMonitorConfig.load(file, System.getenv()), LagMonitor::start);
    }
}
