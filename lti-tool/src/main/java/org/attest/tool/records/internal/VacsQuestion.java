package org.attest.tool.records.internal;

/** The seven yes/no questions of the assessment report, worded exactly as the form asks them. */
public enum VacsQuestion {
    MORE_SKILLS("Are more skills and techniques evidence required?"),
    MORE_KNOWLEDGE("Is more knowledge evidence required?"),
    MORE_PORTFOLIO("Is more portfolio evidence required?"),
    COMPETENCES_MET("Have all the skills and techniques/competencies been met?"),
    KNOWLEDGE_MET("Have the knowledge and understanding requirements been met?"),
    VACS("Is the portfolio evidence valid, sufficient, current and authentic?"),
    AUTHENTICATED("Has the evidence been properly authenticated?");

    private final String question;

    VacsQuestion(String question) {
        this.question = question;
    }

    public String question() {
        return question;
    }
}
