package org.attest.standards;

/** Whether a group of criteria is an NVQ element or an RQF/QCF learning outcome. */
public enum ElementKind {
    /** NVQ: "When you have completed this unit, you will have proved that you: 224.1 can ...". */
    ELEMENT,
    /** RQF/QCF: "Learning outcomes — The learner will: 1 Understand ...". */
    LEARNING_OUTCOME
}
