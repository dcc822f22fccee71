package org.attest.tool.witnesses.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code attest.witness.}.
 *
 * @param linkValidFor how long a witness's one-time link works after the assessor made it (default 14 days)
 */
@ConfigurationProperties("attest.witness")
record WitnessProperties(@DefaultValue("14d") Duration linkValidFor) {

    WitnessProperties {
        if (linkValidFor.isNegative() || linkValidFor.isZero() || linkValidFor.compareTo(Duration.ofDays(90)) > 0) {
            throw new IllegalArgumentException("attest.witness.link-valid-for must be longer than 0 and at most 90 days, "
                    + "such as 14d; was " + linkValidFor);
        }
    }
}
