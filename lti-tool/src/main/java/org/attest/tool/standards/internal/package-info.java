/**
 * The standards module's inside, not for other modules: importing CASE packages as framework versions
 * ({@link org.attest.tool.standards.internal.FrameworkImport}, all or nothing, with the criterion changes
 * against the version replaced), seeding the bundled samples, who owns a framework and who may import
 * it, and the versions of a framework for the admin pages. Public only where {@code standards.web} needs it.
 */
package org.attest.tool.standards.internal;
