/**
 * Notifications: fed by the events other modules publish (RACI assignments, status and due-date changes, evidence
 * submitted and reviewed), written in the changing transaction, shown in an in-app inbox with a bell (ADR 0014).
 */
@org.jspecify.annotations.NullMarked
package com.demarc.notification;
