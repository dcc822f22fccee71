package org.attest.sandbox;

import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox's own embedded H2 database ({@code attest.sandbox.database-url}, by default {@code ./data/sandbox} beside
 * Attest's {@code ./data/attest}), apart from Attest's: the sandbox never reads or writes Attest's tables. Not a
 * {@link DataSource} bean, so Attest's database stays the application's one; its schema
 * ({@code sandbox-schema.sql}) is applied at every start.
 */
@Component
@ConditionalOnSandbox
class SandboxDatabase implements DisposableBean {

    private final SimpleDriverDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SandboxDatabase(SandboxProperties properties) {
        this.dataSource = new SimpleDriverDataSource(new org.h2.Driver(), properties.databaseUrl(), "sandbox", "");
        new ResourceDatabasePopulator(new ClassPathResource("sandbox-schema.sql")).execute(dataSource);
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    TransactionTemplate transactions() {
        return transactions;
    }

    @Override
    public void destroy() {
        jdbc.sql("SHUTDOWN").update(); // closes an in-memory database too, so test contexts leave nothing behind
    }
}
