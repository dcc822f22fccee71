package org.attest.sandbox;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** How the AGS and NRPS endpoints answer a request they refuse: OAuth-style JSON, with a Bearer challenge on 401 and 403. */
@RestControllerAdvice(assignableTypes = {GradeServicesController.class, MembershipsController.class})
@ConditionalOnSandbox
class ServiceRefusals {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ExceptionHandler(ServiceRefusal.class)
    ResponseEntity<String> refused(ServiceRefusal refusal) {
        ObjectNode error = JSON.createObjectNode();
        error.put("error", refusal.code());
        error.put("error_description", refusal.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status()).header(HttpHeaders.CONTENT_TYPE, "application/json")
                .cacheControl(CacheControl.noStore());
        if (refusal.status() == 401 || refusal.status() == 403) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + refusal.code() + "\"");
        }
        return response.body(JSON.writeValueAsString(error));
    }
}
