package org.attest.tool.standards;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** For tests in the module's sub-packages: the catalog as another replica holds it (a cache of its own), and how long it caches. */
public final class Catalogs {

    /** How long a replica may offer a version that another replica has since replaced. */
    public static final Duration CURRENT_TTL = FrameworkCatalog.CURRENT_TTL;

    private Catalogs() {
    }

    public static FrameworkCatalog ofAnotherReplica(JdbcClient jdbc) {
        return new FrameworkCatalog(jdbc);
    }
}
