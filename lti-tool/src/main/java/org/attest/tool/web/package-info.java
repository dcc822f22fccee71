/**
 * The small base every page shares: the launch's user and the {@code /s/{token}} base path each page's links
 * carry ({@code SessionModel}), and the landing a launch arrives at. Each feature's pages live in its own
 * {@code web} sub-package ({@code portfolio.web}, {@code gradebook.web}, {@code lti.web}, {@code standards.web});
 * nothing in a feature depends on this package.
 */
package org.attest.tool.web;
