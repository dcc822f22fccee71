package org.attest.tool;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs inside the S3Mock process (Spring Boot 3), not in Attest's tests: binds S3Mock's extra plain-HTTP Tomcat
 * connector to 127.0.0.1, as {@code server.address} does for its HTTPS one. By reflection, as the Tomcat types are
 * S3Mock's, not on the tests' classpath.
 */
public class S3MockLoopbackOnly implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                try {
                    var connectors = bean.getClass().getMethod("getAdditionalTomcatConnectors").invoke(bean);
                    for (Object connector : (Iterable<?>) connectors) {
                        connector.getClass().getMethod("setProperty", String.class, String.class)
                                .invoke(connector, "address", "127.0.0.1");
                    }
                } catch (NoSuchMethodException notTheTomcatFactory) {
                    return bean;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Could not bind S3Mock's HTTP connector to 127.0.0.1", e);
                }
                return bean;
            }
        });
    }
}
