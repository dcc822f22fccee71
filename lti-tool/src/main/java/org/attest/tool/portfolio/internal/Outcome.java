package org.attest.tool.portfolio.internal;


/** An assessor's judgement on one criterion. */
public enum Outcome {
    MET,
    NOT_YET
}
