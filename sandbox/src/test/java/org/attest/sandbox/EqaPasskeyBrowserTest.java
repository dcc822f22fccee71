package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.test.context.TestPropertySource;

/**
 * The sandbox's ready-made external verifier in a real browser, with Chromium's virtual authenticator (a platform
 * authenticator that verifies its user): she opens the one-time link from the course page, types the code, adds a
 * passkey, signs out, and signs in again with the passkey alone. Each page is photographed
 * (target/screenshots/eqa-passkey), checked with axe, and at 320 px; no script breaks the Content-Security-Policy.
 */
@Tag("browser")
@TestPropertySource(properties = "attest.test.sandbox=eqa-passkey-browser")
class EqaPasskeyBrowserTest extends UnitFlowBrowserSupport {

    @Override
    java.nio.file.Path screenshots() {
        return SCREENSHOTS.resolve("eqa-passkey");
    }

    @Test
    void anExternalVerifierAddsAPasskeySignsOutAndSignsInWithItAlone() throws Exception {
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(
                new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL).setHasResidentKey(true)
                        .setHasUserVerification(true).setIsUserVerified(true));
        openCourse();
        page("course-with-eqa-access");
        narrow("course-with-eqa-access");
        String link = driver.findElement(By.id("eqa-link")).getDomAttribute("href");
        String code = text("eqa-code");
        assertThat(link).startsWith("http://localhost:" + port + "/eqa/");

        driver.get(link);
        waitFor("the EQA sign-in page", ExpectedConditions.presenceOfElementLocated(By.id("code")));
        driver.findElement(By.id("code")).sendKeys(code);
        clickThrough(driver.findElement(By.cssSelector("form button[type=submit]")), "the EQA's home");
        assertThat(text("eqa-title")).isEqualTo("External verification");

        clickThrough(driver.findElement(By.id("passkeys-link")), "the EQA's passkeys");
        assertThat(text("no-passkeys")).isEqualTo("You have no passkey yet.");
        page("eqa-passkeys");
        narrow("eqa-passkeys");
        driver.findElement(By.id("passkey-label")).clear();
        driver.findElement(By.id("passkey-label")).sendKeys("Test laptop");
        clickThrough(driver.findElement(By.id("add-passkey")), "the passkeys page after adding one");
        assertThat(text("passkey-added")).startsWith("Your passkey was added.");
        assertThat(text("passkeys")).contains("Test laptop", "not yet");
        assertThat(authenticator.getCredentials()).hasSize(1);
        page("eqa-passkey-added");
        narrow("eqa-passkey-added");

        clickThrough(driver.findElement(By.cssSelector("form.sign-out button")), "the signed-out page");
        clickThrough(driver.findElement(By.id("passkey-sign-in")), "the passkey sign-in page");
        page("eqa-passkey-sign-in");
        narrow("eqa-passkey-sign-in");
        clickThrough(driver.findElement(By.id("sign-in-with-passkey")), "the EQA's home after the passkey");
        assertThat(text("eqa-title")).isEqualTo("External verification");
        assertThat(driver.getCurrentUrl()).startsWith("http://localhost:" + port + "/s/");

        assertThat(accessibilityProblems).as("axe found serious or critical problems:\n" + String.join("\n", accessibilityProblems))
                .isEmpty();
    }
}
