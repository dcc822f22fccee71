package org.attest.tool;

import java.lang.reflect.Field;

/**
 * Runs inside the S3Mock process (Spring Boot 3, its own jar), never in Attest's tests: starts S3Mock, then removes
 * the extra plain-HTTP Tomcat connector it opens on every interface, leaving only its HTTPS connector on
 * {@code server.address} (127.0.0.1). By reflection, as S3Mock's types are not on the tests' classpath.
 */
public final class S3MockLoopbackOnly {

    private S3MockLoopbackOnly() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> application = Class.forName("com.adobe.testing.s3mock.S3MockApplication");
        Object s3mock = application.getMethod("start", String[].class).invoke(null, (Object) args);
        Field contextField = application.getDeclaredField("context");
        contextField.setAccessible(true);
        Object context = contextField.get(s3mock);
        Object webServer = context.getClass().getMethod("getWebServer").invoke(context);
        Object tomcat = webServer.getClass().getMethod("getTomcat").invoke(webServer);
        Object service = tomcat.getClass().getMethod("getService").invoke(tomcat);
        Object[] connectors = (Object[]) service.getClass().getMethod("findConnectors").invoke(service);
        for (Object connector : connectors) {
            Object secure = connector.getClass().getMethod("getSecure").invoke(connector);
            if (!Boolean.TRUE.equals(secure)) {
                service.getClass().getMethod("removeConnector", connector.getClass()).invoke(service, connector);
            }
        }
        System.out.println("S3Mock plain-HTTP connector removed");
    }
}
