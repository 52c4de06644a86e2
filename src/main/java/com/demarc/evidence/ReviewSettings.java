package com.demarc.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Evidence review rules, set with {@code demarc.evidence.*}: {@code allow-self-review} lets the uploader accept
 * their own evidence (one-person teams only; every such acceptance is audited as a self-review). Off by default.
 */
@ConfigurationProperties("demarc.evidence")
public record ReviewSettings(boolean allowSelfReview) {
}
