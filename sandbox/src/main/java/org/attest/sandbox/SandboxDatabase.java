package org.attest.sandbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox's own embedded H2 database ({@code attest.sandbox.database-url}, by default {@code ./data/sandbox} beside
 * Attest's {@code ./data/attest}), apart from Attest's: the sandbox never reads or writes Attest's tables. Not a
 * {@link DataSource} bean, so Attest's database stays the application's one; its schema
 * ({@code sandbox-schema.sql}) is applied at every start.
 *
 * <p>Reached through a small pool that keeps a connection open: H2 closes a database when its last connection closes,
 * so a connection per statement would reopen the file every time (tens of milliseconds instead of well under one),
 * whatever URL is set.
 */
@Component
@ConditionalOnSandbox
class SandboxDatabase implements DisposableBean {

    private static final int CONNECTIONS = 4;

    private final String url;
    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SandboxDatabase(SandboxProperties properties) {
        this.url = properties.databaseUrl();
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("sandbox");
        pool.setDriverClassName(org.h2.Driver.class.getName());
        pool.setJdbcUrl(url);
        pool.setUsername("sandbox");
        pool.setPassword("");
        pool.setMaximumPoolSize(CONNECTIONS);
        pool.setMinimumIdle(1);
        this.dataSource = new HikariDataSource(pool);
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

    /**
     * Closes the pool, then shuts the database down through a connection of its own (a pooled one would be replaced by
     * the pool, opening an in-memory database afresh): closes a database kept open by {@code DB_CLOSE_DELAY} too, so
     * test contexts leave nothing behind.
     */
    @Override
    public void destroy() throws SQLException {
        dataSource.close();
        Properties credentials = new Properties();
        credentials.setProperty("user", "sandbox");
        credentials.setProperty("password", "");
        try (Connection connection = new org.h2.Driver().connect(url, credentials); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
