package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.attest.tool.AttestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The prod profile starts only with a key-encryption key the operator configured. */
@ExtendWith(OutputCaptureExtension.class)
class ProdKeyEncryptionKeyTest {

    @TempDir Path data;

    @Test
    void prodWithoutAKeyEncryptionKeyRefusesToStartNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--attest.keys.encryption-key="))
                .rootCause().hasMessageContaining("The prod profile needs a key-encryption key for the tool's private keys: set "
                        + "attest.keys.encryption-key-file");
        assertThat(data.resolve("key-encryption-key")).doesNotExist();
        assertThat(output.getAll()).as("the start's failure report says why, not only a stack trace")
                .contains("APPLICATION FAILED TO START")
                .contains("See \"Keys at rest\" in docs/operations.md");
    }

    @Test
    void prodWithAKeyEncryptionKeyFileStartsAndSealsTheKeys() throws Exception {
        Path kek = Files.writeString(data.resolve("kek"), "Kx8m2U3aV0bqQ4r1kz6Xo9eTt5yWc7nLhGfPdJsA2Bo=\n");

        try (ConfigurableApplicationContext attest = start("--attest.keys.encryption-key=",
                "--attest.keys.encryption-key-file=" + kek)) {
            assertThat(attest.getBean(JdbcClient.class).sql("SELECT kek_id FROM tool_key").query(String.class).list())
                    .hasSize(2).containsOnly(KeyEncryption.idOf(java.util.Base64.getDecoder().decode(Files.readString(kek).strip())));
        }
    }

    private ConfigurableApplicationContext start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--attest.keys.generated-encryption-key-file=" + data.resolve("key-encryption-key"),
                "--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(AttestApplication.class).profiles("test", "prod").run(args.toArray(String[]::new));
    }
}
