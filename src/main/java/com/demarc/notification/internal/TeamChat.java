package com.demarc.notification.internal;

import com.demarc.project.ProjectId;
import com.demarc.project.ProjectService;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Queues a post to the chat webhook of a project's team, if it has one, in the changing transaction (the outbox). */
@Component
class TeamChat {
    private final WebhookRepository hooks;
    private final OutboxRepository outbox;
    private final ProjectService projects;
    private final MailComposer links;
    private final Clock clock;

    TeamChat(WebhookRepository hooks, OutboxRepository outbox, ProjectService projects, MailComposer links, Clock clock) {
        this.hooks = hooks;
        this.outbox = outbox;
        this.projects = projects;
        this.links = links;
        this.clock = clock;
    }

    void post(ProjectId project, String text, String route) {
        if (!hooks.any()) {
            return;
        }
        long team = projects.project(project).teamId().value();
        var hook = hooks.find(team);
        if (hook != null && hook.enabled()) {
            outbox.insertWebhook(team, text + "\n<" + links.link(route) + ">", clock.instant());
        }
    }

    /**
     * RACI changes: one post per team for the whole change (a template over 1,000 projects is one summary, not 1,000
     * posts). {@code lines} per project, e.g. "Payments · SRM-IAM-02: Alice Anders now Responsible".
     */
    void postRaci(java.util.Map<ProjectId, java.util.List<String>> lines, String by) {
        if (lines.isEmpty() || !hooks.any()) {
            return;
        }
        var byTeam = new java.util.LinkedHashMap<Long, java.util.List<String>>();
        var firstProject = new java.util.HashMap<Long, ProjectId>();
        lines.forEach((project, l) -> {
            long team = projects.project(project).teamId().value();
            byTeam.computeIfAbsent(team, t -> new java.util.ArrayList<>()).addAll(l);
            firstProject.putIfAbsent(team, project);
        });
        byTeam.forEach((team, l) -> {
            var hook = hooks.find(team);
            if (hook == null || !hook.enabled()) {
                return;
            }
            var text = new StringBuilder();
            if (l.size() == 1) {
                text.append("RACI: ").append(l.getFirst()).append(" (by ").append(by).append(")\n<")
                        .append(links.link("projects/" + firstProject.get(team).value())).append('>');
            } else {
                text.append("RACI changed on ").append(l.size()).append(" assignments (by ").append(by).append("):\n");
                l.stream().limit(20).forEach(x -> text.append("• ").append(x).append('\n'));
                if (l.size() > 20) {
                    text.append("… and ").append(l.size() - 20).append(" more\n");
                }
                text.append('<').append(links.link("matrix")).append('>');
            }
            outbox.insertWebhook(team, text.toString(), clock.instant());
        });
    }
}
