package org.attest.tool.lti;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of admin HTML pages (under {@code /s/{token}/admin}), in whichever module it lives: its
 * pages get the operator flag for the admin navigation, and an {@link AdminRefused} becomes the admin error
 * page ({@link AdminPages}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AdminPage {
}
