package dev.courier.lag;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;

/** Kafka's own {@code kafka-consumer-groups --describe}, run in this JVM, its table read back. */
final class ConsumerGroupsTool {

    private ConsumerGroupsTool() {
    }

    /** One row of the table: "-" columns are null. */
    record Row(String group, String topic, int partition, Long currentOffset, long logEndOffset, Long lag, String consumerId, String host,
               String clientId) {
    }

    static synchronized List<Row> describe(String bootstrapServers, String group) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("kafka-consumer-groups exited with " + status + ": " + message);
        });
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ConsumerGroupCommand.main(new String[] {"--bootstrap-server", bootstrapServers, "--describe", "--group", group});
        } finally {
            System.setOut(original);
            Exit.resetExitProcedure();
        }
        List<Row> rows = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length != 9 || columns[0].equals("GROUP")) {
                continue;
            }
            rows.add(new Row(columns[0], columns[1], Integer.parseInt(columns[2]), number(columns[3]), Long.parseLong(columns[4]),
                    number(columns[5]), dash(columns[6]), dash(columns[7]), dash(columns[8])));
        }
        if (rows.isEmpty()) {
            throw new AssertionError("no rows in kafka-consumer-groups' output: " + Arrays.toString(captured.toString(StandardCharsets.UTF_8).split("\n")));
        }
        return rows;
    }

    private static Long number(String column) {
        return column.equals("-") ? null : Long.parseLong(column);
    }

    private static String dash(String column) {
        return column.equals("-") ? null : column;
    }
}
