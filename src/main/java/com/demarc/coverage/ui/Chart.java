package com.demarc.coverage.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** An Apache ECharts chart (the {@code demarc-chart} web component in frontend/), configured with an option JSON. */
@Tag("demarc-chart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./components/demarc-chart.js")
class Chart extends Component implements HasSize {

    Chart(String id, String height) {
        setId(id);
        setWidthFull();
        setHeight(height);
    }

    /** The ECharts option as maps and lists of strings, numbers, booleans and dates, written as JSON by Jackson. */
    void setOption(Map<String, ?> option) {
        getElement().setAttribute("option", JsonMapper.shared().writeValueAsString(option));
    }

    Registration addClickListener(ComponentEventListener<ClickEvent> listener) {
        return addListener(ClickEvent.class, listener);
    }

    /** A click on a bar, point or cell: its category name and series. */
    @DomEvent("chart-click")
    public static class ClickEvent extends ComponentEvent<Chart> {
        private final String name;
        private final String series;

        public ClickEvent(Chart source, boolean fromClient, @EventData("event.detail.name") String name,
                   @EventData("event.detail.series") String series) {
            super(source, fromClient);
            this.name = name;
            this.series = series;
        }

        String name() {
            return name;
        }

        String series() {
            return series;
        }
    }
}
