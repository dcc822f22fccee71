package org.attest.tool.standards.internal;

import java.util.UUID;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.standards.FrameworkCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who a framework belongs to after its first import. The one change allowed: the operator makes a
 * centre's framework tool-wide, so every platform is offered it and only the operator versions it
 * from then on (for instance when a centre imported an awarding body's framework under the
 * awarding body's own CASE identifier, which the operator means to offer to everyone).
 */
@Service
public class FrameworkOwnership {

    private static final Logger log = LoggerFactory.getLogger(FrameworkOwnership.class);

    private final JdbcClient jdbc;
    private final FrameworkCatalog catalog;

    FrameworkOwnership(JdbcClient jdbc, FrameworkCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * Makes a centre's framework tool-wide.
     *
     * @throws AdminRefused 403 unless the operator asks; 404 when there is no such centre's framework (nothing changes)
     */
    @Transactional
    public void makeToolWide(AdminScope scope, String frameworkId, String who) {
        FrameworkAccess.requireOperator(scope);
        UUID id = parse(frameworkId);
        int changed = id == null ? 0
                : jdbc.sql("UPDATE framework_version SET platform_id = NULL WHERE framework_id = ? AND platform_id IS NOT NULL")
                        .param(id).update();
        if (changed == 0) {
            throw AdminRefused.notFound("There is no centre's framework '" + frameworkId + "'; a tool-wide one is tool-wide "
                    + "already");
        }
        // Once committed, so a lookup meanwhile cannot cache the old owner.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                catalog.currentChanged();
            }
        });
        log.info("{} made framework {} tool-wide", who, id);
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
