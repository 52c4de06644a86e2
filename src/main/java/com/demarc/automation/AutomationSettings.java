package com.demarc.automation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code demarc.automation.*}: how long a passing check counts as fresh evidence ({@code freshness}, default 7 days)
 * and the largest results file an import reads ({@code max-file-size}, refused while streaming).
 */
@ConfigurationProperties("demarc.automation")
public record AutomationSettings(@DefaultValue("7d") Duration freshness, @DefaultValue("512MB") DataSize maxFileSize) {
}
