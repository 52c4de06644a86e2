package com.demarc.notification.web;

import com.demarc.notification.NotificationUnsubscribe;
import com.demarc.shared.UserFacingException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;

/**
 * {@code /unsubscribe?token=…}: GET shows what the link turns off and a button; POST (the button, or a mail client's
 * RFC 8058 one-click {@code List-Unsubscribe=One-Click}) turns it off. No session, no CSRF token: the signed token is
 * the authority, and a GET never changes anything (link scanners open links).
 */
@RestController
class UnsubscribeController {
    private final NotificationUnsubscribe unsubscribe;
    private final String baseUrl;

    UnsubscribeController(NotificationUnsubscribe unsubscribe, @Value("${demarc.base-url:http://localhost:8080}") String baseUrl) {
        this.unsubscribe = unsubscribe;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @GetMapping(value = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@RequestParam(name = "token", required = false, defaultValue = "") String token) {
        try {
            var offer = unsubscribe.describe(token);
            return page(200, "Unsubscribe", "<p>Stop " + h(offer.what()) + " for <b>" + h(offer.username())
                    + "</b>? You still see them in Demarc's notification list.</p>"
                    + "<form method=\"post\" action=\"unsubscribe?token=" + h(UriUtils.encodeQueryParam(token, StandardCharsets.UTF_8))
                    + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                    + "<button type=\"submit\">Unsubscribe</button></form>");
        } catch (UserFacingException e) {
            return page(400, "Unsubscribe link not valid", "<p>" + h(e.getMessage()) + "</p>");
        }
    }

    @PostMapping(value = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> unsubscribe(@RequestParam(name = "token", required = false, defaultValue = "") String token) {
        try {
            var offer = unsubscribe.unsubscribe(token);
            return page(200, "Unsubscribed", "<p>Done: <b>" + h(offer.username()) + "</b> gets no more " + h(offer.what())
                    + ". To change this back, sign in and open your notification settings.</p>");
        } catch (UserFacingException e) {
            return page(400, "Unsubscribe link not valid", "<p>" + h(e.getMessage()) + "</p>");
        }
    }

    private ResponseEntity<String> page(int status, String heading, String content) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + h(heading) + " · Demarc</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
                + "<body style=\"font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem\"><h1>" + h(heading)
                + "</h1>" + content + "<p><a href=\"" + h(baseUrl + "/notifications/settings") + "\">Notification settings</a>"
                + "</p></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").body(html);
    }

    private static String h(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }
}
