package com.demarc.coverage.ui;

import com.demarc.coverage.Dashboard;
import com.demarc.coverage.GapQuery;
import com.demarc.organization.TeamId;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The dashboard's teams piece: coverage per team (a manager's hundreds of teams scroll in a grid). */
class TeamsPiece extends Composite<VerticalLayout> {

    TeamsPiece(Dashboard d) {
        getContent().setPadding(false);
        getContent().add(new CoveragePanel("by-team", "By team", d.byTeam(),
                c -> GapQuery.of(GapQuery.Kind.NOT_COVERED).withTeam(new TeamId(Long.parseLong(c.key())))));
    }
}
