package dev.courier.infra.dev;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * {@code OrphanGuard <parent pid> <main class> [args...]}: runs the main class, and exits (running
 * its shutdown hooks) when the parent process ends, so that no service outlives a killed launcher.
 */
public final class OrphanGuard {

    private OrphanGuard() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OrphanGuard <parent pid> <main class> [args...]");
            System.exit(2);
        }
        ProcessHandle.of(Long.parseLong(args[0])).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
