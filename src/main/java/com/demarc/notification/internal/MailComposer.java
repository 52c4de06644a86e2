package com.demarc.notification.internal;

import com.demarc.notification.internal.OutboxRepository.Message;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.util.List;

/** Subject, plain text and HTML of a notification mail or a digest; every link absolute from demarc.base-url. */
@Component
class MailComposer {
    private final String baseUrl;

    MailComposer(@Value("${demarc.base-url:http://localhost:8080}") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    record Mail(String subject, String text, String html) {
    }

    String link(String route) {
        return baseUrl + "/" + (route.isBlank() ? "notifications" : route);
    }

    String preferencesUrl() {
        return link("notifications/settings");
    }

    String unsubscribeUrl(String token) {
        return baseUrl + "/unsubscribe?token=" + org.springframework.web.util.UriUtils.encodeQueryParam(token,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    Mail single(Message m) {
        String url = link(m.link());
        String text = m.title() + "\n\n" + m.body() + "\n\nOpen in Demarc: " + url + "\n\n-- \n" + footerText();
        String html = page(h(m.title()), "<p style=\"white-space:pre-line\">" + h(m.body()) + "</p>"
                + "<p><a href=\"" + h(url) + "\">Open in Demarc</a></p>");
        return new Mail("[Demarc] " + oneLine(m.title()), text, html);
    }

    Mail digest(List<Message> items) {
        var text = new StringBuilder("Your Demarc digest: " + items.size() + " notification"
                + (items.size() == 1 ? "" : "s") + "\n\n");
        var html = new StringBuilder("<ul>");
        for (var m : items) {
            String url = link(m.link());
            text.append("* ").append(m.title()).append('\n').append("  ").append(m.body().replace("\n", "\n  "))
                    .append("\n  ").append(url).append("\n\n");
            html.append("<li><a href=\"").append(h(url)).append("\">").append(h(m.title())).append("</a>")
                    .append("<div style=\"white-space:pre-line;color:#555\">").append(h(m.body())).append("</div></li>");
        }
        html.append("</ul>");
        text.append("-- \n").append(footerText());
        return new Mail("[Demarc] Daily digest: " + items.size() + " notification" + (items.size() == 1 ? "" : "s"),
                text.toString(), page("Your Demarc digest", html.toString()));
    }

    private String footerText() {
        return "You get this because of your Demarc notification settings: " + preferencesUrl();
    }

    private String page(String heading, String content) {
        return "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><h2>" + heading + "</h2>" + content
                + "<hr><p style=\"font-size:small;color:#777\">You get this because of your "
                + "<a href=\"" + h(preferencesUrl()) + "\">Demarc notification settings</a>.</p></body></html>";
    }

    private static String h(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }

    private static String oneLine(String s) {
        var line = s.replaceAll("[\\r\\n]+", " ");
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }
}
