package dev.courier.infra.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import kafka.tools.StorageTool;

/** Formats a node's KRaft storage before its first start, as {@code kafka-storage.sh format} does. */
final class KafkaStorage {

    private KafkaStorage() {
    }

    /** Formats the storage the properties file names, unless already formatted (a restart on the same data). */
    static void formatIfNeeded(Path propertiesFile, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {
                "format", "--cluster-id", clusterId, "--config", propertiesFile.toString(), "--ignore-formatted"
            }, out);
        }
        if (exit != 0) {
            throw new IllegalStateException("kafka storage format failed (exit " + exit + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }
}
