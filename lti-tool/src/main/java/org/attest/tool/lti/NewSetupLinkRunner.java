package org.attest.tool.lti;

import org.attest.tool.lti.internal.OperatorSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar attest.jar --attest.admin.new-setup-link=true}: prints a fresh operator setup
 * link and exits, for when the first-start link was lost or has expired (docs/admin.md).
 */
@Component
@ConditionalOnBooleanProperty("attest.admin.new-setup-link")
class NewSetupLinkRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(NewSetupLinkRunner.class);

    private final OperatorSetup setup;
    private final ConfigurableApplicationContext context;

    NewSetupLinkRunner(OperatorSetup setup, ConfigurableApplicationContext context) {
        this.setup = setup;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        String link = setup.newLink();
        log.info("New setup link made on request (attest.admin.new-setup-link=true)");
        System.out.println();
        System.out.println("New setup link: open " + link + " to administer Attest (one use, valid 24 hours)");
        System.out.println();
        // Closing the context stops the web server and the schedulers, so the process ends once main returns.
        SpringApplication.exit(context);
    }
}
