package dev.courier.infra.process;

import java.util.List;

/** A process with everything it started. */
public final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * SIGKILL to the process and all its descendants, children first: killed alone, a launcher would
     * leave its children running (Redis does not notice that its parent is gone).
     */
    public static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
