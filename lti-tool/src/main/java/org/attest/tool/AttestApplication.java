package org.attest.tool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AttestApplication {

    public static void main(String[] args) {
        SpringApplication.run(AttestApplication.class, args);
    }
}
