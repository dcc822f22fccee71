package org.attest.sandbox;

import org.attest.tool.AttestApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The "try it" application: Attest and the sandbox LMS in one JVM and one server, so a newcomer opens
 * http://localhost:8080/sandbox and the tool answers at http://127.0.0.1:8080. Attest is imported whole,
 * exactly as its own jar runs it; the sandbox's beans use no bean of Attest's and reach it only over HTTP
 * (its registration, launch, JWKS, grade and roster URLs). {@code sandbox-defaults.properties} holds the
 * sandbox's defaults, below every other setting.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(AttestApplication.class)
@PropertySource("classpath:sandbox-defaults.properties")
public class SandboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(SandboxApplication.class, args);
    }
}
