package org.attest.standards;

/**
 * A witness status category ("3 Occupational expert familiar with standards"): how much weight
 * an assessor may give a witness's testimony.
 */
public record WitnessStatus(int category, String description) {
}
