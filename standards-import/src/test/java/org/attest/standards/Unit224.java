package org.attest.standards;

import java.util.LinkedHashMap;
import java.util.Map;

/** What City &amp; Guilds Unit 224 says, as every layout of it must read. */
public final class Unit224 {

    public static final Map<String, String> PERFORMANCE = new LinkedHashMap<>();
    public static final Map<String, String> KNOWLEDGE = new LinkedHashMap<>();
    public static final Map<String, String> RANGE = new LinkedHashMap<>();

    static {
        PERFORMANCE.put("224.1.1", "ensure that you are up to date with the online services that your customers use");
        PERFORMANCE.put("224.1.2", "identify what the customer is trying to achieve and what they are having difficulties with");
        PERFORMANCE.put("224.1.3", "question your customer to discover the customer's degree of familiarity with the system");
        PERFORMANCE.put("224.1.4", "offer your customer the option of trying the online approach once more");
        PERFORMANCE.put("224.1.5", "agree with your customer the exact nature of the problem and steps that may be taken to overcome it.");
        PERFORMANCE.put("224.2.1", "explore the online customer system in order to develop your own knowledge and skills in its use");
        PERFORMANCE.put("224.2.2", "step through the screen sequence with your customer whilst allowing them to operate the system for themselves");
        PERFORMANCE.put("224.2.3", "address your customer in an understanding and supportive manner");
        PERFORMANCE.put("224.2.4", "explain to your customer why certain steps are required in the process");
        PERFORMANCE.put("224.2.5", "offer the options to your customer of stepping them through the process or completing the transaction themselves");
        PERFORMANCE.put("224.2.6", "promote access to additional services or products when supporting customers online.");
        KNOWLEDGE.put("224.3.1", "explain how your organisation's system for online service delivery works");
        KNOWLEDGE.put("224.3.2", "describe the importance of close active listening to discover what your customer is trying to achieve");
        KNOWLEDGE.put("224.3.3", "identify ways to communicate clearly with customers who have different levels of skills and understanding of the online system");
        KNOWLEDGE.put("224.3.4", "explain why it is generally preferable for your customer to complete a transaction for themselves");
        KNOWLEDGE.put("224.3.5", "explain the importance of building customer confidence in using the online system by supporting and encouraging");
        KNOWLEDGE.put("224.3.6", "compare the benefits and drawbacks of talking a customer through use of the system or completing the transaction themselves");
        KNOWLEDGE.put("224.3.7", "identify additional services or products that may be promoted to online customers.");
        RANGE.put("1a", "new to the use of online services for this particular purpose");
        RANGE.put("1b", "familiar with the use of online services for this particular purpose.");
        RANGE.put("2a", "the customer's use of the online services");
        RANGE.put("2b", "a system or equipment failure.");
    }

    public static final String TITLE = "Support customers using online customer services";

    private Unit224() {
    }
}
