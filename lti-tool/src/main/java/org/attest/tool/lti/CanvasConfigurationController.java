package org.attest.tool.lti;

import java.util.Map;
import org.attest.tool.lti.internal.ToolConfiguration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The URL a Canvas administrator pastes into a developer key ("Enter URL" under LTI 1.3 configuration). */
@RestController
class CanvasConfigurationController {

    private final ToolConfiguration tool;

    CanvasConfigurationController(ToolConfiguration tool) {
        this.tool = tool;
    }

    @GetMapping(path = "/lti/canvas.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> canvasConfiguration() {
        return tool.canvasConfiguration();
    }
}
