package org.attest.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** An auto-submitting form as a page renders it: where it posts and its hidden fields, for driving the flow without a browser. */
record AutoPostForm(String action, Map<String, String> fields) {

    private static final Pattern FORM = Pattern.compile("<form[^>]*\\saction=\"([^\"]*)\"");
    private static final Pattern FIELD = Pattern.compile("<input[^>]*\\sname=\"([^\"]*)\"[^>]*\\svalue=\"([^\"]*)\"");

    static AutoPostForm in(String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("the page has no form:\n" + html);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher field = FIELD.matcher(html);
        while (field.find()) {
            fields.put(HtmlUtils.htmlUnescape(field.group(1)), HtmlUtils.htmlUnescape(field.group(2)));
        }
        return new AutoPostForm(HtmlUtils.htmlUnescape(form.group(1)), fields);
    }
}
