package org.attest.standards;

/** What a unit's evidence requirements say about simulated evidence. */
public enum SimulationRule {
    /** "Simulation is not allowed for any performance evidence within this unit." */
    NOT_ALLOWED_FOR_PERFORMANCE,
    /** "Simulation is not allowed" without qualification. */
    NOT_ALLOWED,
    /** The document allows simulation. */
    ALLOWED,
    /** The document says nothing about simulation. */
    NOT_STATED
}
