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
        if (hooks.find(team) != null) {
            outbox.insertWebhook(team, text + "\n<" + links.link(route) + ">", clock.instant());
        }
    }
}
