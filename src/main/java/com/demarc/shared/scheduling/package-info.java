/** Scheduled jobs that run once across app nodes (ShedLock on PostgreSQL). */
@org.jspecify.annotations.NullMarked
package com.demarc.shared.scheduling;
