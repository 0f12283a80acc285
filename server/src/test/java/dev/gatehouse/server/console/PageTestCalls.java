package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the Keys, Teams and Playground page tests do outside the browser: admin calls with the
 * owner's key (to set a scene, to check what the page did) and model requests with a virtual key
 * from the JDK's HttpClient, as a client of the gateway would send them.
 */
final class PageTestCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConsoleGateways.Running running;

    PageTestCalls(ConsoleGateways.Running running) {
        this.running = running;
    }

    /** An admin call with the owner's key that must answer {@code status}; its JSON. */
    JsonNode admin(int status, String method, String path, String body) {
        HttpResponse<String> response = send(running.base() + path, method, "Bearer " + running.ownerKey(), body);
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        return Json.parseUpstream(response.body(), "test");
    }

    /** A chat completion with {@code secret} on the model routes; the whole response. */
    HttpResponse<String> chat(String secret, String model, String text) {
        return send(running.modelBase() + "/v1/chat/completions", "POST", "Bearer " + secret,
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
    }

    /** The keys' ids the store holds. */
    List<String> keyIds() {
        return running.control().keys().keys().stream().map(key -> key.id()).toList();
    }

    private static HttpResponse<String> send(String url, String method, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs in on the form shown at {@code page} ({@code /ui#/keys}): the console then opens that
     * page rather than the overview.
     */
    static void signInAt(ConsoleBrowser browser, String adminKey, String page) {
        browser.open(page);
        browser.type(By.id("admin-key"), adminKey);
        browser.click(By.id("sign-in"));
        browser.waitFor(By.id("sign-out"));
    }

    /**
     * Records every request the page sends from now on (method, path, body) in {@code window.sentByPage},
     * so a test can check what an edit sent. A test's probe; the console's own code has no such hook.
     */
    static void recordRequests(ConsoleBrowser browser) {
        browser.driver().executeScript("if (!window.sentByPage) { window.sentByPage = []; const f = window.fetch;"
                + " window.fetch = (url, options) => { window.sentByPage.push({method: (options && options.method) || 'GET',"
                + " path: String(url), body: (options && options.body) || null}); return f(url, options); }; }");
    }

    /** The bodies of the requests recorded with {@code method} to {@code path}. */
    @SuppressWarnings("unchecked")
    static List<String> sentBodies(ConsoleBrowser browser, String method, String path) {
        List<Object> sent = (List<Object>) browser.driver().executeScript("return window.sentByPage || []");
        return sent.stream().map(entry -> (java.util.Map<String, Object>) entry)
                .filter(entry -> method.equals(entry.get("method")) && path.equals(entry.get("path")))
                .map(entry -> (String) entry.get("body")).toList();
    }

    /**
     * Clicks {@code refresh} until {@code read} of the element {@code by} passes {@code done}: the
     * spend log is written in batches, so what the page reads changes a flush later. At most a
     * bounded number of tries; no time is asserted.
     */
    static String refreshUntil(ConsoleBrowser browser, By refresh, By by, java.util.function.Predicate<String> done,
            java.util.function.Function<WebElement, String> read, Supplier<String> what) {
        String value = null;
        for (int i = 0; i < 60; i++) {
            WebElement old = browser.driver().findElements(by).stream().findFirst().orElse(null);
            browser.click(refresh);
            if (old != null) {
                // The page draws itself again: wait for the old value to go, then read the new one.
                new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(old));
            }
            value = read.apply(browser.waitFor(by));
            if (done.test(value)) {
                return value;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(what.get() + "; last seen: " + value);
    }
}
