package org.attest.tool.records.internal;

import org.attest.tool.portfolio.StoredFileReferences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Files attached to assessor records, which keep their keys in the record's JSON ({@link RecordContent.Attachment}). */
@Component
class RecordFileReferences implements StoredFileReferences {

    private final JdbcClient jdbc;

    RecordFileReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Keys are hex digits, '/' and '-' only (FileStore.newKey()), so they hold no LIKE wildcard, and a UUID found
    // anywhere in a record is taken as a reference: a file is kept rather than lost when in doubt.
    @Override
    public boolean references(String storageKey) {
        return jdbc.sql("SELECT COUNT(*) FROM assessor_record WHERE content LIKE ?")
                .param("%" + storageKey + "%").query(Long.class).single() > 0;
    }
}
