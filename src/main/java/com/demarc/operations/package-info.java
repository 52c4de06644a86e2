/**
 * Running Demarc on several nodes and watching it: the Tomcat session route ({@code demarc.cluster.node-id}) that
 * keeps a reverse proxy's stickiness through the session id change at sign-in, and the readiness check that fails
 * while the database is unreachable (ADR 0019, docs/operations.md). Owns no table.
 */
@org.jspecify.annotations.NullMarked
package com.demarc.operations;
