package org.attest.tool.portfolio.audit;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar attest.jar --attest.audit.verify}: checks the audit trail, prints what it found
 * and exits with 0 when the trail is intact, 1 when it is broken and 2 when it could not be read
 * (docs/admin.md, Audit trail). {@link AuditVerificationCommand} keeps it from opening a port.
 */
@Component
@ConditionalOnBooleanProperty(AuditVerificationCommand.PROPERTY)
class AuditVerificationRunner implements ApplicationRunner {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int UNREADABLE = 2;

    private static final Logger log = LoggerFactory.getLogger(AuditVerificationRunner.class);

    private final AuditTrail trail;
    private final ConfigurableApplicationContext context;

    AuditVerificationRunner(AuditTrail trail, ConfigurableApplicationContext context) {
        this.trail = trail;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = report(System.out);
        // Close the context first (connection pool, schedulers), then end the process with the code.
        System.exit(SpringApplication.exit(context, () -> code));
    }

    int report(PrintStream out) {
        AuditVerification result;
        try {
            result = trail.verify();
        } catch (DataAccessException e) {
            log.error("The audit trail could not be read", e);
            out.println("Audit trail NOT CHECKED: the database could not be read (" + e.getMostSpecificCause().getMessage()
                    + "). Check the database settings are those of the server.");
            return UNREADABLE;
        }
        out.println(result.summary());
        result.problems().forEach(problem -> out.println("  " + problem));
        if (result.problemCount() > result.problems().size()) {
            out.println("  ... and " + (result.problemCount() - result.problems().size()) + " more");
        }
        return result.intact() ? INTACT : BROKEN;
    }
}
