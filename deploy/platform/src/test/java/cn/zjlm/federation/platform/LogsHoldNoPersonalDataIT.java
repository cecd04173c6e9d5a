package cn.zjlm.federation.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * PIPL: ID numbers and phones never reach a log or a trace. Every component's log of the end-to-end
 * platform (services, gateway, Keycloak, PostgreSQL) and every exported span is searched for the demo
 * members' clear values, which were sent through the gateway when the platform was seeded.
 */
class LogsHoldNoPersonalDataIT {
    @Test
    void noLogContainsADemoIdNumberOrPhone() throws IOException {
        DemoData.Result demo = E2E.demo();
        assertThat(demo.nationalIds()).hasSize(DemoData.PEOPLE.size());
        List<Path> logs;
        try (Stream<Path> files = Files.list(E2E.platform().settings().logs())) {
            logs = files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".jsonl")).toList();
        }
        assertThat(logs).extracting(f -> f.getFileName().toString())
                .contains("member-service.log", "gateway.log", "traces.jsonl");
        // the seeding's requests are in the logs being searched
        assertThat(Files.readString(E2E.platform().settings().logs().resolve("gateway.log")))
                .contains("POST /api/v1/members");
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1); // byte-safe
            leaks.addAll(demo.clearValuesIn(text, log.getFileName().toString()));
        }
        assertThat(leaks).isEmpty();
    }
}
