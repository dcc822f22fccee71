package org.attest.bench.portfolio;

import java.util.List;

/** Names and evidence wording for generated rows: customer service work as learners record it. */
final class Wording {

    static final List<String> FIRST_NAMES = List.of("Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur",
            "Ivy", "Muhammad", "Grace", "Leo", "Freya", "Harry", "Lily", "Oscar", "Florence", "Archie", "Willow", "Jack",
            "Rosie", "Henry", "Sophia", "Theo", "Evie", "Charlie", "Ella", "Freddie", "Poppy", "Alfie", "Daisy", "Thomas",
            "Sienna", "Jacob", "Aisha", "Joshua", "Priya", "Kwame", "Zara", "Mohammed", "Chloe", "Ethan", "Hannah", "Ryan",
            "Megan", "Callum", "Niamh", "Owen", "Eilidh", "Rhys");
    static final List<String> LAST_NAMES = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
            "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
            "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward",
            "Hughes", "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Scott",
            "Watson", "Davis", "Parker", "James", "Bennett", "Young", "Phillips", "Richardson", "Mitchell", "Ahmed",
            "Campbell", "Murray", "Kaur", "Begum", "Singh", "MacDonald", "Reid", "Kelly", "Nowak");
    static final List<String> TOWNS = List.of("Barnsley", "Bristol", "Cardiff", "Derby", "Exeter", "Glasgow", "Hull",
            "Ipswich", "Leeds", "Luton", "Norwich", "Oldham", "Preston", "Reading", "Salford", "Swansea", "Telford",
            "Wigan", "York", "Dundee");

    /** Title, method codes and the first sentence of the account, by kind of work. */
    record Work(String title, String methods, String account) {
    }

    static final List<Work> WORK = List.of(
            new Work("Observation: live chat about a late delivery", "OBSERVATION",
                    "My assessor watched me handle a live chat with a customer whose parcel had not arrived."),
            new Work("Email reply to a complaint about a faulty kettle", "PRODUCT_EVIDENCE",
                    "I answered a customer's email complaint about a kettle that stopped working after a week."),
            new Work("Observation: password reset on the customer portal", "OBSERVATION,QUESTIONING",
                    "I helped a customer who was locked out of their account on our online portal."),
            new Work("Witness testimony: refund request handled online", "WITNESS_TESTIMONY",
                    "My team leader saw me process a refund request that came in through the web form."),
            new Work("Social media reply about opening hours", "PRODUCT_EVIDENCE",
                    "A customer asked on our social media page why the branch closed early on Saturday."),
            new Work("Professional discussion: an angry customer on chat", "PROFESSIONAL_DISCUSSION",
                    "I discussed with my assessor how I calmed down a customer who was angry about a double charge."),
            new Work("Observation: changing a delivery address", "OBSERVATION",
                    "A customer asked on chat to change the delivery address of an order already dispatched."),
            new Work("Questions on data protection and order details", "QUESTIONING",
                    "My assessor asked me what I may and may not tell a caller about someone else's order."),
            new Work("FAQ update for the returns page", "PRODUCT_EVIDENCE",
                    "I noticed many customers asked the same question about returns, so I drafted a new FAQ answer."),
            new Work("Witness testimony: escalation to the duty manager", "WITNESS_TESTIMONY",
                    "My supervisor saw me pass a complex billing query to the duty manager with a clear summary."));

    static final String ACCOUNT_MIDDLE = " I checked the customer's record, explained the options in plain words and "
            + "confirmed what would happen next and by when. I followed our procedure and recorded the contact in the "
            + "case system.";
    static final String ACCOUNT_END = " The customer thanked me and the case was closed the same day.";

    static final List<String> DESCRIPTORS = List.of("new to the online service", "familiar with the online service",
            "had a problem with the online service", "asked for information only", "made a complaint");

    private Wording() {
    }

    static String learnerName(long learner) {
        long h = Ids.mix(learner * 31 + 7);
        return FIRST_NAMES.get((int) Math.floorMod(h, (long) FIRST_NAMES.size())) + " "
                + LAST_NAMES.get((int) Math.floorMod(h >>> 20, (long) LAST_NAMES.size()));
    }

    static String assessorName(int course, boolean qualified) {
        return learnerName(10_000_000L + 2L * course + (qualified ? 0 : 1));
    }

    static String centreName(int centre) {
        return TOWNS.get(centre % TOWNS.size()) + " College" + (centre >= TOWNS.size() ? " " + (centre / TOWNS.size() + 1) : "");
    }
}
