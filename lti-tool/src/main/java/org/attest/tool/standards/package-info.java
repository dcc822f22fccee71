/**
 * The competence frameworks Attest assesses against: CASE packages imported as framework versions,
 * which version of each is current, and which a platform's courses are offered.
 *
 * <p><b>API</b> (this package): {@link org.attest.tool.standards.FrameworkCatalog} (the frameworks and
 * units a course may place, and any version by id) and {@link org.attest.tool.standards.FrameworkVersionImported}
 * (the event that a new version is current, with the criteria it changed, added and removed).
 *
 * <p><b>Inside</b>: {@code internal} imports CASE packages as versions, seeds the bundled samples, keeps
 * who owns a framework and lists its versions and their criterion changes; {@code web} holds the
 * administrators' framework pages and API.
 */
package org.attest.tool.standards;
