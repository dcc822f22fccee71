package org.attest.sandbox;

import org.attest.tool.AttestApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The "try it" application: Attest and the sandbox LMS in one JVM and one server, so a newcomer opens
 * http://localhost:8080/sandbox and the tool answers at http://127.0.0.1:8080. Attest is imported whole,
 * exactly as its own jar runs it; the sandbox's beans use no bean of Attest's and reach it only over HTTP
 * (its registration, launch, JWKS, grade and roster URLs, and its token API with a token made at start:
 * {@link SandboxEnvironment}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(AttestApplication.class)
public class SandboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(SandboxApplication.class, args);
    }
}
