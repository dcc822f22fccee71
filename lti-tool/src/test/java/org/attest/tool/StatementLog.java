package org.attest.tool;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Counts the SQL statements the tool executes while it answers an HTTP request, without timing anything: a
 * {@link DataSource} proxy records each statement executed on a thread that a servlet filter marked as serving a
 * request, with the request it served, and those of the roster read a tutor's launch starts. Statements of other
 * background threads (schedulers, score delivery) are not counted.
 * Import {@link Configuration} into an integration test and autowire this.
 */
public final class StatementLog {

    /** One statement executed while a request was served: which request ({@code POST /lti/launch}) and its SQL. */
    public record Executed(String request, String sql) {
        @Override
        public String toString() {
            return request + "  " + sql.replaceAll("\\s+", " ").strip();
        }
    }

    private static final ThreadLocal<String> SERVING = new ThreadLocal<>();
    /**
     * The threads of the roster read a tutor's launch starts, counted as part of it: the caseload the launch lands on
     * waits for that read, so its statements are all in by then.
     */
    private static final String AFTER_LAUNCH = "roster-refresh-";

    private final List<Executed> executed = new ArrayList<>();

    /** Forgets what was recorded so far. */
    public synchronized void clear() {
        executed.clear();
    }

    /** What was recorded since the last {@link #clear()}, in the order executed. */
    public synchronized List<Executed> executed() {
        return List.copyOf(executed);
    }

    synchronized void record(String sql) {
        String request = SERVING.get();
        if (request == null && Thread.currentThread().getName().startsWith(AFTER_LAUNCH)) {
            request = "(after a launch) " + AFTER_LAUNCH + "…";
        }
        if (request != null) {
            executed.add(new Executed(request, sql));
        }
    }

    /** Wraps the application's DataSource and marks the threads that serve requests. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        StatementLog statementLog() {
            return new StatementLog();
        }

        @Bean
        static BeanPostProcessor countingDataSource(org.springframework.beans.factory.ObjectProvider<StatementLog> log) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())
                            ? counting(dataSource, log.getObject()) : bean;
                }
            };
        }

        @Bean
        FilterRegistrationBean<Filter> statementLogRequests() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                String before = SERVING.get();
                SERVING.set(http.getMethod() + " " + http.getRequestURI().replaceAll("/s/[A-Za-z0-9_-]{20,}", "/s/{token}")
                        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}"));
                try {
                    chain.doFilter(request, response);
                } finally {
                    SERVING.set(before);
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    static DataSource counting(DataSource target, StatementLog log) {
        return proxy(DataSource.class, target, (method, args) -> { }, (method, args, result) -> result instanceof Connection c
                ? proxy(Connection.class, c, (m, a) -> { }, connectionCalls(log)) : result);
    }

    private static Returned connectionCalls(StatementLog log) {
        return (method, args, result) -> {
            if (result instanceof CallableStatement) {
                return result;
            }
            if (result instanceof PreparedStatement prepared) {
                String sql = (String) args[0];
                return proxy(PreparedStatement.class, prepared, (m, a) -> {
                    if (m.getName().startsWith("execute")) {
                        log.record(sql);
                    }
                }, (m, a, r) -> r);
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement, (m, a) -> {
                    if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) {
                        log.record(sql);
                    }
                }, (m, a, r) -> r);
            }
            return result;
        };
    }

    /** What a proxy does before it passes a call on. */
    private interface Called {
        void before(Method method, Object[] args);
    }

    /** What a proxy does with the result of a call it passed on. */
    private interface Returned {
        Object after(Method method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, Called called, Returned returned) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
                return target;
            }
            called.before(method, args);
            try {
                return returned.after(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
