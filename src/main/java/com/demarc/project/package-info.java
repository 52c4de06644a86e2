/** Projects, their AWS services, and the per-project control register with effective owner, status and history. */
@org.jspecify.annotations.NullMarked
package com.demarc.project;
