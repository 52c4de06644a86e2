/**
 * The REST API v1 for scripts and CI jobs ({@code /api/v1}): personal access tokens and team service accounts, the
 * stateless bearer-token filter chain with per-token rate limits, the endpoints (which call the other modules'
 * services only), RFC 9457 problem details and the OpenAPI 3 document (ADR 0021).
 */
@org.jspecify.annotations.NullMarked
package com.demarc.api;
