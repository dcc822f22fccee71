/**
 * Evidence uploads: received while counted and hashed, refused when too large, empty or not what their name
 * says, and kept under generated keys in a {@code FileStore} (the filesystem by default, {@code attest.files.*}).
 */
package org.attest.tool.portfolio.internal.files;
